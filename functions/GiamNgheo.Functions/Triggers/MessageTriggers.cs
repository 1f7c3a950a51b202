using System.Text.Json;
using GiamNgheo.Notifications;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.Triggers;

/// <summary>Where outbox messages are delivered: one queue message per attempt (first attempts and delayed retries).</summary>
/// <remarks>Delivery records failures in the outbox and schedules its own retries, so the function only throws when storage
/// fails; then the host retries the queue message (host.json <c>maxDequeueCount</c>), which is safe because delivery is
/// idempotent (ADR 0008).</remarks>
public sealed class MessageTriggers(MessageDelivery delivery, ILogger<MessageTriggers> logger)
{
    /// <summary>The queue the function listens to; the same as <see cref="NotificationStorage.DeliveryQueue"/>.</summary>
    public const string DeliveryQueue = "message-delivery";

    /// <summary>Delivers the outbox message the queue message names, if it is due and not being delivered elsewhere.</summary>
    [Function("deliver-message")]
    public async Task DeliverAsync(
        [QueueTrigger(DeliveryQueue, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        DeliveryRequest request;
        try
        {
            request = DeliveryRequest.Parse(message);
        }
        catch (JsonException ex)
        {
            logger.DroppedMessage("deliver-message", ex.Message);
            return;
        }

        DeliveryResult result;
        try
        {
            result = await delivery.DeliverAsync(request.Source, request.Key, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            // A source or key no outbox row could have (empty, too long): nothing to deliver.
            logger.DroppedMessage("deliver-message", ex.Message);
            return;
        }

        logger.Delivered(request.Source, request.Key, result);
    }

    /// <summary>Every five minutes: wakes messages whose wake-up was lost (a crash between the outbox row and its queue message,
    /// a poisoned queue message), so no message stays pending unseen.</summary>
    [Function("sweep-outbox")]
    public async Task SweepOutboxAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var woken = await delivery.WakeStalledAsync(StallGrace, cancellationToken);
        if (woken > 0 || timer.IsPastDue)
            logger.OutboxSwept(woken);
    }

    /// <summary>How long past due a message may wait before the sweep wakes it: a live wake-up arrives within seconds.</summary>
    private static readonly TimeSpan StallGrace = TimeSpan.FromMinutes(5);
}

/// <summary>The delivery function's log lines.</summary>
internal static partial class MessageLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox sweep: woke {Woken} messages whose delivery had stalled.")]
    public static partial void OutboxSwept(this ILogger logger, int woken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {Source}/{Key}: {Outcome}, status {Status}, attempt {Attempts}.")]
    public static partial void DeliveredCore(this ILogger logger, string source, string key, DeliveryOutcome outcome, string status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Source}/{Key}: {Outcome} after attempt {Attempts}: {Error}")]
    public static partial void DeliveryFailedCore(this ILogger logger, string source, string key, DeliveryOutcome outcome, int attempts, string? error);

    public static void Delivered(this ILogger logger, string source, string key, DeliveryResult result)
    {
        if (result.Outcome is DeliveryOutcome.Retrying or DeliveryOutcome.Failed)
            logger.DeliveryFailedCore(source, key, result.Outcome, result.Entry?.Attempts ?? 0, result.Entry?.LastError);
        else if (logger.IsEnabled(LogLevel.Information))
            logger.DeliveredCore(source, key, result.Outcome, result.Entry?.Status.ToCode() ?? "-", result.Entry?.Attempts ?? 0);
    }
}
