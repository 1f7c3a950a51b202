namespace GiamNgheo.Notifications;

/// <summary>Where a message is in its delivery; each has a stable Vietnamese code for APIs and the stored row.</summary>
public enum MessageStatus
{
    /// <summary><c>cho-gui</c>: in the outbox, no attempt yet.</summary>
    Pending,

    /// <summary><c>dang-gui</c>: claimed by one delivery, which is sending it now (or crashed; the claim expires after a lease).</summary>
    Sending,

    /// <summary><c>da-gui</c>: accepted by the SMTP server or the webhook receiver. Final.</summary>
    Sent,

    /// <summary><c>loi-tam-thoi</c>: the last attempt failed; another is scheduled at <see cref="OutboxEntry.NextAttemptAt"/>.</summary>
    Retrying,

    /// <summary><c>that-bai</c>: failed for good (last attempt used, or an error no retry can fix). Final and visible, never silent.</summary>
    Failed,
}

/// <summary>The stable codes of <see cref="MessageStatus"/>.</summary>
public static class MessageStatusCodes
{
    /// <summary>The code stored and shown for a status.</summary>
    public static string ToCode(this MessageStatus status) => status switch
    {
        MessageStatus.Pending => "cho-gui",
        MessageStatus.Sending => "dang-gui",
        MessageStatus.Sent => "da-gui",
        MessageStatus.Retrying => "loi-tam-thoi",
        MessageStatus.Failed => "that-bai",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status of a code; throws <see cref="FormatException"/> for an unknown one.</summary>
    public static MessageStatus Parse(string code) => code switch
    {
        "cho-gui" => MessageStatus.Pending,
        "dang-gui" => MessageStatus.Sending,
        "da-gui" => MessageStatus.Sent,
        "loi-tam-thoi" => MessageStatus.Retrying,
        "that-bai" => MessageStatus.Failed,
        _ => throw new FormatException($"Unknown message status '{code}'."),
    };

    /// <summary>True when nothing more will happen to the message.</summary>
    public static bool IsFinal(this MessageStatus status) => status is MessageStatus.Sent or MessageStatus.Failed;

    /// <summary>The stable code of a channel (<c>email</c>, <c>webhook</c>).</summary>
    public static string ToCode(this DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Email => "email",
        DeliveryChannel.Webhook => "webhook",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    /// <summary>The channel of a code; throws <see cref="FormatException"/> for an unknown one.</summary>
    public static DeliveryChannel ParseChannel(string code) => code switch
    {
        "email" => DeliveryChannel.Email,
        "webhook" => DeliveryChannel.Webhook,
        _ => throw new FormatException($"Unknown delivery channel '{code}'."),
    };
}
