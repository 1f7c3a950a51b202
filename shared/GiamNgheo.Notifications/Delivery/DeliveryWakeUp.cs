using Azure.Storage.Queues;

namespace GiamNgheo.Notifications;

/// <summary>Sends the queue message that makes <see cref="MessageDelivery"/> look at a message, now or after a delay.</summary>
internal static class DeliveryWakeUp
{
    /// <summary>The longest a queue message may stay invisible is 7 days; a later attempt is reached by waking up and waiting again.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public static async Task SendAsync(QueueClient queue, string source, string key, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay < TimeSpan.Zero)
            delay = TimeSpan.Zero;
        if (delay > MaxDelay)
            delay = MaxDelay;
        // Round up to whole seconds (the queue's resolution): waking a moment early would only find the attempt not yet due.
        var visibility = TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        // No expiry: a wake-up for a retry hours away must not vanish before it is due (the default time-to-live is 7 days).
        await queue.SendMessageAsync(new DeliveryRequest(source, key).ToJson(), visibility, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
    }
}
