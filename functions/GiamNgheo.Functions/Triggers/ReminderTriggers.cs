using GiamNgheo.Workflows.Reminders;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.Triggers;

/// <summary>Keeping the reminder workflows of plans and reviews running.</summary>
public sealed partial class ReminderTriggers(ReminderReconciler reconciler, ILogger<ReminderTriggers> logger)
{
    /// <summary>Daily at 00:30 UTC (07:30 in Vietnam, before the 08:00 reminders): restarts any deadline's workflow that is missing.</summary>
    [Function("reconcile-reminders")]
    public async Task ReconcileAsync([TimerTrigger("0 30 0 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var started = await reconciler.ReconcileAsync(durable, cancellationToken);
        Reconciled(logger, started, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder workflows reconciled: {Started} missing or failed ones started (past due: {PastDue})")]
    private static partial void Reconciled(ILogger logger, int started, bool pastDue);
}
