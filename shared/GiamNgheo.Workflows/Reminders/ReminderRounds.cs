using System.Text.Json.Nodes;
using GiamNgheo.Notifications;

namespace GiamNgheo.Workflows.Reminders;

/// <summary>One round of a deadline: read it from storage, ask the planner what is due now, put those messages in the outbox.</summary>
/// <remarks>Safe to run any number of times for the same instant: the outbox holds one message per key, and a point counts as
/// sent only when every channel of its recipient has its message, so a crash between two channels is healed by the retry.</remarks>
public sealed class ReminderRounds(IEnumerable<IReminderSubjectSource> sources, ReminderPlanner planner, Outbox outbox, TimeProvider clock)
{
    private readonly Dictionary<string, IReminderSubjectSource> _sources = sources.ToDictionary(s => s.Kind);

    /// <summary>Label of the planner's key on every outbox row (several channels share one point).</summary>
    public const string PointLabel = "point";

    /// <summary>Label of the period or milestone.</summary>
    public const string PeriodLabel = "periodId";

    /// <summary>Label of the recipient: a reporter id, a commune code or the supervisor's id.</summary>
    public const string RecipientLabel = "reporterId";

    /// <summary>Label of the recipient's role: <c>bao-cao</c> (reporter) or <c>chu-tri</c> (supervisor).</summary>
    public const string RoleLabel = "role";

    /// <summary>Label of the point's offset in days from the due date.</summary>
    public const string DaysLabel = "days";

    /// <summary>Runs the round of a deadline at the clock's now.</summary>
    /// <returns>The instant planned at, and when the next round is due (null when the deadline needs no more: it was removed,
    /// or everything is done).</returns>
    public async Task<ReminderRoundResult> RunAsync(ScheduleRef schedule, string periodId, CancellationToken cancellationToken)
    {
        if (!_sources.TryGetValue(schedule.Kind, out var source))
            throw new ArgumentException($"No reminder source for schedules of kind {schedule.Kind}.", nameof(schedule));
        var now = clock.GetUtcNow();
        var subject = await source.FindAsync(schedule.Id, periodId, cancellationToken).ConfigureAwait(false);
        if (subject is null)
            return new ReminderRoundResult(now, null);

        // Message keys start with the period, so the round reads its own deadline's rows, not the whole year's.
        var existing = await outbox.ListAsync(schedule.ToString(), periodId + "|", cancellationToken).ConfigureAwait(false);
        var round = planner.Plan(subject, SentPoints(subject, existing), now);
        foreach (var reminder in round.Send)
        {
            var words = ReminderMessages.Compose(subject, reminder, VietnamTime.DateOf(now));
            foreach (var message in Messages(subject, reminder, words))
                await outbox.EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return new ReminderRoundResult(now, round.NextAt);
    }

    /// <summary>Every channel a recipient can be reached on, with its address.</summary>
    public static IEnumerable<(DeliveryChannel Channel, string Address)> Channels(ReminderRecipient recipient)
    {
        if (!string.IsNullOrWhiteSpace(recipient.Email))
            yield return (DeliveryChannel.Email, recipient.Email);
        if (!string.IsNullOrWhiteSpace(recipient.Webhook))
            yield return (DeliveryChannel.Webhook, recipient.Webhook);
    }

    private static HashSet<string> SentPoints(ReminderSubject subject, IReadOnlyList<OutboxEntry> existing)
    {
        var recipients = subject.Expected.Append(subject.Supervisor).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var point in existing.GroupBy(e => e.Labels.GetValueOrDefault(PointLabel) ?? e.Key))
        {
            var recipientId = point.First().Labels.GetValueOrDefault(RecipientLabel);
            var needed = recipientId is not null && recipients.TryGetValue(recipientId, out var recipient)
                ? Channels(recipient).Select(c => c.Channel).ToHashSet()
                : [];
            if (needed.IsSubsetOf(point.Select(e => e.Channel)))
                sent.Add(point.Key);
        }

        return sent;
    }

    private static IEnumerable<OutgoingMessage> Messages(ReminderSubject subject, PlannedReminder reminder, ComposedReminder words)
    {
        var kind = reminder.Point.Kind.Code();
        var role = reminder.Point.Kind == ReminderKind.LateSummary ? "chu-tri" : "bao-cao";
        foreach (var (channel, address) in Channels(reminder.Recipient))
        {
            yield return new OutgoingMessage(
                subject.Schedule.ToString(),
                $"{reminder.Key}|{channel.ToCode()}",
                channel,
                new MessageRecipient(reminder.Recipient.Id, reminder.Recipient.Name, address),
                words.Subject,
                words.Text,
                words.Html,
                reminder.Point.At)
            {
                Kind = kind,
                Labels = new Dictionary<string, string>
                {
                    [PointLabel] = reminder.Key,
                    [PeriodLabel] = subject.PeriodId,
                    [RecipientLabel] = reminder.Recipient.Id,
                    [RoleLabel] = role,
                    [DaysLabel] = reminder.Point.Days.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                Data = new JsonObject
                {
                    ["schedule"] = subject.Schedule.Kind,
                    ["scheduleId"] = subject.Schedule.Id,
                    ["title"] = subject.Title,
                    ["periodId"] = subject.PeriodId,
                    ["periodLabel"] = subject.PeriodLabel,
                    ["due"] = subject.Due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["days"] = reminder.Point.Days,
                    ["late"] = new JsonArray([.. reminder.Late.Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["name"] = r.Name })]),
                },
            };
        }
    }
}
