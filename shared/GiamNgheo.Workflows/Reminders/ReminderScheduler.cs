using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.Workflows.Reminders;

/// <summary>Keeps one reminder workflow running per deadline of a schedule: starts the missing ones, wakes the running ones.</summary>
/// <remarks>Called when a plan is published or edited, a review started or changed, a report received, and by the daily
/// reconciliation, so a lost wake-up or a workflow that finished before an edit added work is repaired within a day.
/// The Durable client is a parameter, not a dependency: in the Functions worker it is a binding of the calling function.</remarks>
public sealed class ReminderScheduler(IEnumerable<IReminderSubjectSource> sources)
{
    private static readonly string[] Live = [nameof(OrchestrationRuntimeStatus.Pending), nameof(OrchestrationRuntimeStatus.Running), nameof(OrchestrationRuntimeStatus.Suspended)];

    private readonly Dictionary<string, IReminderSubjectSource> _sources = sources.ToDictionary(s => s.Kind);

    /// <summary>Makes the schedule's workflows match its deadlines now.</summary>
    /// <param name="durable">The Durable client.</param>
    /// <param name="schedule">The plan or review.</param>
    /// <param name="formerPeriodIds">Deadlines the schedule had before an edit: their workflows are woken so they end if the deadline is gone.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task EnsureAsync(DurableTaskClient durable, ScheduleRef schedule, IEnumerable<string> formerPeriodIds, CancellationToken cancellationToken)
    {
        var periods = await _sources[schedule.Kind].PeriodIdsAsync(schedule.Id, cancellationToken).ConfigureAwait(false);
        foreach (var periodId in periods)
            await StartOrWakeAsync(durable, schedule, periodId, cancellationToken).ConfigureAwait(false);
        foreach (var periodId in formerPeriodIds.Except(periods))
            await WakeAsync(durable, ReminderOrchestration.InstanceId(schedule, periodId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the workflow of each deadline of the schedule that has none, or whose instance failed or was terminated;
    /// running and completed ones are left alone (a completed one ended because nothing more was due, and every edit or
    /// report that could change that wakes or restarts it directly).</summary>
    /// <returns>How many workflows were started.</returns>
    public async Task<int> RepairAsync(DurableTaskClient durable, ScheduleRef schedule, CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var periodId in await _sources[schedule.Kind].PeriodIdsAsync(schedule.Id, cancellationToken).ConfigureAwait(false))
        {
            var instance = await durable.GetInstanceAsync(ReminderOrchestration.InstanceId(schedule, periodId), getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (instance is not null && instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
                continue;
            await StartOrWakeAsync(durable, schedule, periodId, cancellationToken).ConfigureAwait(false);
            started++;
        }

        return started;
    }

    /// <summary>Wakes the workflow of one deadline (a report arrived, a step was done), starting it if it is not running.</summary>
    public Task WakeAsync(DurableTaskClient durable, ScheduleRef schedule, string periodId, CancellationToken cancellationToken) =>
        StartOrWakeAsync(durable, schedule, periodId, cancellationToken);

    private static async Task StartOrWakeAsync(DurableTaskClient durable, ScheduleRef schedule, string periodId, CancellationToken cancellationToken)
    {
        var instanceId = ReminderOrchestration.InstanceId(schedule, periodId);
        var options = new StartOrchestrationOptions(instanceId) { DedupeStatuses = Live };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ReminderOrchestration), new ReminderWorkflowInput(schedule, periodId), options, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Refused because it runs (the exception type differs between the local sidecar and the Functions host): tell
                // it to look again. If it finished between the refusal and the read, start it again; anything else is real.
                var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
                if (instance is not null && Live.Contains(instance.RuntimeStatus.ToString()))
                {
                    await durable.RaiseEventAsync(instanceId, ReminderOrchestration.ChangedEvent, "changed", cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (attempt == 3)
                    throw;
            }
        }
    }

    private static async Task WakeAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is not null && Live.Contains(instance.RuntimeStatus.ToString()))
            await durable.RaiseEventAsync(instanceId, ReminderOrchestration.ChangedEvent, "changed", cancellationToken).ConfigureAwait(false);
    }
}
