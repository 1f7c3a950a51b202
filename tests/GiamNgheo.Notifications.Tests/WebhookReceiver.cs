using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace GiamNgheo.Notifications.Tests;

/// <summary>A local HTTP receiver (HttpListener on a free loopback port) that records every request and answers with a status
/// the test chooses.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver(HttpStatusCode answer = HttpStatusCode.OK, string? location = null)
    {
        // HttpListener cannot bind port 0; take a free port from the OS and bind it at once.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/relay/zalo?token=bi-mat";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        Answer = answer;
        _loop = Task.Run(() => ServeAsync(location));
    }

    public string Url { get; private set; } = string.Empty;

    public HttpStatusCode Answer { get; set; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync(string? location)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Requests.Enqueue(new ReceivedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.PathAndQuery,
                context.Request.ContentType,
                context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            context.Response.StatusCode = (int)Answer;
            if (location is not null)
                context.Response.RedirectLocation = location;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>One request as the receiver saw it, body bytes exactly as sent.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>The factory the app registers, reduced to one client without automatic redirects.</summary>
internal sealed class NoRedirectClients : IHttpClientFactory, IDisposable
{
    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false };

    public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false);

    public void Dispose() => _handler.Dispose();
}
