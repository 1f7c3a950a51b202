using GiamNgheo.Pipeline.Audit;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GiamNgheo.Notifications;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Review;

namespace GiamNgheo.Benchmarks.Reminders;

/// <summary>A deadline: what one <see cref="ReminderOrchestration"/> instance watches.</summary>
internal sealed record Deadline(ScheduleRef Schedule, string PeriodId);

/// <summary>Why a round ran, as the Durable host would have run it.</summary>
internal enum RoundTrigger
{
    /// <summary>The schedule was published or started (<c>ReminderScheduler.EnsureAsync</c>).</summary>
    Start,

    /// <summary>The generation's timer reached the point the previous round planned.</summary>
    Timer,

    /// <summary>A report or a review step raised <c>lich-thay-doi</c> (<c>ReminderScheduler.WakeAsync</c>).</summary>
    Wake,

    /// <summary>The daily <c>reconcile-reminders</c> timer (00:30 UTC) started a watched deadline that had no instance.</summary>
    Reconcile,
}

/// <summary>One round: when, why, whether it began a new instance, what it enqueued and what storage it used.</summary>
internal sealed record RoundRecord(Deadline Deadline, DateTimeOffset At, RoundTrigger Trigger, bool NewInstance, long Enqueued, Usage Usage);

/// <summary>One drain of the delivery queue at an instant: the messages it delivered.</summary>
internal sealed record DeliveryBatch(DateTimeOffset At, int Messages);

/// <summary>Plays a province's year of reminders on a virtual clock the way the reminder orchestrations would, then delivers.</summary>
/// <remarks><para>Every deadline has at most one live instance, waiting until the point its last round planned; a report or a
/// step wakes its deadline at once (or starts it again once completed); the daily reconciliation looks up the instance of
/// every watched deadline and starts those that never had one (<c>ReminderScheduler.RepairAsync</c>); each generation is one
/// <see cref="ReminderRounds.RunAsync"/>. After each instant the delivery queue is drained as the <c>deliver-message</c>
/// trigger drains it (batches of 16, <c>MessageDelivery.DeliverAsync</c> per message, then delete).</para>
/// <para>Durable Task itself is not run here (its timers are real time); its cost is measured apart
/// (<see cref="DurableProbe"/>) and multiplied by the generations counted here.</para></remarks>
internal sealed class YearSimulation(ReminderWorld world, ProvinceYear year)
{
    /// <summary><c>extensions.durableTask.maxConcurrentActivityFunctions</c> in host.json: rounds due together run 4 at a time.</summary>
    public const int ActivityConcurrency = 4;

    /// <summary><c>extensions.queues.batchSize</c> in host.json.</summary>
    public const int QueueBatchSize = 16;

    /// <summary>The Durable worker splits longer timers into chunks of this length (ADR 0007); each chunk that fires is an
    /// orchestration episode with no round.</summary>
    public static readonly TimeSpan MaximumTimerInterval = TimeSpan.FromDays(3);

    private static readonly TimeSpan ReconcileTimeOfDayUtc = new(0, 30, 0);
    private static readonly byte[] ReportFile = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Báo cáo kết quả thực hiện Chương trình giảm nghèo bền vững. ", 300)));

    private readonly Dictionary<Deadline, (DateTimeOffset Since, DateTimeOffset Until)> _waiting = [];
    private readonly HashSet<Deadline> _instances = [];
    private readonly Dictionary<Deadline, int> _versions = [];
    private readonly PriorityQueue<(Deadline Deadline, int Version), DateTimeOffset> _timers = new();
    private readonly Dictionary<string, TimeSpan> _wall = [];

    public List<RoundRecord> Rounds { get; } = [];

    public List<DeliveryBatch> Deliveries { get; } = [];

    public Dictionary<DeliveryOutcome, int> Outcomes { get; } = [];

    /// <summary>When each recipient acted on each deadline: (outbox source, period or step, reporter id or commune code).</summary>
    public Dictionary<(string Source, string PeriodId, string RecipientId), DateTimeOffset> Completed { get; } = [];

    /// <summary>Timer chunks that fired before their generation ended (episodes without a round).</summary>
    public int TimerChunks { get; private set; }

    /// <summary>Instances the daily reconciliation looked up (one per watched deadline per day).</summary>
    public int ReconcileChecks { get; private set; }

    /// <summary>Instants at which something happened.</summary>
    public int Instants { get; private set; }

    public IReadOnlyDictionary<string, TimeSpan> Wall => _wall;

    /// <summary>Creates and publishes both plans (setup), then starts their deadlines' workflows as publishing does.</summary>
    public async Task PublishPlansAsync()
    {
        await TimedAsync(Phases.Setup, async () =>
        {
            foreach (var plan in year.Plans)
            {
                if ((await world.Plans.CreateAsync(plan, default)).Refusal is { } created)
                    throw new InvalidOperationException($"Plan {plan.Id} not created: {created}");
                if ((await world.Plans.PublishAsync(plan.Id, default)).Refusal is { } published)
                    throw new InvalidOperationException($"Plan {plan.Id} not published: {published}");
            }
        });
        foreach (var plan in year.Plans)
            await EnsureAsync(new ScheduleRef(ScheduleRef.PlanKind, plan.Id), Phases.Setup);
        await DeliverAsync(world.Clock.GetUtcNow());
    }

    /// <summary>Plays the year from the publication to <see cref="ProvinceYear.End"/>.</summary>
    public async Task RunAsync()
    {
        var actions = new Queue<YearAction>(year.Actions);
        var reconcileAt = NextReconcile(world.Clock.GetUtcNow());
        while (true)
        {
            var now = Earliest(actions.TryPeek(out var action) ? action.At : null, reconcileAt, NextTimer());
            if (now > ProvinceYear.End)
                break;
            world.Clock.SetUtcNow(now);
            Instants++;
            while (actions.TryPeek(out action) && action.At == now)
                await ApplyAsync(actions.Dequeue());

            var due = new List<(Deadline, RoundTrigger)>();
            if (reconcileAt == now)
            {
                due.AddRange((await ReconcileAsync()).Select(d => (d, RoundTrigger.Reconcile)));
                reconcileAt = NextReconcile(now);
            }

            while (NextTimer() == now)
            {
                var (deadline, _) = _timers.Dequeue();
                if (!due.Any(d => d.Item1 == deadline))
                    due.Add((deadline, RoundTrigger.Timer));
            }

            await RunRoundsAsync(due);
            await DeliverAsync(now);
        }
    }

    private static DateTimeOffset Earliest(params DateTimeOffset?[] instants) => instants.Where(i => i is not null).Min()!.Value;

    private static DateTimeOffset NextReconcile(DateTimeOffset after)
    {
        var candidate = new DateTimeOffset(after.UtcDateTime.Date + ReconcileTimeOfDayUtc, TimeSpan.Zero);
        return candidate > after ? candidate : candidate.AddDays(1);
    }

    /// <summary>The next live timer, dropping those of generations that ended otherwise (a wake, the instance's end).</summary>
    private DateTimeOffset? NextTimer()
    {
        while (_timers.TryPeek(out var entry, out var at))
        {
            if (_versions[entry.Deadline] == entry.Version)
                return at;
            _timers.Dequeue();
        }

        return null;
    }

    private async Task ApplyAsync(YearAction action)
    {
        var now = action.At;
        switch (action)
        {
            case PlanReportAction report:
                await TimedAsync(Phases.Actions, async () =>
                {
                    var recorded = report.AsFile
                        ? await world.Reports.SubmitFileAsync(report.PlanId, report.PeriodId, report.ReporterId, new MemoryStream(ReportFile), "bao-cao.docx", report.ReporterId, default)
                        : await world.Reports.MarkReceivedAsync(report.PlanId, report.PeriodId, report.ReporterId, ProvinceYear.Supervisor.Id, default);
                    Completed.TryAdd((new ScheduleRef(ScheduleRef.PlanKind, report.PlanId).ToString(), report.PeriodId, report.ReporterId), recorded.ReceivedAt);
                });
                await RunRoundsAsync([(new Deadline(new ScheduleRef(ScheduleRef.PlanKind, report.PlanId), report.PeriodId), RoundTrigger.Wake)]);
                break;

            case ReviewStartAction:
                var started = await TimedAsync(Phases.Setup, () =>
                    world.Reviews.StartAsync(ReviewYear.Of(ProvinceYear.Year), ProvinceYear.ProvinceCode, year.ReviewBody, new AuditActor(ProvinceYear.Supervisor.Id, ProvinceYear.Supervisor.Name), default));
                if (started.Value is not { } review)
                    throw new InvalidOperationException($"Review not started: {started.Refusal!.Detail}");
                await EnsureAsync(review.Schedule, Phases.Setup);
                break;

            case SurveyScoredAction survey:
                await TimedAsync(Phases.Actions, () => ScoredSubmissionAsync(survey.CommuneCode, now));
                Completed.TryAdd((ReviewSchedule.ToString(), ReviewSteps.Survey, survey.CommuneCode), now);
                break;

            case ReviewStepAction step:
                var result = await TimedAsync(Phases.Actions, () =>
                    world.Reviews.RecordStepAsync(ReviewYear.Of(ProvinceYear.Year), step.CommuneCode, step.Step, JsonSerializer.Deserialize<JsonElement>(step.Body), new AuditActor($"xa-{step.CommuneCode}", $"xa-{step.CommuneCode}"), default));
                if (result.Value is null)
                    throw new InvalidOperationException($"Step {step.Step} of {step.CommuneCode} on {now:O} refused: {result.Refusal!.Detail}");
                Completed.TryAdd((ReviewSchedule.ToString(), step.Step, step.CommuneCode), now);
                await RunRoundsAsync([(new Deadline(ReviewSchedule, step.Step), RoundTrigger.Wake)]);
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    private static ScheduleRef ReviewSchedule => new(ScheduleRef.ReviewKind, ReviewSettings.IdOf(ProvinceYear.Year, ProvinceYear.ProvinceCode));

    /// <summary>Records a scored submission as the pipeline does after scoring (the file itself is not part of the reminders).</summary>
    private Task<(Submission? Submission, CommuneState State)> ScoredSubmissionAsync(string commune, DateTimeOffset now)
    {
        var key = new SubmissionKey(ProvinceYear.Year, commune, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(commune))));
        var unit = AdminUnitCatalog.Default.FindCommune(commune, ReviewYear.Of(ProvinceYear.Year).ReferenceDate)!.Unit;
        return world.Submissions.ChangeAsync(
            key,
            () => new CommuneState { Year = ProvinceYear.Year, CommuneCode = commune, ProvinceCode = unit.ProvinceCode },
            (_, state) =>
            {
                var submission = new Submission(key) { ProvinceCode = unit.ProvinceCode, Status = SubmissionStatus.Scored, ReceivedAt = now, UpdatedAt = now, UploadSequence = ++state.LastSequence };
                state.CountIfLatest(submission);
                return submission;
            },
            default);
    }

    /// <summary>What publishing a plan or starting a review does: one workflow per deadline the schedule watches now.</summary>
    private async Task EnsureAsync(ScheduleRef schedule, string phase)
    {
        var source = world.Sources.Single(s => s.Kind == schedule.Kind);
        var periods = await TimedAsync(phase, () => source.PeriodIdsAsync(schedule.Id, default));
        await RunRoundsAsync([.. periods.Select(p => (new Deadline(schedule, p), RoundTrigger.Start))]);
    }

    /// <summary>What <c>ReminderReconciler</c> does: reads every active schedule's watched deadlines, looks up each one's
    /// instance (a task hub read, counted for the Durable estimate) and starts those that never had one. Running and completed
    /// instances are left alone; none fails here, so the failed ones it would also restart do not occur.</summary>
    private async Task<List<Deadline>> ReconcileAsync()
    {
        var watched = await TimedAsync(Phases.Reconcile, async () =>
        {
            var deadlines = new List<Deadline>();
            foreach (var source in world.Sources)
            {
                foreach (var id in await source.ActiveScheduleIdsAsync(default))
                    deadlines.AddRange((await source.PeriodIdsAsync(id, default)).Select(p => new Deadline(new ScheduleRef(source.Kind, id), p)));
            }

            return deadlines;
        });
        ReconcileChecks += watched.Count;
        return [.. watched.Where(d => !_instances.Contains(d))];
    }

    /// <summary>One generation per deadline: the previous wait ends (counting the timer chunks that fired), the round runs, and
    /// the instance waits for the planned point or ends.</summary>
    private async Task RunRoundsAsync(List<(Deadline Deadline, RoundTrigger Trigger)> due)
    {
        if (due.Count == 0)
            return;
        var now = world.Clock.GetUtcNow();
        var started = new Dictionary<Deadline, bool>();
        foreach (var (deadline, _) in due)
        {
            _instances.Add(deadline);
            started[deadline] = !_waiting.Remove(deadline, out var wait);
            if (!started[deadline])
                TimerChunks += Chunks(Min(now, wait.Until) - wait.Since);
        }

        var results = new (Deadline Deadline, RoundTrigger Trigger, ReminderRoundResult Result, Usage Usage)[due.Count];
        await TimedAsync(Phases.Rounds, () => Parallel.ForEachAsync(Enumerable.Range(0, due.Count), new ParallelOptions { MaxDegreeOfParallelism = ActivityConcurrency }, async (i, token) =>
        {
            var (deadline, trigger) = due[i];
            var (result, usage) = await world.Counter.Measure(() => world.Rounds.RunAsync(deadline.Schedule, deadline.PeriodId, token));
            results[i] = (deadline, trigger, result, usage);
        }));

        foreach (var (deadline, trigger, result, usage) in results)
        {
            var version = _versions[deadline] = _versions.GetValueOrDefault(deadline) + 1;
            if (result.NextAt is { } next)
            {
                _waiting[deadline] = (now, next);
                _timers.Enqueue((deadline, version), next);
            }

            // Every new message is exactly one wake-up on the delivery queue, and a round sends nothing else there.
            Rounds.Add(new RoundRecord(deadline, now, trigger, started[deadline], usage[StorageService.Queue].Requests, usage));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Chunks that fire before a wait of <paramref name="waited"/> ends: at 3, 6, … days, strictly before its end.</summary>
    private static int Chunks(TimeSpan waited) => waited <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(waited / MaximumTimerInterval) - 1;

    /// <summary>Drains the delivery queue as the queue trigger would, at the current instant of the virtual clock.</summary>
    private Task DeliverAsync(DateTimeOffset now) => TimedAsync(Phases.Delivery, async () =>
    {
        var queue = world.Notifications.Delivery;
        var delivered = 0;
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(QueueBatchSize, TimeSpan.FromMinutes(10))).Value;
            if (batch.Length == 0)
                break;
            var outcomes = await Task.WhenAll(batch.Select(async message =>
            {
                var request = DeliveryRequest.Parse(message.Body.ToString());
                var result = await world.Delivery.DeliverAsync(request.Source, request.Key, default);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                return result.Outcome;
            }));
            foreach (var outcome in outcomes)
                Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
            delivered += batch.Length;
        }

        if (delivered > 0)
            Deliveries.Add(new DeliveryBatch(now, delivered));
    });

    private async Task TimedAsync(string phase, Func<Task> work) => await TimedAsync(phase, async () =>
    {
        await work();
        return true;
    });

    private async Task<T> TimedAsync<T>(string phase, Func<Task<T>> work)
    {
        world.Counter.Phase = phase;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            return await work();
        }
        finally
        {
            _wall[phase] = _wall.GetValueOrDefault(phase) + stopwatch.Elapsed;
        }
    }
}

/// <summary>The phases storage requests and wall time are counted in.</summary>
internal static class Phases
{
    /// <summary>Storage created, plans created and published, the review started (not timed as part of the year).</summary>
    public const string Setup = "setup";

    /// <summary>What people do: reports, scored surveys, review steps.</summary>
    public const string Actions = "actions";

    /// <summary>The daily reconciliation's own reads (the rounds it causes are counted as rounds).</summary>
    public const string Reconcile = "reconcile";

    /// <summary>Rounds: <c>ReminderRounds.RunAsync</c>, enqueues included.</summary>
    public const string Rounds = "rounds";

    /// <summary>The delivery queue drained: receive, <c>MessageDelivery.DeliverAsync</c>, delete.</summary>
    public const string Delivery = "delivery";

    /// <summary>The year-end checks and the outbox sweep measured once (not part of the year).</summary>
    public const string After = "after";

    public static IReadOnlyList<string> All { get; } = [Setup, Actions, Reconcile, Rounds, Delivery];
}
