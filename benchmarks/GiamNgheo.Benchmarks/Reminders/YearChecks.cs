using GiamNgheo.Notifications;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Review;
using MimeKit;

namespace GiamNgheo.Benchmarks.Reminders;

/// <summary>A correctness check of the year and what it found.</summary>
internal sealed record Check(string Name, bool Passed, string Detail);

/// <summary>Checks what the year sent against the actions: each message once, at its point, none after acting, one per point before.</summary>
internal static class YearChecks
{
    public static List<Check> Run(ReminderWorld world, ProvinceYear year, YearSimulation simulation, IReadOnlyList<OutboxEntry> messages, IReadOnlyList<MimeMessage> mails)
    {
        var checks = new List<Check>();

        var notSent = messages.Count(m => m.Status != MessageStatus.Sent || m.Attempts != 1);
        var outcomes = string.Join(", ", simulation.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"));
        checks.Add(new Check("every outbox message sent at its first attempt", notSent == 0 && simulation.Outcomes.Keys.All(k => k == DeliveryOutcome.Sent),
            $"{messages.Count - notSent} of {messages.Count} rows da-gui after 1 attempt; DeliverAsync outcomes: {outcomes}"));

        var mailKeys = mails.Select(m => (Source: m.Headers[EmailChannel.SourceHeader] ?? "", Key: m.Headers[EmailChannel.KeyHeader] ?? "")).ToList();
        var rowKeys = messages.Select(m => (m.Source, m.Key)).ToHashSet();
        checks.Add(new Check("every message key in the SMTP inbox exactly once",
            mailKeys.Count == messages.Count && mailKeys.Distinct().Count() == mailKeys.Count && rowKeys.SetEquals(mailKeys),
            $"{mails.Count} mails, {mailKeys.Distinct().Count()} distinct (source, key), {messages.Count} outbox rows"));

        var enqueued = simulation.Rounds.Sum(r => r.Enqueued);
        checks.Add(new Check("wake-ups sent by rounds = outbox rows", enqueued == messages.Count, $"{enqueued} wake-ups, {messages.Count} rows"));

        var offPoint = messages.Count(m => m.EnqueuedAt != m.DueAt);
        checks.Add(new Check("every message enqueued at its point's instant", offPoint == 0, $"{offPoint} enqueued at another instant than their point"));

        var afterActing = messages.Count(m => m.Labels[ReminderRounds.RoleLabel] == "bao-cao"
            && simulation.Completed.TryGetValue((m.Source, m.Labels[ReminderRounds.PeriodLabel], m.Recipient.Id), out var acted) && acted <= m.EnqueuedAt);
        checks.Add(new Check("no reminder to anyone after they acted", afterActing == 0, $"{afterActing} reminders after the recipient's report or step"));

        var (expected, missing, extra) = PerRecipient(world, year, simulation, messages);
        checks.Add(new Check("one message per point instant to each recipient until it acts (supervisor: while anyone is late)", missing == 0 && extra == 0,
            $"expected {expected}, missing {missing}, unexpected {extra}"));
        return checks;
    }

    /// <summary>Expected messages per (deadline, recipient): every distinct point instant before the recipient acted (the rounds
    /// run at each instant, and a round sends a recipient only the latest point); the supervisor's list at every escalation
    /// instant at which somebody had still not acted.</summary>
    private static (int Expected, int Missing, int Extra) PerRecipient(ReminderWorld world, ProvinceYear year, YearSimulation simulation, IReadOnlyList<OutboxEntry> messages)
    {
        var deadlines = new List<(string Source, string PeriodId, DateOnly Due, ReminderPolicy Policy, IReadOnlyList<string> Expected)>();
        foreach (var plan in year.Plans)
        {
            var source = new ScheduleRef(ScheduleRef.PlanKind, plan.Id).ToString();
            deadlines.AddRange(plan.Periods.Select(p => (source, p.Id, p.Due, plan.Reminders, (IReadOnlyList<string>)[.. plan.Reporters.Select(r => r.Id)])));
        }

        var reviewSource = new ScheduleRef(ScheduleRef.ReviewKind, ReviewSettings.IdOf(ProvinceYear.Year, ProvinceYear.ProvinceCode)).ToString();
        var communes = year.Communes.Select(c => c.Code).ToList();
        deadlines.AddRange(ReviewDefaults.Default.Milestones(ReviewYear.Of(ProvinceYear.Year))
            .Select(m => (reviewSource, m.Key, m.Value, ReminderPolicy.Default, (IReadOnlyList<string>)communes)));

        var sent = messages.GroupBy(m => (m.Source, m.Labels[ReminderRounds.PeriodLabel], m.Recipient.Id)).ToDictionary(g => g.Key, g => g.Count());
        int expectedTotal = 0, missing = 0;
        foreach (var (source, periodId, due, policy, expected) in deadlines)
        {
            var points = world.Planner.Points(due, policy);
            var reporterInstants = points.Where(p => p.Kind != ReminderKind.LateSummary).Select(p => p.At).Distinct().ToList();
            var summaryInstants = points.Where(p => p.Kind == ReminderKind.LateSummary).Select(p => p.At).Distinct().ToList();
            DateTimeOffset? Acted(string id) => simulation.Completed.TryGetValue((source, periodId, id), out var at) ? at : null;

            foreach (var recipient in expected)
            {
                var count = reporterInstants.Count(at => Acted(recipient) is not { } acted || at < acted);
                expectedTotal += count;
                missing += Math.Max(0, count - sent.GetValueOrDefault((source, periodId, recipient)));
            }

            var summaries = summaryInstants.Count(at => expected.Any(r => Acted(r) is not { } acted || at < acted));
            expectedTotal += summaries;
            missing += Math.Max(0, summaries - sent.GetValueOrDefault((source, periodId, ProvinceYear.Supervisor.Id)));
        }

        return (expectedTotal, missing, messages.Count - (expectedTotal - missing));
    }
}
