using System.Text.Json;

namespace GiamNgheo.Functions.Tests.LocalHost;

public sealed class TimerTriggerRunnerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_second_schedule_fires_with_timer_info_and_no_status()
    {
        using var root = TestAppRoot.Create(("tick-test", """
            { "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "* * * * * *" } ] }
            """));

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        var fired = await handler.WaitForAsync(recorded => recorded.Count >= 2, "two ticks");

        using var invocation = await fired[1].ReadAsync();
        var timer = invocation.DataTimer("timer")!;
        Assert.Null(timer.ScheduleStatus);
        Assert.False(timer.IsPastDue);
        Assert.True(timer.Schedule.AdjustForDST);
        Assert.Equal("tick-test", invocation.MetadataObject("sys")!.Value.GetProperty("MethodName").GetString());
        Assert.Equal(JsonValueKind.Object, fired[1].Json().GetProperty("Data").GetProperty("timer").ValueKind);
    }

    [Fact]
    public async Task Run_on_startup_fires_at_once_and_monitored_schedule_reports_its_status()
    {
        var function = TestAppRoot.UniqueName("yearly");
        using var root = TestAppRoot.Create((function, """
            { "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "0 0 0 1 1 *", "runOnStartup": true } ] }
            """));

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        var fired = Assert.Single(await handler.WaitForAsync(recorded => recorded.Count >= 1, "the start-up run"));

        using var invocation = await fired.ReadAsync();
        var status = invocation.DataTimer("timer")!.ScheduleStatus!;
        Assert.Equal(DateTimeOffset.MinValue, status.Last);
        Assert.False(invocation.DataTimer("timer")!.IsPastDue);
        var statusBlob = azurite.Blobs.GetBlobContainerClient("azure-webjobs-hosts").GetBlobClient($"timers/local/Host.Functions.{function}/status");
        await handler.WaitForAsync(_ => statusBlob.Exists().Value, "the schedule status");
    }

    [Fact]
    public async Task Occurrence_missed_while_down_fires_as_past_due_at_start()
    {
        var function = TestAppRoot.UniqueName("hourly");
        using var root = TestAppRoot.Create((function, """
            { "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "timer", "schedule": "0 0 * * * *" } ] }
            """));
        var hosts = azurite.Blobs.GetBlobContainerClient("azure-webjobs-hosts");
        await hosts.CreateIfNotExistsAsync();
        var missed = DateTimeOffset.UtcNow.AddHours(-1);
        await hosts.GetBlobClient($"timers/local/Host.Functions.{function}/status").UploadAsync(BinaryData.FromString($$"""
            { "Last": "{{missed.AddHours(-1):O}}", "Next": "{{missed:O}}", "LastUpdated": "{{missed.AddHours(-1):O}}" }
            """));

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        var fired = Assert.Single(await handler.WaitForAsync(recorded => recorded.Count >= 1, "the past-due run"));

        using var invocation = await fired.ReadAsync();
        var timer = invocation.DataTimer("timer")!;
        Assert.True(timer.IsPastDue);
        Assert.Equal(missed, timer.ScheduleStatus!.Next);
    }
}
