using Microsoft.Extensions.Logging;

namespace GiamNgheo.LocalHost.Triggers;

/// <summary>The runner's log messages, generated so arguments are only formatted when the level is enabled.</summary>
internal static partial class RunnerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function} failed on {Subject}: {Reason}")]
    public static partial void InvocationFailed(this ILogger logger, Exception exception, string function, string subject, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local host: {Http} HTTP functions under /{RoutePrefix}, {Listeners} storage and timer triggers, {Tasks} durable orchestrators and activities.")]
    public static partial void Started(this ILogger logger, int http, string routePrefix, int listeners, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function}: storage is not reachable; retrying. {Reason}")]
    public static partial void StorageUnreachable(this ILogger logger, Exception exception, string function, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {Function}: storage is reachable again.")]
    public static partial void StorageReachable(this ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function}: blob {Container}/{Blob} could not be handled; retrying. {Reason}")]
    public static partial void BlobNotHandled(this ILogger logger, Exception exception, string function, string container, string blob, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function}: blob {Container}/{Blob} failed {Count} times; a message was put on queue {PoisonQueue} and the blob will not be delivered again.")]
    public static partial void BlobPoisoned(this ILogger logger, string function, string container, string blob, int count, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function}: message {MessageId} could not be settled; it becomes visible again when its lease runs out. {Reason}")]
    public static partial void MessageNotSettled(this ILogger logger, Exception exception, string function, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function}: message {MessageId} on queue {Queue} is not base64 although host.json says messageEncoding base64; it was moved to {PoisonQueue}. Senders must encode base64 (QueueClientOptions.MessageEncoding = Base64).")]
    public static partial void MessageNotBase64(this ILogger logger, string function, string messageId, string queue, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function}: message {MessageId} failed {Count} times and was moved to queue {PoisonQueue}.")]
    public static partial void MessagePoisoned(this ILogger logger, string function, string messageId, long count, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {Function}: the occurrence at {Occurrence:O} was missed; firing now as past due.")]
    public static partial void TimerPastDue(this ILogger logger, string function, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function}: schedule '{Schedule}' has no further occurrence.")]
    public static partial void TimerExhausted(this ILogger logger, string function, string? schedule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function}: the timer status could not be {Operation}. {Reason}")]
    public static partial void TimerStatusFailed(this ILogger logger, Exception exception, string function, string operation, string reason);
}
