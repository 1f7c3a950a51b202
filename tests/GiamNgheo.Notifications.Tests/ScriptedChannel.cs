using System.Collections.Concurrent;

namespace GiamNgheo.Notifications.Tests;

/// <summary>A channel whose every send does what the test says, recording what it was asked to send.</summary>
internal sealed class ScriptedChannel(DeliveryChannel channel, Func<OutgoingMessage, Task<ChannelResult>> send) : IMessageChannel
{
    public ScriptedChannel(Func<OutgoingMessage, Task<ChannelResult>> send) : this(DeliveryChannel.Email, send)
    {
    }

    public DeliveryChannel Channel => channel;

    public ConcurrentQueue<(OutgoingMessage Message, string MessageId)> Sent { get; } = new();

    public static ScriptedChannel Succeeding() => new(_ => Task.FromResult(ChannelResult.Success));

    public static ScriptedChannel Failing(string error = "Máy chủ gửi thư tạm thời không nhận thư.") => new(_ => Task.FromResult(ChannelResult.Transient(error)));

    public async Task<ChannelResult> SendAsync(OutgoingMessage message, string messageId, CancellationToken cancellationToken)
    {
        Sent.Enqueue((message, messageId));
        return await send(message);
    }
}
