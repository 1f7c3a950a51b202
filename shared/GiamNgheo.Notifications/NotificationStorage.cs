using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace GiamNgheo.Notifications;

/// <summary>The storage of message delivery: the outbox table, the message contents, and the delivery queue.</summary>
/// <remarks>The queue client must encode messages as base64, the Functions host's queue encoding (host.json
/// <c>extensions.queues.messageEncoding</c>); the app passes its service clients, which are created that way.</remarks>
public sealed class NotificationStorage
{
    /// <summary>One row per message, partitioned by the message's source (e.g. a plan).</summary>
    public const string OutboxTable = "outbox";

    /// <summary>Message contents (bodies and data), one blob per distinct content, so outbox rows stay small.</summary>
    public const string ContentsContainer = "outbox-messages";

    /// <summary>Work: deliver the outbox message the queue message names (first attempts and retries, delayed by visibility).</summary>
    public const string DeliveryQueue = "message-delivery";

    /// <summary>Creates the storage over the three service clients.</summary>
    public NotificationStorage(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues)
    {
        Outbox = tables.GetTableClient(OutboxTable);
        Contents = blobs.GetBlobContainerClient(ContentsContainer);
        Delivery = queues.GetQueueClient(DeliveryQueue);
    }

    /// <summary>Every container message delivery writes.</summary>
    public static IReadOnlyList<string> ContainerNames { get; } = [ContentsContainer];

    /// <summary>Every table message delivery writes.</summary>
    public static IReadOnlyList<string> TableNames { get; } = [OutboxTable];

    /// <summary>Every queue message delivery writes.</summary>
    public static IReadOnlyList<string> QueueNames { get; } = [DeliveryQueue];

    /// <summary>The outbox table.</summary>
    public TableClient Outbox { get; }

    /// <summary>The message contents.</summary>
    public BlobContainerClient Contents { get; }

    /// <summary>The delivery queue.</summary>
    public QueueClient Delivery { get; }

    /// <summary>Creates what is missing. In Azure the infrastructure creates everything; locally and in tests this does.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(
            Outbox.CreateIfNotExistsAsync(cancellationToken),
            Contents.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Delivery.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
}
