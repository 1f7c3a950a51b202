using GiamNgheo.Testing;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Spreadsheets;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Parquet.Serialization;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The province workbook as an asynchronous job over HTTP: one build per content however many ask, progress while
/// it runs, the file when done, and only a newly counted submission makes it stale.</summary>
public sealed class ProvinceExportTests : IClassFixture<AppFixture>
{
    private static readonly string[] BuildPhases = ["pending", "communes", "assembling"];

    private readonly AppUnderTest _app;

    public ProvinceExportTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task Ten_concurrent_requests_for_a_stale_workbook_start_one_build_and_lead_to_the_same_file()
    {
        var communes = SurveyPipelineTests.CommunesOf("31").Take(3).ToList();
        var ids = await Task.WhenAll(communes.Select((c, i) => _app.UploadAcceptedAsync(2025, c, AppUnderTest.Survey(c, 80 + i, seed: 300 + i))));
        await Task.WhenAll(ids.Select(id => _app.WaitFinalAsync(id)));
        await _app.WaitSummaryAsync(2025, "31", s => s.GetProperty("communesReported").GetInt32() == 3);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await _app.Client.GetAsync(new Uri("/api/exports/2025/31", UriKind.Relative));
            return (response.StatusCode, Location: response.Headers.Location?.OriginalString, RetryAfter: response.Headers.RetryAfter?.Delta);
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Single(answers.Select(a => a.Location).Distinct());
        Assert.All(answers, a => Assert.NotNull(a.RetryAfter));
        var buildId = answers[0].Location!.Split('/')[^1];
        Assert.Single(await ManifestsAsync("2025/31/"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await WaitBuildAsync($"export-2025-31-{buildId}")).RuntimeStatus);

        var bytes = await _app.DownloadExportAsync(2025, "31");
        using var workbook = XlsxWorkbookReader.Open(new MemoryStream(bytes));
        Assert.Equal(80 + 81 + 82, AppUnderTest.CountDataRows(workbook, "ho_gia_dinh"));
    }

    [Fact]
    public async Task Status_shows_progress_then_sends_the_client_to_the_file()
    {
        var commune = SurveyPipelineTests.CommunesOf("33")[0];
        await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 50, seed: 310)));

        using var first = await _app.Client.GetAsync(new Uri("/api/exports/2025/33", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var statusUrl = body.GetProperty("statusUrl").GetString()!;
        Assert.Equal(first.Headers.Location!.OriginalString, statusUrl);
        Assert.Contains(body.GetProperty("phase").GetString(), BuildPhases);

        await WaitBuildAsync($"export-2025-33-{body.GetProperty("buildId").GetString()}");
        using var noRedirect = TestTokens.Shared.Client(_app.Client.BaseAddress!, handler: new HttpClientHandler { AllowAutoRedirect = false });
        using var done = await noRedirect.GetAsync(new Uri(statusUrl, UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(body.GetProperty("fileUrl").GetString(), done.Headers.Location!.OriginalString);

        using var file = await noRedirect.GetAsync(done.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("giamngheo-2025-33-", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploading_the_counted_file_again_keeps_the_workbook_current_but_a_new_counted_file_makes_it_stale()
    {
        var commune = SurveyPipelineTests.CommunesOf("37")[0];
        var file = AppUnderTest.Survey(commune, 40, seed: 320);
        await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, commune, file));
        await _app.DownloadExportAsync(2025, "37");

        await _app.UploadAcceptedAsync(2025, commune, file);
        using (var again = await _app.Client.GetAsync(new Uri("/api/exports/2025/37", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var newer = await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 41, seed: 321));
        await _app.WaitFinalAsync(newer);
        await _app.WaitSummaryAsync(2025, "37", s => s.GetProperty("scoredHouseholds").GetInt64() == 41);
        using var stale = await _app.Client.GetAsync(new Uri("/api/exports/2025/37", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Accepted, stale.StatusCode);
    }

    [Fact]
    public async Task Format_parquet_answers_the_same_build_as_a_zip_of_one_parquet_file_per_entity()
    {
        var commune = SurveyPipelineTests.CommunesOf("48")[0];
        await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 30, seed: 330)));
        await _app.WaitSummaryAsync(2025, "48", s => s.GetProperty("communesReported").GetInt32() == 1);

        using var first = await _app.Client.GetAsync(new Uri("/api/exports/2025/48?format=parquet", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith("?format=parquet", body.GetProperty("statusUrl").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/file?format=parquet", body.GetProperty("fileUrl").GetString(), StringComparison.Ordinal);
        await WaitBuildAsync($"export-2025-48-{body.GetProperty("buildId").GetString()}");

        using var noRedirect = TestTokens.Shared.Client(_app.Client.BaseAddress!, handler: new HttpClientHandler { AllowAutoRedirect = false });
        using var done = await noRedirect.GetAsync(first.Headers.Location);
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        using var file = await noRedirect.GetAsync(done.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/zip", file.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("-parquet.zip", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);

        using var zip = new ZipArchive(new MemoryStream(await file.Content.ReadAsByteArrayAsync()));
        Assert.Equal(PowerBiModel.Tables.Select(t => t.FileName + ".parquet").Order(), zip.Entries.Select(e => e.FullName).Order());
        using var households = new MemoryStream();
        await using (var entry = zip.GetEntry("ho_gia_dinh.parquet")!.Open())
            await entry.CopyToAsync(households);
        households.Position = 0;
        var rows = (await ParquetSerializer.DeserializeUntypedAsync(households)).Data;
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal(commune, r["ma_xa"]));

        using var workbook = await _app.Client.GetAsync(new Uri("/api/exports/2025/48", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Content.Headers.ContentType?.MediaType);
        using var unknown = await _app.Client.GetAsync(new Uri("/api/exports/2025/48?format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task An_unknown_build_or_province_is_not_found()
    {
        using var build = await _app.Client.GetAsync(new Uri("/api/exports/2025/38/builds/0123456789abcdef0123456789abcdef", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, build.StatusCode);
        using var malformed = await _app.Client.GetAsync(new Uri("/api/exports/2025/38/builds/x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        using var province = await _app.Client.GetAsync(new Uri("/api/exports/2025/99", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, province.StatusCode);
    }

    private async Task<OrchestrationMetadata> WaitBuildAsync(string instanceId)
    {
        var durable = _app.Services.GetRequiredService<DurableTaskClient>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return await durable.WaitForInstanceCompletionAsync(instanceId, timeout.Token);
    }

    private async Task<List<string>> ManifestsAsync(string prefix)
    {
        var exports = _app.Services.GetRequiredService<PipelineStorage>().Exports;
        var names = new List<string>();
        await foreach (var blob in exports.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }))
        {
            if (blob.Name.EndsWith("/manifest.json", StringComparison.Ordinal))
                names.Add(blob.Name);
        }

        return names;
    }
}
