using System.Collections.Concurrent;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GiamNgheo.Benchmarks.Reminders;

/// <summary>The storage service a request went to.</summary>
internal enum StorageService
{
    Blob,
    Table,
    Queue,
}

/// <summary>Requests and bytes counted for one service (or one round).</summary>
internal sealed class Tally
{
    private long _requests;
    private long _reads;
    private long _sentBytes;
    private long _receivedBytes;

    /// <summary>Every HTTP request, retries included: each one is a billed transaction (failed ones too, e.g. a 404 lookup).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>GET and HEAD requests (blob reads are priced apart from writes).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Everything else: PUT, POST, MERGE, PATCH, DELETE.</summary>
    public long Writes => Requests - Reads;

    /// <summary>Request body bytes.</summary>
    public long SentBytes => Interlocked.Read(ref _sentBytes);

    /// <summary>Response body bytes.</summary>
    public long ReceivedBytes => Interlocked.Read(ref _receivedBytes);

    public void Add(bool read, long sent, long received)
    {
        Interlocked.Increment(ref _requests);
        if (read)
            Interlocked.Increment(ref _reads);
        Interlocked.Add(ref _sentBytes, sent);
        Interlocked.Add(ref _receivedBytes, received);
    }
}

/// <summary>What one operation (a round, a delivery) cost, per service.</summary>
internal sealed class Usage
{
    private readonly Tally[] _tallies = [new(), new(), new()];

    public Tally this[StorageService service] => _tallies[(int)service];

    public long Requests => _tallies.Sum(t => t.Requests);

    public long ReceivedBytes => _tallies.Sum(t => t.ReceivedBytes);
}

/// <summary>Counts the requests of the benchmark's storage clients per phase and service, through a policy in the clients' options.</summary>
/// <remarks>A scope (<see cref="Measure"/>) also attributes requests to one operation, such as a round, even while several run at once.</remarks>
internal sealed class StorageCounter
{
    private readonly ConcurrentDictionary<(string Phase, StorageService Service), Tally> _tallies = new();
    private readonly AsyncLocal<Usage?> _scope = new();
    private volatile string _phase = "setup";

    /// <summary>The phase new requests are counted in; phases run one after another.</summary>
    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    /// <summary>The policy to add to a client's options (per retry: every attempt is a billed request).</summary>
    public HttpPipelinePolicy Policy(StorageService service) => new CountingPolicy(this, service);

    /// <summary>Runs <paramref name="operation"/> counting its requests (and those of what it awaits) into a tally of its own.</summary>
    public async Task<(T Result, Usage Usage)> Measure<T>(Func<Task<T>> operation)
    {
        var usage = new Usage();
        _scope.Value = usage;
        try
        {
            return (await operation(), usage);
        }
        finally
        {
            _scope.Value = null;
        }
    }

    /// <summary>The tally of a phase and service (zero when nothing was counted).</summary>
    public Tally Of(string phase, StorageService service) => _tallies.GetValueOrDefault((phase, service)) ?? new Tally();

    /// <summary>Requests of a phase over all services.</summary>
    public long Requests(string phase) => Enum.GetValues<StorageService>().Sum(s => Of(phase, s).Requests);

    private void Record(StorageService service, HttpMessage message)
    {
        var read = message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Head;
        var sent = message.Request.Content is { } content && content.TryComputeLength(out var length) ? length : 0;
        var received = !message.HasResponse ? 0
            : message.Response.Headers.TryGetValue("Content-Length", out var value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            // Table queries come back chunked; the pipeline has buffered the body by now, so its length is known.
            : message.Response.ContentStream is { CanSeek: true } buffered ? buffered.Length : 0;
        _tallies.GetOrAdd((_phase, service), _ => new Tally()).Add(read, sent, received);
        _scope.Value?[service].Add(read, sent, received);
    }

    private sealed class CountingPolicy(StorageCounter counter, StorageService service) : HttpPipelineSynchronousPolicy
    {
        public override void OnReceivedResponse(HttpMessage message) => counter.Record(service, message);
    }
}
