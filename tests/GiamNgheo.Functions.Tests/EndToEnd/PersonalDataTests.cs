using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GiamNgheo.Access.Callers;
using GiamNgheo.Functions.Http;
using GiamNgheo.Pipeline.Retention;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Spreadsheets;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>Personal data of an uploaded survey over HTTP: no member's name and no citizen ID leaves the raw upload; the
/// head's name is only in the household list's <c>headName</c>; analysts' workbooks carry pseudonyms, not household codes.</summary>
public sealed class PersonalDataTests : IClassFixture<AppFixture>
{
    private readonly AppUnderTest _app;

    public PersonalDataTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task No_name_citizen_id_or_household_code_of_an_uploaded_survey_reaches_explanations_summaries_or_the_province_workbook()
    {
        var commune = SurveyPipelineTests.CommunesOf("01")[0];
        var survey = PersonalSurvey.Create(commune, households: 200, seed: 11);
        var submission = await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, commune, survey.File));
        Assert.Equal("scored", submission.GetProperty("status").GetString());
        await _app.WaitSummaryAsync(2025, "01", s => s.GetProperty("communesReported").GetInt32() == 1);

        // Commune officer's list: the head's name in headName and nowhere else.
        using var officer = _app.ClientWith(TestTokens.Shared.For(Role.CommuneOfficer, commune));
        var items = await HouseholdsAsync(officer, commune);
        Assert.Equal(200, items.Count);
        foreach (var item in items)
        {
            var code = item.GetProperty("householdId").GetString()!;
            Assert.Equal(survey.HeadNames[code], item.GetProperty("headName").GetString());
            foreach (var property in item.EnumerateObject().Where(p => p.Name != "headName"))
                survey.AssertFree(property.Value.GetRawText(), $"household {code}, {property.Name}", allowHouseholdCodes: true);
        }

        // An administrator reads the same list without the names; an analyst cannot read it at all.
        Assert.All(await HouseholdsAsync(_app.Client, commune), item => Assert.False(item.TryGetProperty("headName", out _)));
        using var analyst = _app.ClientWith(TestTokens.Shared.For(Role.Analyst, "01"));
        using (var refused = await analyst.GetAsync(new Uri($"/api/units/2025/{commune}/households", UriKind.Relative)))
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);

        var explanations = items.Select(i => i.GetProperty("explanation").GetString()!).ToList();
        // The file must exercise what is checked: members described by relationship, and by position when it is no relationship.
        Assert.Contains(explanations, e => e.Contains("con (", StringComparison.Ordinal) || e.Contains("chủ hộ (", StringComparison.Ordinal));
        Assert.Contains(explanations, e => e.Contains("thành viên thứ ", StringComparison.Ordinal));

        survey.AssertFree(submission.GetRawText(), "submission", allowHouseholdCodes: true);
        survey.AssertFree((await _app.GetJsonAsync($"/api/units/2025/{commune}/summary")).GetRawText(), "commune summary", allowHouseholdCodes: false);
        survey.AssertFree((await _app.GetJsonAsync("/api/units/2025/01/summary")).GetRawText(), "province summary", allowHouseholdCodes: false);

        using var workbook = XlsxWorkbookReader.Open(new MemoryStream(await _app.DownloadExportAsync(2025, "01")));
        var cells = 0;
        var described = 0;
        foreach (var sheet in workbook.SheetNames)
        {
            using var reader = workbook.OpenSheet(sheet)!;
            while (reader.Read())
            {
                for (var column = 0; column < reader.ColumnCount; column++)
                {
                    var text = reader.GetString(column);
                    survey.AssertFree(text, $"{sheet}!{XlsxSheetReader.ColumnLetter(column)}{reader.RowNumber}", allowHouseholdCodes: false);
                    cells++;
                    if (text.Contains(" tuổi)", StringComparison.Ordinal))
                        described++;
                }
            }
        }

        Assert.True(cells > 200 * 20, $"only {cells} cells read");
        Assert.True(described > 0, "no explanation in the workbook describes a member: the check proves nothing");
    }

    [Fact]
    public async Task A_submission_shows_until_when_its_raw_file_is_kept_and_after_that_that_it_is_deleted_but_its_results_stay()
    {
        var commune = SurveyPipelineTests.CommunesOf("04")[0];
        var view = await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 10, seed: 12)));
        var receivedAt = view.GetProperty("receivedAt").GetDateTimeOffset();
        var rawFile = view.GetProperty("rawFile");
        var submission = (await _app.Services.GetRequiredService<SubmissionStore>().FindAsync(view.GetProperty("submissionId").GetString()!, CancellationToken.None))!;
        var retention = RetentionPolicy.Default;

        var later = RawFileView.Of(submission, retention, receivedAt.AddDays(retention.RawUploadDays));

        Assert.Equal(receivedAt.AddDays(retention.RawUploadDays), rawFile.GetProperty("keptUntil").GetDateTimeOffset());
        Assert.False(rawFile.GetProperty("deleted").GetBoolean());
        Assert.True(later.Deleted);
        Assert.Contains("kết quả chấm điểm và danh sách lỗi vẫn được giữ", later.Note, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> HouseholdsAsync(HttpClient client, string commune)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            var page = await _app.GetJsonAsync($"/api/units/2025/{commune}/households?pageSize=150{(token is null ? "" : "&pageToken=" + token)}", client);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        return items;
    }

    /// <summary>A synthetic survey as a zip of CSVs, with its personal data read back, and every fourth member's relationship
    /// replaced by text naming the head ("con ông …"), as an officer might write it.</summary>
    private sealed class PersonalSurvey
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly HashSet<string> _citizenIds = new(StringComparer.Ordinal);

        private PersonalSurvey(byte[] file) => File = file;

        public byte[] File { get; private set; }

        public Dictionary<string, string> HeadNames { get; } = new(StringComparer.Ordinal);

        public static PersonalSurvey Create(string commune, int households, int seed)
        {
            var survey = new PersonalSurvey(AppUnderTest.Survey(commune, households, seed, format: SurveyFormat.CsvZip));
            var sheets = new Dictionary<string, List<string[]>>();
            using (var zip = new ZipArchive(new MemoryStream(survey.File), ZipArchiveMode.Read))
            {
                foreach (var entry in zip.Entries)
                {
                    using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                    // Synthetic cells hold no commas or quotes, so a plain split reads them.
                    sheets[Path.GetFileNameWithoutExtension(entry.Name)] = [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(','))];
                }
            }

            var ho = sheets["ho"];
            int key = Array.IndexOf(ho[0], "ma_ho"), head = Array.IndexOf(ho[0], "ho_ten_chu_ho"), citizenId = Array.IndexOf(ho[0], "so_cccd_chu_ho");
            foreach (var row in ho.Skip(1))
            {
                survey.HeadNames[row[key]] = row[head];
                survey._names.Add(row[head]);
                if (row[citizenId].Length > 0)
                    survey._citizenIds.Add(row[citizenId]);
            }

            var members = sheets["thanh_vien"];
            int memberKey = Array.IndexOf(members[0], "ma_ho"), name = Array.IndexOf(members[0], "ho_ten"), relationship = Array.IndexOf(members[0], "quan_he_chu_ho");
            for (var r = 1; r < members.Count; r++)
            {
                survey._names.Add(members[r][name]);
                if (r % 4 == 0)
                    members[r][relationship] = "con ông " + survey.HeadNames[members[r][memberKey]];
            }

            Assert.True(survey._names.Count > households && survey._citizenIds.Count > 0, "the synthetic survey has no personal data to look for");
            var output = new MemoryStream();
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (sheet, rows) in sheets)
                {
                    using var writer = new StreamWriter(zip.CreateEntry(sheet + ".csv").Open(), new UTF8Encoding(false));
                    writer.Write(string.Join("\r\n", rows.Select(r => string.Join(',', r))));
                }
            }

            survey.File = output.ToArray();
            return survey;
        }

        /// <summary>Fails when <paramref name="text"/> holds a name or a citizen ID of the survey (or, unless allowed, is a household code).</summary>
        public void AssertFree(string text, string where, bool allowHouseholdCodes)
        {
            foreach (var name in _names)
                Assert.False(text.Contains(name, StringComparison.Ordinal), $"{where} holds the name \"{name}\": {text}");
            foreach (var id in _citizenIds)
                Assert.False(text.Contains(id, StringComparison.Ordinal), $"{where} holds a citizen ID: {text}");
            if (!allowHouseholdCodes)
                Assert.False(HeadNames.ContainsKey(text.Trim('"')), $"{where} is the household code {text}");
        }
    }
}
