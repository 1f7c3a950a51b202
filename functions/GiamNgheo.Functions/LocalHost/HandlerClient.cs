using System.Net.Http.Headers;
using System.Text.Json;
using GiamNgheo.Functions.HostProtocol;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.LocalHost;

/// <summary>Posts invocation payloads to the handler as the host does and judges the answer the way the host would.</summary>
internal sealed class HandlerClient : IDisposable
{
    private const int LoggedBodyLength = 500;

    private readonly HttpClient _http;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="baseAddress">Handler address, e.g. <c>http://127.0.0.1:7071/</c>.</param>
    /// <param name="functionTimeout">host.json <c>functionTimeout</c>; the host waits that long plus a minute, or forever when unset.</param>
    /// <param name="logger">Receives the handler's <c>Logs</c> and every failure.</param>
    public HandlerClient(Uri baseAddress, TimeSpan? functionTimeout, ILogger logger)
    {
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/"),
            Timeout = functionTimeout is { } timeout && timeout > TimeSpan.Zero ? timeout + TimeSpan.FromMinutes(1) : Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Add("X-Azure-Functions-HostVersion", LocalHostNames.HostVersion);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", "local"));
    }

    /// <summary>
    /// Posts to <c>/{functionName}</c>. Returns whether the invocation succeeded: a 2xx answer whose body is empty or the
    /// host's JSON result. A refused connection, a timeout, another status or a body the host could not read is a failure.
    /// </summary>
    /// <param name="functionName">Function (folder) name.</param>
    /// <param name="writePayload">Writes <c>{"Data":...,"Metadata":...}</c>.</param>
    /// <param name="ct">Stops the attempt; it then throws <see cref="OperationCanceledException"/> instead of reporting a failure.</param>
    public async Task<bool> InvokeAsync(string functionName, Func<Utf8JsonWriter, CancellationToken, Task> writePayload, CancellationToken ct)
    {
        var invocationId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, Uri.EscapeDataString(functionName))
        {
            Content = new InvocationPayloadContent(writePayload),
        };
        request.Headers.Add(InvocationRequest.InvocationIdHeader, invocationId);

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                _logger.InvocationFailed(functionName, invocationId, $"the handler answered HTTP {(int)response.StatusCode}. {Shorten(body)}");
                return false;
            }

            return ReadResult(functionName, invocationId, response.Content.Headers.ContentType, body);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // Connection refused while the handler restarts, a dropped connection or the function timeout: the host counts all as failures.
            _logger.InvocationFailed(functionName, invocationId, e.Message);
            return false;
        }
    }

    /// <summary>Releases the connection pool.</summary>
    public void Dispose() => _http.Dispose();

    private bool ReadResult(string functionName, string invocationId, MediaTypeHeaderValue? contentType, string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return true;

        if (contentType?.MediaType is not { } mediaType || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            _logger.InvocationFailed(functionName, invocationId, $"the host reads the result only as JSON, but the handler answered '{contentType?.ToString() ?? "no content type"}'. {Shorten(body)}");
            return false;
        }

        try
        {
            using var result = JsonDocument.Parse(body);
            if (result.RootElement.ValueKind == JsonValueKind.Object
                && JsonValues.TryGetProperty(result.RootElement, "Logs", out var logs)
                && logs.ValueKind == JsonValueKind.Array)
            {
                foreach (var line in logs.EnumerateArray())
                {
                    _logger.HandlerLog(functionName, invocationId, line.ValueKind == JsonValueKind.String ? line.GetString() : line.GetRawText());
                }
            }

            return true;
        }
        catch (JsonException e)
        {
            _logger.InvocationFailed(functionName, invocationId, $"the result is not valid JSON ({e.Message}). {Shorten(body)}");
            return false;
        }
    }

    private static string Shorten(string body) => body.Length <= LoggedBodyLength ? body : string.Concat(body.AsSpan(0, LoggedBodyLength), "…");
}
