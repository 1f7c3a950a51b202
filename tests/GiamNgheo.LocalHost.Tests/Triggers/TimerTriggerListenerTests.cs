using System.Text.Json;
using Azure.Storage.Blobs;
using GiamNgheo.LocalHost.Functions;
using GiamNgheo.LocalHost.Tests.Support;
using GiamNgheo.LocalHost.Triggers;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.LocalHost.Tests.Triggers;

/// <summary>Timer functions the listener tests drive: the app's sweep is monitored; the others cover the defaults.</summary>
public sealed class TestTimerFunctions(Deliveries deliveries)
{
    public const string Hourly = "test-hourly";
    public const string EverySecond = "test-every-second";
    public const string YearlyOnStartup = "test-yearly-on-startup";

    [Function(Hourly)]
    public Task HourlyAsync([TimerTrigger("0 0 * * * *", UseMonitor = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        deliveries.RecordAsync(new Delivery(Hourly, "tick", new Dictionary<string, string>(), timer), cancellationToken);

    [Function(EverySecond)]
    public Task EverySecondAsync([TimerTrigger("* * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        deliveries.RecordAsync(new Delivery(EverySecond, "tick", new Dictionary<string, string>(), timer), cancellationToken);

    [Function(YearlyOnStartup)]
    public Task YearlyOnStartupAsync([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true, UseMonitor = false)] TimerInfo timer, CancellationToken cancellationToken) =>
        deliveries.RecordAsync(new Delivery(YearlyOnStartup, "tick", new Dictionary<string, string>(), timer), cancellationToken);
}

public sealed class TimerTriggerListenerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset HalfPastTen = new(2025, 9, 2, 10, 30, 0, TimeSpan.Zero);

    private readonly Deliveries _deliveries = new();
    private readonly CapturingLogger _log = new();
    private readonly TestClock _clock = new(HalfPastTen);

    [Fact]
    public async Task Occurrence_missed_while_stopped_fires_once_as_past_due_after_a_restart_with_use_monitor()
    {
        var function = TestFunctions.Named(TestTimerFunctions.Hourly) with { Name = TestFunctions.UniqueName("hourly") };

        await using (var first = Start(function))
        {
            await _clock.WaitForTimersAsync(1, "the wait for 11:00", Log);
            Assert.Empty(_deliveries.All);
            await _clock.AdvanceOnePassAsync(TimeSpan.FromMinutes(30), "the 11:00 run", Log);
            var onTime = Assert.Single(_deliveries.All).Timer!;
            Assert.False(onTime.IsPastDue);
            Assert.Equal(At(11), Utc(onTime.ScheduleStatus!.Next));
            Assert.Equal((At(11), At(12)), await ReadStatusAsync(function));
        }

        // Down through 12:00 and 13:00; the host fires one past-due run for them, not one per missed occurrence.
        _clock.Advance(TimeSpan.FromHours(2.5));
        var timers = _clock.TimersCreated;
        await using var second = Start(function);
        await _clock.WaitForTimersAsync(timers + 1, "the wait for 14:00", Log);

        Assert.Equal(2, _deliveries.All.Count);
        var pastDue = _deliveries.All[1].Timer!;
        Assert.True(pastDue.IsPastDue);
        Assert.Equal((At(11), At(12)), (Utc(pastDue.ScheduleStatus!.Last), Utc(pastDue.ScheduleStatus.Next)));
        Assert.Equal((At(12), At(14)), await ReadStatusAsync(function));
        Assert.Contains(_log.Lines, line => line.Contains("was missed; firing now as past due", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unmonitored_timer_ignores_the_status_and_runs_on_startup_once()
    {
        var function = TestFunctions.Named(TestTimerFunctions.YearlyOnStartup) with { Name = TestFunctions.UniqueName("yearly") };
        var stale = """{ "Last": "2024-01-01T00:00:00Z", "Next": "2025-01-01T00:00:00Z", "LastUpdated": "2024-01-01T00:00:00Z" }""";
        await StatusBlob(function).UploadAsync(BinaryData.FromString(stale));

        await using var listener = Start(function);
        await _clock.WaitForTimersAsync(1, "the wait for next new year", Log);

        var timer = Assert.Single(_deliveries.All).Timer!;
        Assert.False(timer.IsPastDue);
        Assert.Null(timer.ScheduleStatus);
        Assert.Equal(stale, (await StatusBlob(function).DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Every_second_timer_fires_each_second_without_schedule_monitoring()
    {
        // Declared without UseMonitor: the host keeps no status for schedules under a minute.
        var function = TestFunctions.Named(TestTimerFunctions.EverySecond) with { Name = TestFunctions.UniqueName("every-second") };

        await using var listener = Start(function);
        await _clock.WaitForTimersAsync(1, "the first wait", Log);
        await _clock.AdvanceOnePassAsync(TimeSpan.FromSeconds(1), "the first tick", Log);
        await _clock.AdvanceOnePassAsync(TimeSpan.FromSeconds(1), "the second tick", Log);

        Assert.Equal(2, _deliveries.All.Count);
        Assert.All(_deliveries.All, d => Assert.Null(d.Timer!.ScheduleStatus));
        Assert.False((await StatusBlob(function).ExistsAsync()).Value);
    }

    [Fact]
    public async Task Failed_run_is_not_retried_and_the_status_still_moves_on()
    {
        var function = TestFunctions.Named(TestTimerFunctions.Hourly) with { Name = TestFunctions.UniqueName("hourly") };
        _deliveries.Behaviour = Deliveries.Fail;

        await using var listener = Start(function);
        await _clock.WaitForTimersAsync(1, "the wait for 11:00", Log);
        await _clock.AdvanceOnePassAsync(TimeSpan.FromMinutes(30), "the 11:00 run", Log);

        Assert.Single(_deliveries.All);
        Assert.Equal((At(11), At(12)), await ReadStatusAsync(function));
        Assert.Contains(_log.Lines, line => line.StartsWith("Warning: ", StringComparison.Ordinal) && line.Contains("test function fails", StringComparison.Ordinal));
    }

    private static DateTimeOffset At(int hour) => new(2025, 9, 2, hour, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private string Log() => _log.ToString();

    private ListenerRun Start(FunctionDescriptor function)
    {
        var invoker = TestFunctions.Invoker(TestFunctions.Settings, _deliveries);
        return ListenerRun.Start(new TimerTriggerListener(function, azurite.Blobs, invoker, _clock, _log));
    }

    /// <summary>The schedule status where the Functions host keeps it.</summary>
    private BlobClient StatusBlob(FunctionDescriptor function)
    {
        var hosts = azurite.Blobs.GetBlobContainerClient("azure-webjobs-hosts");
        hosts.CreateIfNotExists();
        return hosts.GetBlobClient($"timers/local/Host.Functions.{function.Name}/status");
    }

    private async Task<(DateTimeOffset Last, DateTimeOffset Next)> ReadStatusAsync(FunctionDescriptor function)
    {
        var status = JsonDocument.Parse((await StatusBlob(function).DownloadContentAsync()).Value.Content.ToString()).RootElement;
        return (status.GetProperty("Last").GetDateTimeOffset(), status.GetProperty("Next").GetDateTimeOffset());
    }
}
