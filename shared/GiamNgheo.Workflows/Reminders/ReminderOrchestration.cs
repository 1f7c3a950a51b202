using Microsoft.DurableTask;

namespace GiamNgheo.Workflows.Reminders;

/// <summary>Input of a reminder workflow: which deadline it watches.</summary>
/// <param name="Schedule">The plan or review.</param>
/// <param name="PeriodId">The period or milestone.</param>
public sealed record ReminderWorkflowInput(ScheduleRef Schedule, string PeriodId);

/// <summary>Watches one deadline for months: a round of reminders, a wait until the next point (or a change), and a new generation.</summary>
/// <remarks>
/// <para>Each generation is one activity call, one timer and one event wait, then <c>ContinueAsNew</c>: the history never
/// grows, and everything that matters (the plan, who reported, which messages exist) is read from storage by the round, so
/// a redeployment with changed rules takes effect at the next round without touching running instances.</para>
/// <para>A plan edit or a report raises <see cref="ChangedEvent"/>: the wait ends early and the round recomputes the next
/// point from the edited plan. Events that arrive during the switch to the next generation are carried over.</para>
/// </remarks>
public sealed class ReminderOrchestration : TaskOrchestrator<ReminderWorkflowInput, string>
{
    /// <summary>The event that makes a waiting workflow look again at once.</summary>
    public const string ChangedEvent = "lich-thay-doi";

    /// <summary>What a finished workflow returns: nothing more is due.</summary>
    public const string Finished = "xong";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(6, TimeSpan.FromSeconds(5), backoffCoefficient: 3, maxRetryInterval: TimeSpan.FromMinutes(30)));

    /// <summary>The instance id of the workflow of a deadline: one per deadline, so starting it twice is harmless.</summary>
    public static string InstanceId(ScheduleRef schedule, string periodId) => $"nhac-hen:{schedule}:{periodId}";

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, ReminderWorkflowInput input)
    {
        var round = await context.CallActivityAsync<ReminderRoundResult>(nameof(ReminderRoundActivity), input, Retry);
        if (round.NextAt is not { } next)
            return Finished;

        // The wait is measured on the clock that planned it: the timer fires when the round's clock reaches the next point.
        // The SDK's time-out form cancels the losing timer itself (an uncancelled timer keeps an instance running).
        var wait = next - round.Now;
        try
        {
            await context.WaitForExternalEvent<string>(ChangedEvent, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }
        catch (TaskCanceledException)
        {
            // The next point is due.
        }

        context.ContinueAsNew(input, preserveUnprocessedEvents: true);
        return Finished;
    }
}

/// <summary>What a round answers its workflow.</summary>
/// <param name="Now">The instant the round planned at.</param>
/// <param name="NextAt">The next point, or null when the deadline needs nothing more.</param>
public sealed record ReminderRoundResult(DateTimeOffset Now, DateTimeOffset? NextAt);

/// <summary>The side effect of a round: enqueue the due reminders (idempotent), answer when to look again.</summary>
public sealed class ReminderRoundActivity(ReminderRounds rounds) : TaskActivity<ReminderWorkflowInput, ReminderRoundResult>
{
    /// <inheritdoc />
    public override Task<ReminderRoundResult> RunAsync(TaskActivityContext context, ReminderWorkflowInput input) =>
        rounds.RunAsync(input.Schedule, input.PeriodId, CancellationToken.None);
}
