using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Workflows.Reminders;

/// <summary>A moment a reminder of one kind is due for one deadline.</summary>
/// <param name="Kind">What it says.</param>
/// <param name="Days">Days before (<see cref="ReminderKind.Before"/>, 0 for <see cref="ReminderKind.DueToday"/>) or after the due date.</param>
/// <param name="At">When it is due, after moving off non-working days.</param>
public sealed record ReminderPoint(ReminderKind Kind, int Days, DateTimeOffset At);

/// <summary>A reminder the planner decided to send now.</summary>
/// <param name="Recipient">Who receives it.</param>
/// <param name="Point">Which point of the policy it is.</param>
/// <param name="Key">Its identity within the schedule: one message per key, ever.</param>
/// <param name="Late">For <see cref="ReminderKind.LateSummary"/>: the expected ones that have not acted; otherwise empty.</param>
public sealed record PlannedReminder(ReminderRecipient Recipient, ReminderPoint Point, string Key, IReadOnlyList<ReminderRecipient> Late);

/// <summary>What one round decided: the reminders to send now, and when to look again.</summary>
/// <param name="Send">Reminders due now and not sent before.</param>
/// <param name="NextAt">The next instant something may be due, or null when the deadline needs nothing more.</param>
public sealed record ReminderRound(IReadOnlyList<PlannedReminder> Send, DateTimeOffset? NextAt);

/// <summary>Decides which reminders are due for a deadline at an instant: pure, clock-free, the whole schedule logic.</summary>
/// <remarks>
/// <para>The workflow calls it at every wake-up with what storage says now, so restarts, redeployments and plan edits
/// need no state of their own: a recipient gets at most the latest point that has passed and was not sent (a plan
/// published late, or a host down for a day, never sends a burst), nothing once it has acted, and never the same key
/// twice (the outbox refuses a second message with a key it holds).</para>
/// <para>Points falling on a non-working day move: reminders before and on the due day to the working day before (the
/// reporter still has the time), escalations to the working day after (nobody reads them on a holiday). The due date
/// itself never moves: the plan fixes it. A point passed by more than <see cref="ReminderPlannerOptions.MaxLateness"/>
/// is dropped rather than sent stale (a 2021 plan entered today reminds nobody).</para>
/// </remarks>
public sealed class ReminderPlanner(Func<DateOnly, bool> isWorkingDay, ReminderPlannerOptions options)
{
    /// <summary>The points of a deadline, in time order.</summary>
    public IReadOnlyList<ReminderPoint> Points(DateOnly due, ReminderPolicy policy)
    {
        var points = new List<ReminderPoint>();
        foreach (var days in policy.DaysBefore.Distinct())
        {
            var kind = days == 0 ? ReminderKind.DueToday : ReminderKind.Before;
            points.Add(new ReminderPoint(kind, days, VietnamTime.At(WorkingDayOnOrBefore(due.AddDays(-days)), policy.TimeOfDay)));
        }

        foreach (var days in policy.EscalateDaysAfter.Distinct().Where(d => d > 0))
        {
            var at = VietnamTime.At(WorkingDayOnOrAfter(due.AddDays(days)), policy.TimeOfDay);
            points.Add(new ReminderPoint(ReminderKind.Overdue, days, at));
            points.Add(new ReminderPoint(ReminderKind.LateSummary, days, at));
        }

        // Points that land on the same instant (3 and 1 day before, both moved to Friday) are ordered so the one nearest
        // the deadline comes last: a round sends only the latest point, so the reporter gets one reminder, the accurate one.
        return [.. points.OrderBy(p => p.At).ThenBy(p => p.Kind).ThenBy(p => p.Kind == ReminderKind.Before ? -p.Days : p.Days)];
    }

    /// <summary>The reminders of <paramref name="subject"/> due at <paramref name="now"/> that are not in <paramref name="sent"/>.</summary>
    /// <param name="subject">The deadline as stored now.</param>
    /// <param name="sent">Keys of the messages already in the outbox for this deadline.</param>
    /// <param name="now">The instant of the round.</param>
    public ReminderRound Plan(ReminderSubject subject, IReadOnlySet<string> sent, DateTimeOffset now)
    {
        var points = Points(subject.Due, subject.Policy);
        var waiting = subject.Expected.Where(r => !subject.Completed.ContainsKey(r.Id)).ToList();
        var send = new List<PlannedReminder>();
        if (waiting.Count == 0)
            return new ReminderRound(send, null);

        var reporterPoints = points.Where(p => p.Kind != ReminderKind.LateSummary).ToList();
        foreach (var recipient in waiting)
        {
            if (Latest(reporterPoints, now) is { } point && Key(subject.PeriodId, recipient.Id, point) is var key && !sent.Contains(key))
                send.Add(new PlannedReminder(recipient, point, key, []));
        }

        var summaries = points.Where(p => p.Kind == ReminderKind.LateSummary).ToList();
        if (Latest(summaries, now) is { } summary && Key(subject.PeriodId, subject.Supervisor.Id, summary) is var summaryKey && !sent.Contains(summaryKey))
            send.Add(new PlannedReminder(subject.Supervisor, summary, summaryKey, waiting));

        var next = points.Where(p => p.At > now).Select(p => (DateTimeOffset?)p.At).FirstOrDefault();
        return new ReminderRound(send, next);
    }

    /// <summary>The message key of a point for a recipient: <c>{period}|{recipient}|{kind}|{days}</c>.</summary>
    /// <remarks>The key names the point by its offset, not its date, so a deadline moved by an edit does not repeat a
    /// point already sent; the next point carries the new date.</remarks>
    public static string Key(string periodId, string recipientId, ReminderPoint point) =>
        $"{periodId}|{recipientId}|{point.Kind.Code()}|{point.Days}";

    private ReminderPoint? Latest(List<ReminderPoint> points, DateTimeOffset now) =>
        points.LastOrDefault(p => p.At <= now) is { } latest && now - latest.At <= options.MaxLateness ? latest : null;

    private DateOnly WorkingDayOnOrBefore(DateOnly date)
    {
        for (var i = 0; i < options.MaxShiftDays && !isWorkingDay(date); i++)
            date = date.AddDays(-1);
        return date;
    }

    private DateOnly WorkingDayOnOrAfter(DateOnly date)
    {
        for (var i = 0; i < options.MaxShiftDays && !isWorkingDay(date); i++)
            date = date.AddDays(1);
        return date;
    }
}

/// <summary>Tuning of the planner.</summary>
/// <param name="MaxLateness">How late a point may still be sent; older points are dropped.</param>
/// <param name="MaxShiftDays">Upper bound of the search for a working day (Tết with its weekends is nine days off).</param>
public sealed record ReminderPlannerOptions(TimeSpan MaxLateness, int MaxShiftDays)
{
    /// <summary>A week of lateness; shifts of up to 14 days.</summary>
    public static ReminderPlannerOptions Default { get; } = new(TimeSpan.FromDays(7), 14);
}
