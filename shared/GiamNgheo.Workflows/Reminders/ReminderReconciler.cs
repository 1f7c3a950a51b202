using Microsoft.DurableTask.Client;

namespace GiamNgheo.Workflows.Reminders;

/// <summary>Once a day, makes sure every deadline that may still send reminders has its workflow, whatever was lost.</summary>
public sealed class ReminderReconciler(IEnumerable<IReminderSubjectSource> sources, ReminderScheduler scheduler)
{
    /// <summary>Starts or wakes the workflow of every live deadline of every schedule.</summary>
    /// <returns>How many schedules were reconciled.</returns>
    public async Task<int> ReconcileAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var source in sources)
        {
            foreach (var id in await source.ActiveScheduleIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                await scheduler.EnsureAsync(durable, new ScheduleRef(source.Kind, id), [], cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }
}
