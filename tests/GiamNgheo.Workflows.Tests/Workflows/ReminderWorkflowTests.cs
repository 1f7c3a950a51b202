using GiamNgheo.Testing;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Notifications;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Reporting;
using GiamNgheo.Workflows.Tests.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Workflows.Tests.Workflows;

/// <summary>The reminder orchestration run for real (in-memory Durable host, storage on Azurite) against a clock set so that
/// the plan's points fall seconds apart in real time.</summary>
public sealed class ReminderWorkflowTests(WorkflowsOnAzurite azurite) : IClassFixture<WorkflowsOnAzurite>, IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(40);

    // Due Wednesday 10 June 2026 at the default 08:00: 3 days before is Sunday 7 June, moved to Friday 5 June; 1 day before is Tuesday 9 June.
    private static readonly DateOnly Due = new(2026, 6, 10);
    private static readonly DateTimeOffset ThreeDaysBefore = VietnamTime.At(new DateOnly(2026, 6, 5), new TimeOnly(8, 0));
    private static readonly DateTimeOffset OneDayBefore = VietnamTime.At(new DateOnly(2026, 6, 9), new TimeOnly(8, 0));

    private readonly ShiftedClock _clock = new();
    private DurableTaskTestHost? _durable;
    private Outbox _outbox = null!;
    private PlanStore _plans = null!;
    private PeriodReportStore _reports = null!;
    private ReminderScheduler _scheduler = null!;

    private DurableTaskClient Durable => _durable!.Client;

    public async Task InitializeAsync()
    {
        var notifications = new NotificationStorage(
            new BlobServiceClient(azurite.Azurite.ConnectionString),
            new TableServiceClient(azurite.Azurite.ConnectionString),
            new QueueServiceClient(azurite.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        await notifications.EnsureCreatedAsync();
        _outbox = new Outbox(notifications, _clock);
        _plans = new PlanStore(azurite.Storage, _clock);
        _reports = new PeriodReportStore(azurite.Storage, _clock);
        IReminderSubjectSource[] sources = [new PlanReminderSource(_plans, _reports, _clock)];
        _scheduler = new ReminderScheduler(sources);
        var planner = new ReminderPlanner(WorkingDayCalendar.Default.IsWorkingDay, ReminderPlannerOptions.Default);
        var rounds = new ReminderRounds(sources, planner, _outbox, _clock);

        if (Environment.GetEnvironmentVariable("Logging__LogLevel__Default") is null)
            Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        _durable = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddOrchestrator<ReminderOrchestration>().AddActivity<ReminderRoundActivity>(),
            new DurableTaskTestHostOptions { Port = LoopbackPorts.Free(), ConfigureServices = services => services.AddSingleton(rounds) });
    }

    public async Task DisposeAsync()
    {
        if (_durable is not null)
            await _durable.DisposeAsync();
    }

    [Fact]
    public async Task A_late_publication_sends_the_latest_point_then_the_timer_sends_the_next_only_to_who_has_not_reported()
    {
        var plan = await PublishAsync();
        _clock.Set(OneDayBefore.AddSeconds(-4));

        await _scheduler.EnsureAsync(Durable, Schedule(plan), [], default);
        var first = await MessagesAsync(plan, count: 2);
        await _reports.MarkReceivedAsync(plan.Id, "6-thang", "so-y-te", "chu-tri", default);
        var finished = await FinishedAsync(plan);
        var all = await MessagesAsync(plan, count: 3);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(["6-thang|so-gd-dt|nhac-truoc|3|email", "6-thang|so-y-te|nhac-truoc|3|email"], first.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.All(first, m => Assert.Equal(ThreeDaysBefore, m.DueAt));
        var last = Assert.Single(all, m => m.DueAt == OneDayBefore);
        Assert.Equal("6-thang|so-gd-dt|nhac-truoc|1|email", last.Key);
    }

    [Fact]
    public async Task Wake_ups_restarts_and_a_second_start_never_duplicate_a_message()
    {
        var plan = await PublishAsync();
        _clock.Set(OneDayBefore.AddSeconds(-5));

        await _scheduler.EnsureAsync(Durable, Schedule(plan), [], default);
        await MessagesAsync(plan, count: 2);
        for (var i = 0; i < 5; i++)
        {
            await _scheduler.EnsureAsync(Durable, Schedule(plan), [], default);
            await _scheduler.WakeAsync(Durable, Schedule(plan), "6-thang", default);
        }

        await FinishedAsync(plan);
        var messages = await _outbox.ListAsync(Schedule(plan).ToString(), default);

        Assert.Equal(4, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.Key).Distinct().Count());
    }

    [Fact]
    public async Task An_edit_that_adds_a_reporter_reaches_the_waiting_workflow_at_once()
    {
        var plan = await PublishAsync();
        _clock.Set(OneDayBefore.AddSeconds(-6));
        await _scheduler.EnsureAsync(Durable, Schedule(plan), [], default);
        await MessagesAsync(plan, count: 2);

        var edited = plan with { Reporters = [.. plan.Reporters, new PlanReporter("so-lao-dong", "Sở Nội vụ", "snv@example.invalid")] };
        await _plans.ReplaceAsync(edited, default);
        await _scheduler.EnsureAsync(Durable, Schedule(plan), plan.Periods.Select(p => p.Id), default);
        var afterEdit = await MessagesAsync(plan, count: 3);

        Assert.Contains(afterEdit, m => m.Key == "6-thang|so-lao-dong|nhac-truoc|3|email");
        await FinishedAsync(plan);
        Assert.Equal(6, (await _outbox.ListAsync(Schedule(plan).ToString(), default)).Count);
    }

    [Fact]
    public async Task A_period_removed_by_an_edit_ends_its_workflow_without_sending_more()
    {
        var plan = await PublishAsync();
        _clock.Set(OneDayBefore.AddSeconds(-30));
        await _scheduler.EnsureAsync(Durable, Schedule(plan), [], default);
        await MessagesAsync(plan, count: 2);

        await _plans.ReplaceAsync(plan with { Periods = [new PlanPeriod("nam", "Cả năm", new DateOnly(2026, 11, 15))] }, default);
        await _scheduler.EnsureAsync(Durable, Schedule(plan), plan.Periods.Select(p => p.Id), default);
        var finished = await FinishedAsync(plan);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(2, (await _outbox.ListAsync(Schedule(plan).ToString(), default)).Count);
    }

    private static ScheduleRef Schedule(ReportingPlan plan) => new(ScheduleRef.PlanKind, plan.Id);

    private async Task<ReportingPlan> PublishAsync()
    {
        var plan = WorkflowsOnAzurite.Plan(due: Due) with
        {
            Year = 2026,
            Reporters = [new PlanReporter("so-y-te", "Sở Y tế", "soyte@example.invalid"), new PlanReporter("so-gd-dt", "Sở Giáo dục và Đào tạo", "sogd@example.invalid")],
            Periods = [new PlanPeriod("6-thang", "6 tháng đầu năm", Due)],
            Reminders = new ReminderPolicy([3, 1], [], new TimeOnly(8, 0)),
        };
        await _plans.CreateAsync(plan, default);
        await _plans.PublishAsync(plan.Id, default);
        return plan;
    }

    private async Task<IReadOnlyList<OutboxEntry>> MessagesAsync(ReportingPlan plan, int count)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var instance = await Durable.GetInstanceAsync(ReminderOrchestration.InstanceId(Schedule(plan), "6-thang"), getInputsAndOutputs: true);
            if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Failed })
                Assert.Fail($"The workflow failed: {instance.FailureDetails}");
            var messages = await _outbox.ListAsync(Schedule(plan).ToString(), guard.Token);
            if (messages.Count >= count)
                return messages;
            await Task.Delay(100, guard.Token);
        }
    }

    private async Task<OrchestrationMetadata> FinishedAsync(ReportingPlan plan)
    {
        var instanceId = ReminderOrchestration.InstanceId(Schedule(plan), "6-thang");
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            return await Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
        }
        catch (OperationCanceledException)
        {
            var instance = await Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            var messages = await _outbox.ListAsync(Schedule(plan).ToString(), default);
            Assert.Fail($"The workflow did not finish: {instance?.RuntimeStatus}, updated {instance?.LastUpdatedAt:O}, clock {_clock.GetUtcNow():O}; messages: {string.Join(", ", messages.Select(m => m.Key))}");
            throw;
        }
    }
}
