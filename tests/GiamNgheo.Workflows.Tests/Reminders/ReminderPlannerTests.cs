using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;

namespace GiamNgheo.Workflows.Tests.Reminders;

public sealed class ReminderPlannerTests
{
    // Tết 2024 for state agencies: Thursday 8 February to Wednesday 14 February (Thông báo 6150/TB-LĐTBXH); enough for the planner.
    private static readonly HashSet<DateOnly> Holidays = [.. Enumerable.Range(0, 7).Select(i => new DateOnly(2024, 2, 8).AddDays(i))];

    private static readonly ReminderPlanner Planner = new(
        d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(d),
        ReminderPlannerOptions.Default);

    private static readonly ReminderRecipient Supervisor = new("phong-ldtbxh", "Phòng LĐ-TB&XH", "ldtbxh@example.invalid", null);
    private static readonly ReminderRecipient YTe = new("phong-y-te", "Phòng Y tế", "yte@example.invalid", null);
    private static readonly ReminderRecipient GiaoDuc = new("phong-gd", "Phòng GD-ĐT", "gd@example.invalid", null);
    private static readonly ReminderRecipient Xa = new("xa-13321", "UBND xã Thanh Hà", "thanhha@example.invalid", null);

    private static DateTimeOffset Local(int year, int month, int day, int hour = 8) => VietnamTime.At(new DateOnly(year, month, day), new TimeOnly(hour, 0));

    private static ReminderSubject Subject(DateOnly due, IReadOnlyDictionary<string, DateTimeOffset>? completed = null, ReminderPolicy? policy = null) => new(
        new ScheduleRef(ScheduleRef.PlanKind, "thanh-liem-2024"), "Kế hoạch giảm nghèo 2024", "6-thang", "6 tháng đầu năm", due,
        policy ?? ReminderPolicy.Default, Supervisor, [YTe, GiaoDuc, Xa], completed ?? new Dictionary<string, DateTimeOffset>());

    /// <summary>Runs the workflow's loop under a virtual clock: each round at the instant the previous one asked for.</summary>
    private static List<(DateTimeOffset At, PlannedReminder Reminder)> Simulate(
        Func<DateTimeOffset, ReminderSubject> subjectAt, DateTimeOffset start, HashSet<string>? sent = null)
    {
        sent ??= [];
        var log = new List<(DateTimeOffset, PlannedReminder)>();
        DateTimeOffset? now = start;
        for (var rounds = 0; now is { } at; rounds++)
        {
            Assert.True(rounds < 1000, "the schedule never ends");
            var round = Planner.Plan(subjectAt(at), sent, at);
            foreach (var reminder in round.Send)
            {
                Assert.True(sent.Add(reminder.Key), $"{reminder.Key} planned twice");
                log.Add((at, reminder));
            }

            Assert.True(round.NextAt is null || round.NextAt > at, "the next round must be later");
            now = round.NextAt;
        }

        return log;
    }

    [Fact]
    public void A_year_of_a_plan_sends_every_point_at_its_instant_once_and_nothing_after_a_report()
    {
        // Due Monday 10 June 2024. Y tế reports on 5 June (after the 7-day point), Giáo dục on 12 June (late), the commune never.
        var due = new DateOnly(2024, 6, 10);
        var reports = new Dictionary<string, DateTimeOffset> { [YTe.Id] = Local(2024, 6, 5, 15), [GiaoDuc.Id] = Local(2024, 6, 12, 9) };
        var log = Simulate(now => Subject(due, reports.Where(r => r.Value <= now).ToDictionary()), Local(2024, 1, 2));

        var byRecipient = log.GroupBy(l => l.Reminder.Recipient.Id).ToDictionary(g => g.Key, g => g.Select(l => (l.At, l.Reminder.Point.Kind, l.Reminder.Point.Days)).ToList());
        Assert.Equal([(Local(2024, 6, 3), ReminderKind.Before, 7)], byRecipient[YTe.Id]);
        Assert.Equal(
            [(Local(2024, 6, 3), ReminderKind.Before, 7), (Local(2024, 6, 7), ReminderKind.Before, 1),
             (Local(2024, 6, 10), ReminderKind.DueToday, 0), (Local(2024, 6, 11), ReminderKind.Overdue, 1)],
            byRecipient[GiaoDuc.Id]);
        Assert.Equal(
            [(Local(2024, 6, 3), ReminderKind.Before, 7), (Local(2024, 6, 7), ReminderKind.Before, 1),
             (Local(2024, 6, 10), ReminderKind.DueToday, 0), (Local(2024, 6, 11), ReminderKind.Overdue, 1), (Local(2024, 6, 13), ReminderKind.Overdue, 3),
             (Local(2024, 6, 17), ReminderKind.Overdue, 7)],
            byRecipient[Xa.Id]);
        var summaries = log.Where(l => l.Reminder.Point.Kind == ReminderKind.LateSummary).ToList();
        Assert.Equal([Local(2024, 6, 11), Local(2024, 6, 13), Local(2024, 6, 17)], summaries.Select(s => s.At));
        Assert.Equal([[GiaoDuc.Id, Xa.Id], [Xa.Id], [Xa.Id]], summaries.Select(s => s.Reminder.Late.Select(r => r.Id).ToArray()));
        Assert.All(summaries, s => Assert.Equal(Supervisor.Id, s.Reminder.Recipient.Id));
    }

    [Fact]
    public void Weekend_points_before_the_deadline_move_to_Friday_nearest_last_and_weekend_escalations_to_Monday()
    {
        // Due Monday 10 June 2024 (3 and 1 day before both land on Friday 7 June: one reminder, the 1-day one, goes out; see the year test): 1 day before is Sunday 9 June, 3 days before Friday 7 June; 5 days after is Saturday 15 June.
        var points = Planner.Points(new DateOnly(2024, 6, 10), new ReminderPolicy([1, 3], [5], new TimeOnly(8, 0)));

        Assert.Equal(
            [new ReminderPoint(ReminderKind.Before, 3, Local(2024, 6, 7)), new ReminderPoint(ReminderKind.Before, 1, Local(2024, 6, 7)),
             new ReminderPoint(ReminderKind.Overdue, 5, Local(2024, 6, 17)), new ReminderPoint(ReminderKind.LateSummary, 5, Local(2024, 6, 17))],
            points);
    }

    [Fact]
    public void A_reminder_falling_in_Tet_goes_out_the_working_day_before_the_holidays()
    {
        // Due Friday 16 February 2024: 7 days before is Friday 9 February, inside Tết (8–14 February); the last working day before is Wednesday 7 February.
        var points = Planner.Points(new DateOnly(2024, 2, 16), new ReminderPolicy([7], [], new TimeOnly(8, 0)));

        Assert.Equal([new ReminderPoint(ReminderKind.Before, 7, Local(2024, 2, 7))], points);
    }

    [Fact]
    public void A_plan_published_after_points_have_passed_sends_only_the_latest_one_per_reporter()
    {
        var due = new DateOnly(2024, 6, 10);
        var log = Simulate(_ => Subject(due), Local(2024, 6, 7, 14));

        var first = log.Where(l => l.At == Local(2024, 6, 7, 14)).Select(l => (l.Reminder.Recipient.Id, l.Reminder.Point.Days)).ToList();
        Assert.Equal([(YTe.Id, 1), (GiaoDuc.Id, 1), (Xa.Id, 1)], first);
        Assert.DoesNotContain(log, l => l.Reminder.Point is { Kind: ReminderKind.Before, Days: 7 or 3 });
    }

    [Fact]
    public void A_round_repeated_after_a_restart_sends_nothing_new()
    {
        var sent = new HashSet<string>();
        var subject = Subject(new DateOnly(2024, 6, 10));
        var at = Local(2024, 6, 3);

        var first = Planner.Plan(subject, sent, at);
        foreach (var reminder in first.Send)
            sent.Add(reminder.Key);
        var again = Planner.Plan(subject, sent, at.AddMinutes(3));

        Assert.Equal(3, first.Send.Count);
        Assert.Empty(again.Send);
        Assert.Equal(first.NextAt, again.NextAt);
    }

    [Fact]
    public void A_deadline_moved_later_does_not_repeat_a_point_already_sent_and_the_next_points_follow_the_new_date()
    {
        var sent = new HashSet<string>();
        var before = Simulate(_ => Subject(new DateOnly(2024, 6, 10)), Local(2024, 6, 3), sent).Where(l => l.At == Local(2024, 6, 3)).ToList();
        sent.Clear();
        foreach (var (_, reminder) in before)
            sent.Add(reminder.Key);

        // The plan is edited on 4 June: due Thursday 20 June instead.
        var after = Simulate(_ => Subject(new DateOnly(2024, 6, 20), new Dictionary<string, DateTimeOffset> { [YTe.Id] = Local(2024, 6, 4) }), Local(2024, 6, 4, 10), sent);

        Assert.DoesNotContain(after, l => l.Reminder.Point.Days == 7 && l.Reminder.Point.Kind == ReminderKind.Before);
        Assert.Equal(Local(2024, 6, 17), after.First(l => l.Reminder.Recipient.Id == Xa.Id).At);
        Assert.DoesNotContain(after, l => l.Reminder.Recipient.Id == YTe.Id);
    }

    [Fact]
    public void A_point_passed_more_than_a_week_ago_is_dropped_and_one_passed_exactly_a_week_ago_is_sent()
    {
        var subject = Subject(new DateOnly(2024, 6, 10), policy: new ReminderPolicy([], [1], new TimeOnly(8, 0)));
        var point = Local(2024, 6, 11);

        Assert.Equal(4, Planner.Plan(subject, new HashSet<string>(), point.AddDays(7)).Send.Count);
        Assert.Empty(Planner.Plan(subject, new HashSet<string>(), point.AddDays(7).AddTicks(1)).Send);
    }

    [Fact]
    public void When_everyone_has_reported_the_deadline_needs_no_more_rounds()
    {
        var all = new Dictionary<string, DateTimeOffset> { [YTe.Id] = Local(2024, 6, 1), [GiaoDuc.Id] = Local(2024, 6, 1), [Xa.Id] = Local(2024, 6, 1) };

        var round = Planner.Plan(Subject(new DateOnly(2024, 6, 10), all), new HashSet<string>(), Local(2024, 6, 2));

        Assert.Empty(round.Send);
        Assert.Null(round.NextAt);
    }

    [Fact]
    public void A_point_is_due_at_its_instant_and_not_a_tick_before()
    {
        var subject = Subject(new DateOnly(2024, 6, 10), policy: new ReminderPolicy([0], [], new TimeOnly(8, 0)));
        var at = Local(2024, 6, 10);

        var early = Planner.Plan(subject, new HashSet<string>(), at.AddTicks(-1));
        var onTime = Planner.Plan(subject, new HashSet<string>(), at);

        Assert.Empty(early.Send);
        Assert.Equal(at, early.NextAt);
        Assert.Equal(3, onTime.Send.Count);
        Assert.All(onTime.Send, r => Assert.Equal(ReminderKind.DueToday, r.Point.Kind));
    }

    [Fact]
    public void Message_keys_name_period_recipient_kind_and_offset()
    {
        var key = ReminderPlanner.Key("6-thang", "xa-13321", new ReminderPoint(ReminderKind.Overdue, 3, Local(2024, 6, 13)));

        Assert.Equal("6-thang|xa-13321|qua-han|3", key);
    }

    [Fact]
    public void A_deadline_is_watched_until_three_weeks_after_its_last_escalation_and_not_a_day_more()
    {
        // Last escalation 7 days after 10 June: points move at most 14 days and are sent at most 7 days late.
        var due = new DateOnly(2024, 6, 10);

        Assert.True(ReminderPolicy.Default.MayRemind(due, new DateOnly(2024, 7, 8)));
        Assert.False(ReminderPolicy.Default.MayRemind(due, new DateOnly(2024, 7, 9)));
    }
}
