using System.Net;
using System.Text;
using System.Text.Json;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Spreadsheets;
using GiamNgheo.Testing;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The whole pipeline over HTTP against Azurite: upload, blob trigger, scoring, summaries, export.</summary>
/// <remarks>Each test uses its own province, so the tests share one app without seeing each other's data.</remarks>
public sealed class SurveyPipelineTests : IClassFixture<AppFixture>
{
    private readonly AppUnderTest _app;

    public SurveyPipelineTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task Uploaded_survey_is_scored_and_shows_in_commune_and_province_summaries_households_and_export()
    {
        var commune = CommunesOf("01")[0];
        var id = await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 300, seed: 1));

        var submission = await _app.WaitFinalAsync(id);
        Assert.Equal("scored", submission.GetProperty("status").GetString());
        Assert.True(submission.GetProperty("counted").GetBoolean());
        Assert.Equal(300, submission.GetProperty("householdsScored").GetInt32());

        var summary = await _app.WaitSummaryAsync(2025, commune, _ => true);
        var byClass = submission.GetProperty("households");
        Assert.Equal(byClass.GetProperty("ngheo").GetInt64(), summary.GetProperty("poorHouseholds").GetInt64());
        Assert.Equal(byClass.GetProperty("can_ngheo").GetInt64(), summary.GetProperty("nearPoorHouseholds").GetInt64());
        Assert.Equal(300, summary.GetProperty("scoredHouseholds").GetInt64());
        var total = summary.GetProperty("totalHouseholds").GetInt64();
        Assert.Equal(Math.Round(100m * summary.GetProperty("poorHouseholds").GetInt64() / total, 2), summary.GetProperty("poorRate").GetDecimal());

        var province = await _app.WaitSummaryAsync(2025, "01", s => s.GetProperty("communesReported").GetInt32() == 1);
        Assert.Equal(summary.GetProperty("poorHouseholds").GetInt64(), province.GetProperty("poorHouseholds").GetInt64());
        Assert.Equal(summary.GetProperty("persons").GetProperty("poor").GetInt64(), province.GetProperty("persons").GetProperty("poor").GetInt64());

        var page = await _app.GetJsonAsync($"/api/units/2025/{commune}/households?pageSize=120");
        Assert.Equal(120, page.GetProperty("items").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(page.GetProperty("items")[0].GetProperty("explanation").GetString()));
        var next = NextPageToken(page);
        var listed = 120;
        while (next is not null)
        {
            var more = await _app.GetJsonAsync($"/api/units/2025/{commune}/households?pageSize=120&pageToken={Uri.EscapeDataString(next)}");
            listed += more.GetProperty("items").GetArrayLength();
            next = NextPageToken(more);
        }

        Assert.Equal(300, listed);

        var bytes = await _app.DownloadExportAsync(2025, "01");
        using var workbook = XlsxWorkbookReader.Open(new MemoryStream(bytes));
        Assert.Equal(300, AppUnderTest.CountDataRows(workbook, "ho_gia_dinh"));
    }

    [Fact]
    public async Task Same_bytes_uploaded_twice_return_the_existing_submission_and_count_once()
    {
        var commune = CommunesOf("04")[0];
        var file = AppUnderTest.Survey(commune, 120, seed: 2);
        var first = await _app.UploadAcceptedAsync(2025, commune, file);
        await _app.WaitFinalAsync(first);

        using var again = await _app.UploadAsync(2025, commune, file);
        var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(first, body.GetProperty("submissionId").GetString());
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal("scored", body.GetProperty("status").GetString());

        var province = await _app.WaitSummaryAsync(2025, "04", s => s.GetProperty("communesReported").GetInt32() == 1);
        Assert.Equal(120, province.GetProperty("scoredHouseholds").GetInt64());
    }

    [Fact]
    public async Task A_later_file_replaces_the_earlier_households_and_the_earlier_stays_in_the_history()
    {
        var commune = CommunesOf("08")[0];
        var earlier = await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 150, seed: 3));
        await _app.WaitFinalAsync(earlier);
        var later = await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 90, seed: 4));
        var scored = await _app.WaitFinalAsync(later);
        Assert.Equal("scored", scored.GetProperty("status").GetString());

        var summary = await _app.WaitSummaryAsync(2025, commune, s => s.GetProperty("submissionId").GetString() == later);
        Assert.Equal(90, summary.GetProperty("scoredHouseholds").GetInt64());
        var province = await _app.WaitSummaryAsync(2025, "08", s => s.GetProperty("scoredHouseholds").GetInt64() == 90);
        Assert.Equal(1, province.GetProperty("communesReported").GetInt32());

        var page = await _app.GetJsonAsync($"/api/units/2025/{commune}/households?pageSize=1000");
        Assert.Equal(90, page.GetProperty("items").GetArrayLength());
        Assert.Equal(later, page.GetProperty("submissionId").GetString());

        var old = await _app.GetJsonAsync($"/api/submissions/{earlier}");
        Assert.Equal("scored", old.GetProperty("status").GetString());
        Assert.False(old.GetProperty("counted").GetBoolean());
    }

    [Fact]
    public async Task Regression_commune_summary_kept_the_old_figures_after_a_newer_file_was_counted()
    {
        var commune = CommunesOf("40")[0];
        await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 120, seed: 7)));
        var later = await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 70, seed: 8));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await _app.GetJsonAsync($"/api/submissions/{later}")).GetProperty("counted").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline, "The later file was never counted.");
            await Task.Delay(20);
        }

        // No waiting: the moment the submission says it counts, the commune summary shows it.
        var summary = await _app.GetJsonAsync($"/api/units/2025/{commune}/summary");
        Assert.Equal(later, summary.GetProperty("submissionId").GetString());
        Assert.Equal(70, summary.GetProperty("scoredHouseholds").GetInt64());
    }

    [Fact]
    public async Task File_with_row_errors_is_rejected_with_sheet_row_and_column_and_counts_nothing()
    {
        var commune = CommunesOf("15")[0];
        var file = SurveyDefects.BreakHouseholdSize(AppUnderTest.Survey(commune, 50, seed: 5, format: SurveyFormat.CsvZip), row: 3, value: "nhieu");
        var id = await _app.UploadAcceptedAsync(2025, commune, file);

        var submission = await _app.WaitFinalAsync(id);
        Assert.Equal("rejected", submission.GetProperty("status").GetString());
        var error = submission.GetProperty("errors")[0];
        Assert.Equal("ho.csv", error.GetProperty("sheet").GetString());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("so_nhan_khau", error.GetProperty("key").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("column").GetString()));

        using var summary = await _app.Client.GetAsync(new Uri($"/api/units/2025/{commune}/summary", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, summary.StatusCode);
        Assert.Contains("chua-co-ket-qua", await summary.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var households = await _app.Client.GetAsync(new Uri($"/api/units/2025/{commune}/households", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, households.StatusCode);
    }

    [Fact]
    public async Task Year_in_the_file_differing_from_the_url_is_refused_at_once_with_a_vietnamese_problem()
    {
        var commune = CommunesOf("19")[0];
        using var response = await _app.UploadAsync(2026, commune, AppUnderTest.Survey(commune, 20, seed: 6, year: 2025));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:giamngheo:problem:sai-nam-ra-soat", problem.GetProperty("type").GetString());
        Assert.Contains("khác năm đã chọn", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var id = problem.GetProperty("submissionId").GetString()!;
        var submission = await _app.WaitFinalAsync(id);
        Assert.Equal("rejected", submission.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Non_survey_file_unknown_commune_and_missing_file_are_refused_with_their_codes()
    {
        var commune = CommunesOf("20")[0];
        using var notSurvey = await _app.UploadAsync(2025, commune, Encoding.UTF8.GetBytes("xin chao, day khong phai bang tinh"), "ghi-chu.txt");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notSurvey.StatusCode);
        Assert.Contains("tep-khong-phai-khao-sat", await notSurvey.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = await _app.UploadAsync(2025, "99999", [1, 2, 3]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("ma-xa-khong-ton-tai", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noFile = await _app.Client.PostAsync(new Uri($"/api/surveys/2025/{commune}", UriKind.Relative), new MultipartFormDataContent { { new StringContent("x"), "note" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("thieu-tep", await noFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_communes_uploaded_at_once_are_all_scored_and_the_province_is_their_sum()
    {
        var communes = CommunesOf("22").Take(20).ToList();
        Assert.Equal(20, communes.Count);
        var files = communes.Select((c, i) => (Commune: c, File: AppUnderTest.Survey(c, 60 + i, seed: 100 + i))).ToList();

        var ids = await Task.WhenAll(files.Select(f => _app.UploadAcceptedAsync(2025, f.Commune, f.File)));
        var submissions = await Task.WhenAll(ids.Select(id => _app.WaitFinalAsync(id)));
        Assert.All(submissions, s => Assert.Equal("scored", s.GetProperty("status").GetString()));

        var expectedPoor = submissions.Sum(s => s.GetProperty("households").GetProperty("ngheo").GetInt64());
        var expectedScored = submissions.Sum(s => (long)s.GetProperty("householdsScored").GetInt32());
        var province = await _app.WaitSummaryAsync(2025, "22", s => s.GetProperty("communesReported").GetInt32() == 20);
        Assert.Equal(expectedScored, province.GetProperty("scoredHouseholds").GetInt64());
        Assert.Equal(expectedPoor, province.GetProperty("poorHouseholds").GetInt64());

        long sumOfCommunes = 0;
        var listed = province.GetProperty("communes").EnumerateArray().ToDictionary(c => c.GetProperty("unitCode").GetString()!);
        Assert.Equal(communes.Order(StringComparer.Ordinal), listed.Keys);
        foreach (var c in communes)
        {
            var own = await _app.GetJsonAsync($"/api/units/2025/{c}/summary");
            sumOfCommunes += own.GetProperty("nearPoorHouseholds").GetInt64();
            // The province's list of communes carries each commune's own figures, so a chart of rates needs no request per commune.
            foreach (var figure in new[] { "unitName", "totalHouseholds", "scoredHouseholds", "poorHouseholds", "nearPoorHouseholds", "poorRate", "nearPoorRate" })
                Assert.Equal(own.GetProperty(figure).GetRawText(), listed[c].GetProperty(figure).GetRawText());
        }

        Assert.Equal(sumOfCommunes, province.GetProperty("nearPoorHouseholds").GetInt64());
    }

    internal static IReadOnlyList<string> CommunesOf(string province) =>
        [.. Rules.AdminUnits.AdminUnitCatalog.Default.CommunesOf(province, new DateOnly(2025, 9, 1)).Select(c => c.Code)];

    private static string? NextPageToken(JsonElement page) =>
        page.TryGetProperty("nextPageToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
}
