using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using GiamNgheo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Benchmarks.Reminders;

/// <summary>What a request through the proxy was, for the Durable task hub's accounting.</summary>
internal enum HubRequest
{
    /// <summary>A request to the app's own containers, tables and queues.</summary>
    App,

    /// <summary>A task hub queue read that found no message: the provider's polling.</summary>
    EmptyPoll,

    /// <summary>A blob lease request: the provider's partition ownership.</summary>
    Lease,

    /// <summary>A request to the partitions table (table partition management).</summary>
    Partitions,

    /// <summary>A task hub queue read that returned messages: the start of an episode.</summary>
    Dequeue,

    /// <summary>Any other task hub request: history, instances, queue writes and deletes.</summary>
    Work,
}

/// <summary>A counting reverse proxy in front of Azurite, for a process that owns its clients (the local host's Durable sidecar).</summary>
/// <remarks>Shared Key signatures cover the path and query, not the host, so a request forwarded verbatim to another port
/// still verifies. Task hub resources are recognised by the hub's name as their prefix; a table batch by the hub's table
/// named in its body.</remarks>
internal sealed class StorageProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly Dictionary<int, (StorageService Service, int Port)> _routes;
    private readonly string _hubPrefix;
    private readonly ConcurrentDictionary<(HubRequest Kind, string Operation), long> _counts = new();
    private long _lastHubActivity;

    private StorageProxy(WebApplication app, HttpClient client, Dictionary<int, (StorageService, int)> routes, string hubName)
    {
        _app = app;
        _client = client;
        _routes = routes;
        _hubPrefix = hubName.ToLowerInvariant();
    }

    /// <summary>The connection string to give the process under measurement (once started).</summary>
    public string ConnectionString
    {
        get
        {
            var port = _routes.ToDictionary(r => r.Value.Service, r => r.Key);
            return $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
                $"BlobEndpoint=http://127.0.0.1:{port[StorageService.Blob]}/{AzuriteServer.AccountName};" +
                $"QueueEndpoint=http://127.0.0.1:{port[StorageService.Queue]}/{AzuriteServer.AccountName};" +
                $"TableEndpoint=http://127.0.0.1:{port[StorageService.Table]}/{AzuriteServer.AccountName};";
        }
    }

    /// <summary>Starts one listener per service, forwarding to <paramref name="azurite"/>.</summary>
    public static async Task<StorageProxy> StartAsync(AzuriteServer azurite, string hubName)
    {
        var listeners = new List<(StorageService Service, int Target, ListenOptions Listen)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var (service, target) in new[] { (StorageService.Blob, azurite.BlobPort), (StorageService.Queue, azurite.QueuePort), (StorageService.Table, azurite.TablePort) })
                kestrel.Listen(IPAddress.Loopback, 0, listen => listeners.Add((service, target, listen)));
        });
        var app = builder.Build();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        var routes = new Dictionary<int, (StorageService, int)>();
        var proxy = new StorageProxy(app, client, routes, hubName);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        // Kestrel writes the bound endpoint back into each ListenOptions, so port 0 becomes the port the OS chose.
        foreach (var (service, target, listen) in listeners)
            routes[listen.IPEndPoint!.Port] = (service, target);
        return proxy;
    }

    /// <summary>Counts so far, by kind and operation.</summary>
    public IReadOnlyDictionary<(HubRequest Kind, string Operation), long> Snapshot() => new Dictionary<(HubRequest, string), long>(_counts);

    /// <summary>Waits until task hub work happened after <paramref name="since"/> and then none for <paramref name="quiet"/>.</summary>
    public async Task WaitForHubWorkThenQuietAsync(long since, TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (Interlocked.Read(ref _lastHubActivity) <= since)
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"No task hub work within {timeout.TotalSeconds:0} s.");
            await Task.Delay(50);
        }

        while (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastHubActivity)) < quiet)
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"Task hub work did not settle within {timeout.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var (service, port) = _routes[context.Connection.LocalPort];
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var method = context.Request.Method;
        using var request = new HttpRequestMessage(new HttpMethod(method), $"http://127.0.0.1:{port}{target}");
        byte[]? body = null;
        if (context.Request.ContentLength is not null || context.Request.Headers.TransferEncoding.Count > 0)
        {
            // Batches are read whole to see which table they write; everything else streams.
            body = target.Contains("$batch", StringComparison.Ordinal) ? await ReadAllAsync(context.Request.Body) : null;
            request.Content = body is null ? new StreamContent(context.Request.Body) : new ByteArrayContent(body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Expect", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                context.Response.Headers[name] = values.ToArray();
        }

        var kind = Classify(service, method, target, body);
        if (kind == HubRequest.Dequeue)
        {
            var content = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            if (!Encoding.UTF8.GetString(content).Contains("<QueueMessage>", StringComparison.Ordinal))
                kind = HubRequest.EmptyPoll;
            await context.Response.Body.WriteAsync(content, context.RequestAborted);
        }
        else
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }

        _counts.AddOrUpdate((kind, Operation(service, method, target)), 1, (_, n) => n + 1);
        if (kind is HubRequest.Dequeue or HubRequest.Work)
            Interlocked.Exchange(ref _lastHubActivity, Stopwatch.GetTimestamp());
    }

    /// <summary>The current instant on the scale <see cref="WaitForHubWorkThenQuietAsync"/> compares with.</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    private HubRequest Classify(StorageService service, string method, string target, byte[]? body)
    {
        var resource = Resource(target);
        var hub = resource.StartsWith(_hubPrefix, StringComparison.OrdinalIgnoreCase)
            || (body is not null && Encoding.UTF8.GetString(body).Contains($"/{_hubPrefix}", StringComparison.OrdinalIgnoreCase));
        if (!hub)
            return HubRequest.App;
        if (service == StorageService.Blob && target.Contains("comp=lease", StringComparison.Ordinal))
            return HubRequest.Lease;
        if (service == StorageService.Table && resource.EndsWith("partitions", StringComparison.OrdinalIgnoreCase))
            return HubRequest.Partitions;
        if (service == StorageService.Queue && method == "GET" && target.Contains("/messages", StringComparison.Ordinal) && !target.Contains("peekonly", StringComparison.OrdinalIgnoreCase))
            return HubRequest.Dequeue;
        return HubRequest.Work;
    }

    /// <summary>A short name of the operation: service, method and which hub resource (control queue, work items, history…).</summary>
    private string Operation(StorageService service, string method, string target)
    {
        var resource = Resource(target).ToLowerInvariant();
        var what = resource.StartsWith(_hubPrefix, StringComparison.Ordinal) ? resource[_hubPrefix.Length..].TrimStart('-') : resource;
        if (what.StartsWith("control-", StringComparison.Ordinal))
            what = "control";
        if (target.Contains("$batch", StringComparison.Ordinal))
            what = "batch";
        var detail = service == StorageService.Queue && target.Contains("popreceipt", StringComparison.OrdinalIgnoreCase) ? " (message)" : "";
        return $"{service.ToString().ToLowerInvariant()} {method} {what}{detail}";
    }

    /// <summary>The container, queue or table a request path names (<c>/account/name/…</c> or <c>/account/Name(…)</c>).</summary>
    private static string Resource(string target)
    {
        var path = target.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = path.Length > 1 ? Uri.UnescapeDataString(path[1]) : "";
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren >= 0 ? name[..paren] : name;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
