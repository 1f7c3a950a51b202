using GiamNgheo.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GiamNgheo.Benchmarks.Hosting;

/// <summary>An upload as the client saw it.</summary>
/// <param name="SubmissionId">The submission the 202 named.</param>
/// <param name="Sending">From the first byte of the request until the last byte of its body was written.</param>
/// <param name="BodyEndToAnswer">From the last byte of the body until the answer's status line and headers arrived.</param>
internal sealed record UploadTiming(string SubmissionId, TimeSpan Sending, TimeSpan BodyEndToAnswer);

/// <summary>One GET as the client saw it.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Elapsed">From sending until the whole answer was read.</param>
/// <param name="Body">The JSON body, when there was one.</param>
/// <param name="Location">The Location header, when there was one.</param>
/// <param name="RetryAfter">The Retry-After header, when there was one.</param>
internal sealed record ApiAnswer(HttpStatusCode Status, TimeSpan Elapsed, JsonElement? Body, string? Location, TimeSpan? RetryAfter);

/// <summary>The local host's HTTP API as the benchmark uses it.</summary>
internal sealed class HostApi : IDisposable
{
    public const int Year = 2025;

    private readonly HttpClient _client;

    public HostApi(Uri baseAddress)
    {
        // Redirects are the answers measured (303 to the workbook), so they are not followed.
        _client = TestTokens.Shared.Client(baseAddress, handler: new SocketsHttpHandler { AllowAutoRedirect = false });
        _client.Timeout = TimeSpan.FromMinutes(30);
    }

    /// <summary>Uploads one survey and times the exchange precisely: the answer is timed from the moment the last byte of the
    /// request body was handed to the socket.</summary>
    public async Task<UploadTiming> UploadAsync(string communeCode, HttpContent file, string fileName)
    {
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        using var content = new LastByteTimedContent(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/surveys/{Year}/{communeCode}") { Content = content };
        var started = Stopwatch.GetTimestamp();
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var answered = Stopwatch.GetTimestamp();
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"Upload of {communeCode} answered {(int)response.StatusCode}: {body}");
        var bodyEnd = content.LastByteWritten ?? throw new InvalidOperationException("The request body was never written.");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("submissionId").GetString()!;
        return new UploadTiming(id, Stopwatch.GetElapsedTime(started, bodyEnd), Stopwatch.GetElapsedTime(bodyEnd, answered));
    }

    /// <summary>Uploads a survey file from disk.</summary>
    public Task<UploadTiming> UploadFileAsync(string communeCode, string path) =>
        UploadAsync(communeCode, new StreamContent(File.OpenRead(path), 1 << 16), communeCode + ".xlsx");

    /// <summary>Uploads a survey held in memory.</summary>
    public Task<UploadTiming> UploadBytesAsync(string communeCode, byte[] survey) =>
        UploadAsync(communeCode, new ByteArrayContent(survey), communeCode + ".xlsx");

    /// <summary>GET, timed until the whole answer is read.</summary>
    public async Task<ApiAnswer> GetAsync(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        JsonElement? body = null;
        if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true)
            body = await response.Content.ReadFromJsonAsync<JsonElement>();
        else
            await response.Content.CopyToAsync(Stream.Null);
        return new ApiAnswer(response.StatusCode, stopwatch.Elapsed, body, response.Headers.Location?.OriginalString, response.Headers.RetryAfter?.Delta);
    }

    /// <summary>The submission as the API shows it.</summary>
    public async Task<JsonElement> SubmissionAsync(string submissionId) =>
        (await GetAsync($"/api/submissions/{submissionId}")).Body ?? throw new InvalidOperationException($"No submission {submissionId}.");

    /// <summary>Waits until every submission is scored and counted; fails if one is rejected or failed.</summary>
    public async Task WaitCountedAsync(IEnumerable<string> submissionIds, TimeSpan timeout, TimeSpan poll)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var id in submissionIds)
        {
            while (true)
            {
                var submission = await SubmissionAsync(id);
                var status = submission.GetProperty("status").GetString();
                if (status is "rejected" or "failed")
                    throw new InvalidOperationException($"Submission {id} is {status}: {submission}");
                if (submission.GetProperty("counted").GetBoolean())
                    break;
                if (deadline.Elapsed > timeout)
                    throw new TimeoutException($"Submission {id} was not counted within {timeout.TotalMinutes:0} min (status {status}).");
                await Task.Delay(poll);
            }
        }
    }

    /// <summary>The summary of a commune (5 digits) or province (2).</summary>
    public async Task<JsonElement?> SummaryAsync(string unitCode) => (await GetAsync($"/api/units/{Year}/{unitCode}/summary")) switch
    {
        { Status: HttpStatusCode.OK, Body: { } body } => body,
        _ => null,
    };

    /// <summary>Waits until the province's stored commune summaries cover <paramref name="communes"/> communes (what an export reads).</summary>
    public async Task WaitProvinceAsync(string provinceCode, int communes, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while ((await SummaryAsync(provinceCode))?.GetProperty("communesReported").GetInt32() != communes)
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"Province {provinceCode} did not report {communes} communes within {timeout.TotalMinutes:0} min.");
            await Task.Delay(250);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Sends another content unchanged and records when its last byte was written to the connection.</summary>
    private sealed class LastByteTimedContent : HttpContent
    {
        private readonly HttpContent _inner;

        public LastByteTimedContent(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType is { } type ? MediaTypeHeaderValue.Parse(type.ToString()) : null;
        }

        /// <summary>The <see cref="Stopwatch"/> timestamp after the last byte was written and flushed.</summary>
        public long? LastByteWritten { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await _inner.CopyToAsync(stream);
            await stream.FlushAsync();
            LastByteWritten = Stopwatch.GetTimestamp();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }
    }
}
