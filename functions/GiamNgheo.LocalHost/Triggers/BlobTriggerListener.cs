using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using GiamNgheo.LocalHost.Functions;

namespace GiamNgheo.LocalHost.Triggers;

/// <summary>
/// Blob trigger by container scan, with the host's bookkeeping: a receipt blob per function, blob and ETag marks a blob as
/// done, so after a restart every blob without a receipt is delivered again. A failed blob is retried after host.json
/// <c>queues.visibilityTimeout</c> (the host retries blobs through a queue) and poisoned after <c>queues.maxDequeueCount</c> failures.
/// The function gets a <see cref="BlobClient"/>, as in Azure, and reads the blob itself.
/// </summary>
internal sealed class BlobTriggerListener : ITriggerListener, IDisposable
{
    private readonly FunctionDescriptor _function;
    private readonly BlobPathPattern _pattern;
    private readonly HostSettings _settings;
    private readonly BlobContainerClient _container;
    private readonly BlobContainerClient _hosts;
    private readonly QueueClient _poisonQueue;
    private readonly FunctionInvoker _invoker;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StorageOutageLog _outage;
    private readonly SemaphoreSlim _slots;
    private readonly HashSet<BlobVersion> _receipted = [];
    private readonly ConcurrentDictionary<BlobVersion, Attempts> _attempts = new();
    private readonly ConcurrentDictionary<BlobVersion, Task> _inFlight = new();
    private bool _ready;

    /// <summary>Creates the listener for one blob trigger function.</summary>
    public BlobTriggerListener(
        FunctionDescriptor function,
        HostSettings settings,
        BlobServiceClient blobs,
        QueueServiceClient undecodedQueues,
        FunctionInvoker invoker,
        TimeSpan pollInterval,
        TimeProvider time,
        ILogger logger)
    {
        _function = function;
        _pattern = BlobPathPattern.Parse(function.Source);
        _settings = settings;
        _container = blobs.GetBlobContainerClient(_pattern.Container);
        _hosts = blobs.GetBlobContainerClient(LocalHostNames.HostsContainer);
        _poisonQueue = undecodedQueues.GetQueueClient(LocalHostNames.BlobPoisonQueue);
        _invoker = invoker;
        _pollInterval = pollInterval;
        _time = time;
        _logger = logger;
        _outage = new StorageOutageLog(logger, function.Name);
        _slots = new SemaphoreSlim(settings.BlobParallelism, settings.BlobParallelism);
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await ScanAsync(ct);
                    _outage.Succeeded();
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    _outage.Failed(e);
                }

                await Task.Delay(_pollInterval, _time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await DrainAsync();
        }
    }

    /// <summary>Releases the concurrency limiter.</summary>
    public void Dispose() => _slots.Dispose();

    private async Task ScanAsync(CancellationToken ct)
    {
        if (!_ready)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: ct);
            await _hosts.CreateIfNotExistsAsync(cancellationToken: ct);
            _ready = true;
        }

        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = _pattern.Prefix }, ct))
        {
            if (blob.Deleted || blob.Properties.ETag is not { } etag || _pattern.Match(blob.Name) is not { } tokens)
                continue;

            var version = new BlobVersion(blob.Name, etag);
            if (_receipted.Contains(version) || _inFlight.ContainsKey(version))
                continue;

            if (_attempts.TryGetValue(version, out var attempts) && attempts.NotBefore > _time.GetUtcNow())
                continue;

            if ((await Receipt(version).ExistsAsync(ct)).Value)
            {
                _receipted.Add(version);
                continue;
            }

            await _slots.WaitAsync(ct);
            _inFlight[version] = DeliverAndReleaseAsync(version, tokens, ct);
        }

        foreach (var version in _inFlight.Where(entry => entry.Value.IsCompleted).Select(entry => entry.Key).ToList())
        {
            if (_inFlight.TryRemove(version, out _) && !_attempts.ContainsKey(version))
                _receipted.Add(version);
        }
    }

    private async Task DeliverAndReleaseAsync(BlobVersion version, IReadOnlyDictionary<string, string> tokens, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await DeliverAsync(version, tokens, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The receipt is not written, so the blob is delivered again on the next start.
        }
        catch (Exception e)
        {
            // A storage failure around the delivery: leave the blob for the next scan without counting an attempt.
            _logger.BlobNotHandled(e, _function.Name, _pattern.Container, version.Name, e.Message);
            _attempts.AddOrUpdate(version, _ => new Attempts(0, _time.GetUtcNow() + _pollInterval), (_, a) => a with { NotBefore = _time.GetUtcNow() + _pollInterval });
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task DeliverAsync(BlobVersion version, IReadOnlyDictionary<string, string> tokens, CancellationToken ct)
    {
        var blob = _container.GetBlobClient(version.Name);
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(new BlobRequestConditions { IfMatch = version.ETag }, ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Deleted or overwritten since the listing: the next scan sees the current version, if any.
            _attempts.TryRemove(version, out _);
            return;
        }

        try
        {
            await _invoker.InvokeAsync(_function, blob, tokens, ct);
            _attempts.TryRemove(version, out _);
            await WriteReceiptAsync(version, ct);
            return;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _logger.InvocationFailed(e, _function.Name, version.Name, e.Message);
        }

        var attempts = _attempts.AddOrUpdate(
            version,
            _ => new Attempts(1, _time.GetUtcNow() + _settings.VisibilityTimeout),
            (_, a) => new Attempts(a.Count + 1, _time.GetUtcNow() + _settings.VisibilityTimeout));
        if (attempts.Count < _settings.MaxDequeueCount)
            return;

        await PoisonAsync(version, properties.BlobType, ct);
        await WriteReceiptAsync(version, ct);
        _attempts.TryRemove(version, out _);
        _logger.BlobPoisoned(_function.Name, _pattern.Container, version.Name, attempts.Count, LocalHostNames.BlobPoisonQueue);
    }

    private static string BlobTypeName(BlobType type) => type switch
    {
        BlobType.Page => "PageBlob",
        BlobType.Append => "AppendBlob",
        _ => "BlockBlob",
    };

    private BlobClient Receipt(BlobVersion version) =>
        _hosts.GetBlobClient($"blobreceipts/{LocalHostNames.HostId}/{LocalHostNames.FunctionId(_function.Name)}/{version.ETag.ToString("H")}/{_pattern.Container}/{version.Name}");

    private async Task WriteReceiptAsync(BlobVersion version, CancellationToken ct) =>
        await Receipt(version).UploadAsync(BinaryData.Empty, overwrite: true, ct);

    private async Task PoisonAsync(BlobVersion version, BlobType blobType, CancellationToken ct)
    {
        var message = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(message))
        {
            writer.WriteStartObject();
            writer.WriteString("Type", "BlobTrigger");
            writer.WriteString("FunctionId", LocalHostNames.FunctionId(_function.Name));
            writer.WriteString("BlobType", BlobTypeName(blobType));
            writer.WriteString("ContainerName", _pattern.Container);
            writer.WriteString("BlobName", version.Name);
            writer.WriteString("ETag", version.ETag.ToString("H"));
            writer.WriteEndObject();
        }

        await _poisonQueue.CreateIfNotExistsAsync(cancellationToken: ct);
        await _poisonQueue.SendMessageAsync(QueueMessageWire.Encode(message.WrittenSpan, _settings.QueueMessagesBase64), cancellationToken: ct);
    }

    private async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(_inFlight.Values);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A blob as listed; listings give the ETag unquoted, headers quoted, so it is always written in header form.</summary>
    private readonly record struct BlobVersion(string Name, ETag ETag);

    private sealed record Attempts(int Count, DateTimeOffset NotBefore);
}
