using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Workflows.Reminders;

/// <summary>Which schedule a reminder belongs to: a reporting plan, or a province's annual review.</summary>
/// <param name="Kind"><see cref="PlanKind"/> or <see cref="ReviewKind"/>.</param>
/// <param name="Id">The plan id, or the review's id (<c>ra-soat-{year}-{province}</c>).</param>
public sealed record ScheduleRef(string Kind, string Id)
{
    /// <summary>A reporting plan's periods.</summary>
    public const string PlanKind = "ke-hoach";

    /// <summary>The milestones of a province's annual review.</summary>
    public const string ReviewKind = "ra-soat";

    /// <summary>Text form used in instance ids and outbox partitions: <c>{kind}:{id}</c>.</summary>
    public override string ToString() => $"{Kind}:{Id}";
}

/// <summary>Someone a reminder can reach.</summary>
/// <param name="Id">Id within the schedule (a reporter id, a commune code, the supervisor's id).</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Email address, or null.</param>
/// <param name="Webhook">Webhook address, or null.</param>
public sealed record ReminderRecipient(string Id, string Name, string? Email, string? Webhook);

/// <summary>One deadline as the reminder planner sees it: who must act by when, who has, and who supervises.</summary>
/// <remarks>Built fresh from storage at every round, so an edited plan or a late report is seen without any message to
/// the running workflow.</remarks>
/// <param name="Schedule">The plan or review.</param>
/// <param name="Title">Title of the plan or review, for the messages.</param>
/// <param name="PeriodId">The period (plan) or milestone (review).</param>
/// <param name="PeriodLabel">Its label, for the messages.</param>
/// <param name="Due">The due date (local).</param>
/// <param name="Policy">When reminders go out.</param>
/// <param name="Supervisor">Who receives the list of late ones.</param>
/// <param name="Expected">Who must act: reporters active on the due date, or the communes of the review.</param>
/// <param name="Completed">When each of them acted (report received, step done); absent = not yet.</param>
public sealed record ReminderSubject(
    ScheduleRef Schedule,
    string Title,
    string PeriodId,
    string PeriodLabel,
    DateOnly Due,
    ReminderPolicy Policy,
    ReminderRecipient Supervisor,
    IReadOnlyList<ReminderRecipient> Expected,
    IReadOnlyDictionary<string, DateTimeOffset> Completed);

/// <summary>Finds the current state of a deadline of one kind of schedule.</summary>
public interface IReminderSubjectSource
{
    /// <summary>The <see cref="ScheduleRef.Kind"/> this source answers for.</summary>
    string Kind { get; }

    /// <summary>The deadline as stored now, or null when the schedule or the period no longer exists (edited away, unpublished).</summary>
    Task<ReminderSubject?> FindAsync(string scheduleId, string periodId, CancellationToken cancellationToken);

    /// <summary>The periods of the schedule that need reminders now (the ids a workflow is kept running for).</summary>
    Task<IReadOnlyList<string>> PeriodIdsAsync(string scheduleId, CancellationToken cancellationToken);

    /// <summary>The schedules of this kind that may still send reminders (published plans, started reviews), for the daily reconciliation.</summary>
    Task<IReadOnlyList<string>> ActiveScheduleIdsAsync(CancellationToken cancellationToken);
}
