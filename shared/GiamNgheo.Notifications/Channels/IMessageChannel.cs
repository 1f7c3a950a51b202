namespace GiamNgheo.Notifications;

/// <summary>One way of sending a message (email, webhook). A channel never throws for a failed send: it says what happened.</summary>
public interface IMessageChannel
{
    /// <summary>The channel this sends on.</summary>
    DeliveryChannel Channel { get; }

    /// <summary>Sends one message once.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="messageId">Its stable id (see <see cref="OutboxEntry.MessageId"/>), for the receiver to drop duplicates.</param>
    /// <param name="cancellationToken">Cancels the send (the host is stopping); then <see cref="OperationCanceledException"/> is thrown.</param>
    Task<ChannelResult> SendAsync(OutgoingMessage message, string messageId, CancellationToken cancellationToken);
}

/// <summary>What one send did.</summary>
/// <param name="Succeeded">True when the server or receiver accepted the message.</param>
/// <param name="Permanent">True when no retry can succeed (an invalid address, a rejected recipient): the message fails at once.</param>
/// <param name="Error">Why it failed, short Vietnamese text for an officer (no stack trace); null on success.</param>
public sealed record ChannelResult(bool Succeeded, bool Permanent, string? Error)
{
    /// <summary>Accepted.</summary>
    public static ChannelResult Success { get; } = new(true, false, null);

    /// <summary>Failed; a later attempt may succeed.</summary>
    public static ChannelResult Transient(string error) => new(false, false, ShortText.Of(error));

    /// <summary>Failed for good.</summary>
    public static ChannelResult Permanently(string error) => new(false, true, ShortText.Of(error));
}
