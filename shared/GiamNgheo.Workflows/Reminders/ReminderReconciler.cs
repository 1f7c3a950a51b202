using Microsoft.DurableTask.Client;

namespace GiamNgheo.Workflows.Reminders;

/// <summary>Once a day, makes sure every deadline that may still send reminders has a workflow: a start that was lost, or an
/// instance that failed, is repaired; live workflows are not woken (the reminders benchmark found that waking them all made
/// 74 % of a year's rounds and sent nothing).</summary>
public sealed class ReminderReconciler(IEnumerable<IReminderSubjectSource> sources, ReminderScheduler scheduler)
{
    /// <summary>Starts the missing or failed workflows of every live deadline of every schedule.</summary>
    /// <returns>How many workflows were started.</returns>
    public async Task<int> ReconcileAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var source in sources)
        {
            foreach (var id in await source.ActiveScheduleIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                count += await scheduler.RepairAsync(durable, new ScheduleRef(source.Kind, id), cancellationToken).ConfigureAwait(false);
            }
        }

        return count;
    }
}
