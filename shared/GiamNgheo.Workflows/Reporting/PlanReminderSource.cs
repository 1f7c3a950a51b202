using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;

namespace GiamNgheo.Workflows.Reporting;

/// <summary>The deadlines of published reporting plans, as the reminder workflows see them.</summary>
/// <remarks>A period stops needing a workflow a few weeks after its due date (<see cref="ReminderPolicy.MayRemind"/>), so the
/// daily reconciliation does not wake every plan of past years.</remarks>
public sealed class PlanReminderSource(PlanStore plans, PeriodReportStore reports, TimeProvider clock) : IReminderSubjectSource
{
    /// <inheritdoc />
    public string Kind => ScheduleRef.PlanKind;

    /// <inheritdoc />
    public async Task<ReminderSubject?> FindAsync(string scheduleId, string periodId, CancellationToken cancellationToken)
    {
        var stored = await plans.FindAsync(scheduleId, cancellationToken).ConfigureAwait(false);
        if (stored is not { IsPublished: true } || stored.Plan.Period(periodId) is not { } period)
            return null;
        var plan = stored.Plan;
        var received = (await reports.ListAsync(plan.Id, periodId, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.ReporterId, r => r.ReceivedAt);
        return new ReminderSubject(
            new ScheduleRef(Kind, plan.Id),
            plan.Title,
            period.Id,
            period.Label,
            period.Due,
            plan.Reminders,
            Recipient(plan.Supervisor.Id, plan.Supervisor.Name, plan.Supervisor.Email, plan.Supervisor.Webhook),
            [.. ReportingStatus.Expected(plan, period).Select(r => Recipient(r.Id, r.Name, r.Email, r.Webhook))],
            received);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> PeriodIdsAsync(string scheduleId, CancellationToken cancellationToken)
    {
        var stored = await plans.FindAsync(scheduleId, cancellationToken).ConfigureAwait(false);
        if (stored is not { IsPublished: true })
            return [];
        var today = VietnamTime.DateOf(clock.GetUtcNow());
        return [.. stored.Plan.Periods.Where(p => stored.Plan.Reminders.MayRemind(p.Due, today)).Select(p => p.Id)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ActiveScheduleIdsAsync(CancellationToken cancellationToken)
    {
        var listed = await plans.ListAsync(null, null, cancellationToken).ConfigureAwait(false);
        return [.. listed.Where(p => p.PublishedAt is not null).Select(p => p.Id)];
    }

    private static ReminderRecipient Recipient(string id, string name, string? email, string? webhook) => new(id, name, email, webhook);
}
