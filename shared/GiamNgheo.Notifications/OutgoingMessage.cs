using System.Text.Json.Nodes;

namespace GiamNgheo.Notifications;

/// <summary>How a message travels.</summary>
public enum DeliveryChannel
{
    /// <summary>Email over SMTP; the recipient address is an email address.</summary>
    Email,

    /// <summary>A signed JSON POST; the recipient address is the receiver's URL (a province's relay to its own messaging).</summary>
    Webhook,
}

/// <summary>Who receives a message.</summary>
/// <param name="Id">The caller's id of the recipient (a reporter or supervisor id of a plan), kept for listings.</param>
/// <param name="Name">Display name, in Vietnamese as the user wrote it.</param>
/// <param name="Address">An email address for <see cref="DeliveryChannel.Email"/>, an absolute http(s) URL for <see cref="DeliveryChannel.Webhook"/>.</param>
public sealed record MessageRecipient(string Id, string Name, string Address);

/// <summary>A fully rendered message handed to the outbox: delivery adds nothing to its text.</summary>
/// <param name="Source">Who produced it, e.g. a plan id ("thanh-liem-2021"). It is the outbox partition, so all messages of a
/// plan come back from one partition query.</param>
/// <param name="Key">Unique within <paramref name="Source"/>, e.g. "6-thang|phong-y-te|nhac-truoc|7". The same (Source, Key) is the
/// same message: a second enqueue changes nothing, which is how a caller gets one message per event across retries.</param>
/// <param name="Channel">Email or webhook.</param>
/// <param name="Recipient">Who receives it and where.</param>
/// <param name="Subject">Subject line (Vietnamese, with diacritics).</param>
/// <param name="TextBody">Plain-text body; also the webhook's <c>text</c>.</param>
/// <param name="HtmlBody">HTML body of the email; null sends plain text only. Not sent by the webhook.</param>
/// <param name="DueAt">When the message was scheduled for (the reminder point), as the caller computed it.</param>
public sealed record OutgoingMessage(
    string Source,
    string Key,
    DeliveryChannel Channel,
    MessageRecipient Recipient,
    string Subject,
    string TextBody,
    string? HtmlBody,
    DateTimeOffset DueAt)
{
    /// <summary>What the message is, in the caller's stable ASCII code (e.g. <c>nhac-truoc</c>, <c>qua-han</c>); listed and sent by the webhook.</summary>
    public string? Kind { get; init; }

    /// <summary>The message's facts as a JSON object (deadline, period, plan…), sent as the webhook's <c>data</c> so a relay need
    /// not parse the text. Null sends <c>{}</c>.</summary>
    public JsonObject? Data { get; init; }

    /// <summary>Labels the caller lists and filters by (e.g. <c>periodId</c>, <c>reporterId</c>): stored on the outbox row as they are,
    /// so the caller's API can answer per message without reading any body.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
