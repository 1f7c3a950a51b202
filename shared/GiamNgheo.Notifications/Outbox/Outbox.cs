using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace GiamNgheo.Notifications;

/// <summary>The outbox: one table row per message (status, attempts, last error, times), its bodies in a blob, and a wake-up on
/// the delivery queue. Enqueueing is idempotent per (Source, Key).</summary>
/// <remarks>
/// <para>Rows are partitioned by the escaped source and keyed by the escaped key (see <see cref="OutboxKeys.Escape"/>), so all
/// messages of a plan are one partition query and one (Source, Key) can only ever be one row.</para>
/// <para>Bodies may exceed the 64 KiB limit of a table property, so the text, HTML and data go to a blob of the
/// <c>outbox-messages</c> container named by the SHA-256 of its content: rows stay a few hundred bytes, a listing never reads
/// a body, and writing the same content twice writes the same blob. A content written by an enqueue that then lost the race for
/// the row (or crashed before it) is an orphan blob, never a wrong message: the row names the blob it was created with.</para>
/// </remarks>
public sealed class Outbox
{
    /// <summary>Most labels a message may carry, and the longest their JSON may be, so rows stay small.</summary>
    public const int MaxLabels = 32;

    private const int MaxLabelsJsonLength = 8 * 1024;
    private const int MaxSubjectLength = 998;
    private const int MaxAddressLength = 2048;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly NotificationStorage _storage;
    private readonly TimeProvider _time;

    /// <summary>Creates the outbox over its storage; the clock stamps enqueue times.</summary>
    public Outbox(NotificationStorage storage, TimeProvider time)
    {
        _storage = storage;
        _time = time;
    }

    /// <summary>Puts a message in the outbox unless (Source, Key) is there already, and wakes its delivery.</summary>
    /// <returns><see cref="EnqueueResult.Created"/> false when the message existed: then nothing was changed, whatever this call's
    /// content, and the stored entry is returned. A message that exists but was never attempted gets its wake-up again, which
    /// heals an enqueue that crashed between the row and the queue message.</returns>
    /// <exception cref="ArgumentException">An empty or overlong source, key, subject or address, or too many labels.</exception>
    public async Task<EnqueueResult> EnqueueAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var partitionKey = OutboxKeys.TableKey(message.Source, "source");
        var rowKey = OutboxKeys.TableKey(message.Key, "key");
        Validate(message);

        var existing = await FindAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
            return await ExistingAsync(existing.Value.Entry, cancellationToken).ConfigureAwait(false);

        var content = JsonSerializer.SerializeToUtf8Bytes(
            new StoredContent(message.Source, message.Key, message.TextBody, message.HtmlBody, message.Data ?? []), Json);
        var blobName = Convert.ToHexStringLower(SHA256.HashData(content)) + ".json";
        await _storage.Contents.GetBlobClient(blobName).UploadAsync(
            new BinaryData(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
            cancellationToken).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        var entry = new OutboxEntry
        {
            Source = message.Source,
            Key = message.Key,
            Channel = message.Channel,
            Recipient = message.Recipient,
            Subject = message.Subject,
            Kind = message.Kind,
            Labels = new Dictionary<string, string>(message.Labels, StringComparer.Ordinal),
            DueAt = message.DueAt,
            EnqueuedAt = now,
            Status = MessageStatus.Pending,
            NextAttemptAt = now,
            MessageId = OutboxKeys.StableId(message.Source, message.Key),
            ContentBlob = blobName,
        };
        try
        {
            await _storage.Outbox.AddEntityAsync(OutboxRow.ToEntity(entry), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another enqueue of the same message won the race; its row stands.
            var winner = await FindAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Outbox row {message.Source}/{message.Key} conflicted on insert but cannot be read.", e);
            return await ExistingAsync(winner.Entry, cancellationToken).ConfigureAwait(false);
        }

        await DeliveryWakeUp.SendAsync(_storage.Delivery, message.Source, message.Key, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return new EnqueueResult(true, entry);
    }

    /// <summary>The message with this (Source, Key), or null.</summary>
    public async Task<OutboxEntry?> GetAsync(string source, string key, CancellationToken cancellationToken) =>
        (await FindAsync(OutboxKeys.TableKey(source, "source"), OutboxKeys.TableKey(key, "key"), cancellationToken).ConfigureAwait(false))?.Entry;

    /// <summary>Every message of a source, in key order (one partition query; bodies are not read).</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string source, CancellationToken cancellationToken)
    {
        var partitionKey = OutboxKeys.TableKey(source, "source");
        var list = new List<OutboxEntry>();
        await foreach (var entity in _storage.Outbox.QueryAsync<TableEntity>($"PartitionKey eq '{OutboxKeys.Quote(partitionKey)}'", cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(OutboxRow.FromEntity(entity));
        return list;
    }

    /// <summary>The messages of a source whose key starts with <paramref name="keyPrefix"/> (a row-key range of one partition),
    /// so a caller that groups keys by a leading part reads only that group, however many messages the source holds.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string source, string keyPrefix, CancellationToken cancellationToken)
    {
        var partitionKey = OutboxKeys.TableKey(source, "source");
        var from = OutboxKeys.Escape(keyPrefix);
        var to = from[..^1] + (char)(from[^1] + 1);
        var filter = $"PartitionKey eq '{OutboxKeys.Quote(partitionKey)}' and RowKey ge '{OutboxKeys.Quote(from)}' and RowKey lt '{OutboxKeys.Quote(to)}'";
        var list = new List<OutboxEntry>();
        await foreach (var entity in _storage.Outbox.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(OutboxRow.FromEntity(entity));
        return list;
    }

    /// <summary>Every message not yet sent or failed, across all sources (a filtered scan of the table).</summary>
    internal async IAsyncEnumerable<OutboxEntry> UnfinishedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = $"Status ne '{MessageStatus.Sent.ToCode()}' and Status ne '{MessageStatus.Failed.ToCode()}'";
        await foreach (var entity in _storage.Outbox.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            yield return OutboxRow.FromEntity(entity);
    }

    /// <summary>The full message of an entry: its row plus the bodies and data of its blob; null when the blob is gone.</summary>
    internal async Task<OutgoingMessage?> ReadMessageAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        BinaryData bytes;
        try
        {
            bytes = (await _storage.Contents.GetBlobClient(entry.ContentBlob).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        var content = bytes.ToObjectFromJson<StoredContent>(Json) ?? throw new JsonException($"Empty content blob {entry.ContentBlob}.");
        return new OutgoingMessage(entry.Source, entry.Key, entry.Channel, entry.Recipient, entry.Subject, content.TextBody ?? string.Empty, content.HtmlBody, entry.DueAt)
        {
            Kind = entry.Kind,
            Labels = entry.Labels,
            Data = content.Data,
        };
    }

    /// <summary>The row and its ETag, or null.</summary>
    internal async Task<(OutboxEntry Entry, ETag ETag)?> FindAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await _storage.Outbox.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? (OutboxRow.FromEntity(response.Value!), response.Value!.ETag) : null;
    }

    /// <summary>Replaces the row if it is still at <paramref name="etag"/>; the new ETag, or null when someone changed it first.</summary>
    internal async Task<ETag?> TryReplaceAsync(OutboxEntry entry, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _storage.Outbox.UpdateEntityAsync(OutboxRow.ToEntity(entry), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private async Task<EnqueueResult> ExistingAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Status == MessageStatus.Pending)
            await DeliveryWakeUp.SendAsync(_storage.Delivery, entry.Source, entry.Key, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return new EnqueueResult(false, entry);
    }

    private static void Validate(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message.Recipient);
        if (string.IsNullOrWhiteSpace(message.Recipient.Address) || message.Recipient.Address.Length > MaxAddressLength)
            throw new ArgumentException($"Message {message.Source}/{message.Key}: the recipient address is empty or longer than {MaxAddressLength} characters.", nameof(message));
        if (message.Subject is null || message.Subject.Length > MaxSubjectLength)
            throw new ArgumentException($"Message {message.Source}/{message.Key}: the subject is missing or longer than {MaxSubjectLength} characters.", nameof(message));
        if (message.TextBody is null)
            throw new ArgumentException($"Message {message.Source}/{message.Key}: the text body is missing.", nameof(message));
        if (message.Labels.Count > MaxLabels || JsonSerializer.Serialize(message.Labels).Length > MaxLabelsJsonLength)
            throw new ArgumentException($"Message {message.Source}/{message.Key}: at most {MaxLabels} labels of {MaxLabelsJsonLength} characters in all.", nameof(message));
    }

    /// <summary>The blob's JSON: source and key are inside so that equal bodies of different messages are different blobs.</summary>
    private sealed record StoredContent(string Source, string Key, string? TextBody, string? HtmlBody, JsonObject? Data);
}
