using System.Net;
using System.Text;
using System.Text.Json;
using GiamNgheo.Access.Callers;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Testing;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The <c>bien-dong</c> report over HTTP: a commune followed from its counted 2023 list, another from the start list it
/// uploaded, declarations refused with their places and accepted.</summary>
public sealed class ChangeReportTests : IClassFixture<AppFixture>
{
    private readonly AppUnderTest _app;

    public ChangeReportTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task A_commune_is_followed_from_last_years_counted_list_and_another_from_its_uploaded_start_list_and_chi_tieu_starts_from_both()
    {
        var communes = AdminUnitCatalog.Default.CommunesOf("22", new DateOnly(2024, 9, 1)).Select(c => c.Code).Take(2).ToList();
        var (followed, uploaded) = (communes[0], communes[1]);
        await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2023, followed, AppUnderTest.Survey(followed, 80, seed: 2301, year: 2023)));
        await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2024, followed, AppUnderTest.Survey(followed, 80, seed: 2401, year: 2024)));
        await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2024, uploaded, AppUnderTest.Survey(uploaded, 50, seed: 2402, year: 2024)));
        var before = await _app.WaitSummaryAsync(2023, followed, _ => true);
        var after = await _app.WaitSummaryAsync(2024, "22", s => s.GetProperty("communesReported").GetInt32() == 2);

        using (var wrong = await PostCsvAsync($"/api/units/2024/{followed}/changes", "ma_ho,loai_bien_dong\n" + followed + "-000001,chuyen_di\n,doi_ma\n"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
            var problem = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("urn:giamngheo:problem:danh-sach-khong-hop-le", problem.GetProperty("type").GetString());
            var error = problem.GetProperty("errors")[0];
            Assert.Equal(3, error.GetProperty("row").GetInt32());
            Assert.Equal("1", error.GetProperty("column").GetString());
            Assert.Equal("bien_dong.csv", error.GetProperty("sheet").GetString());
        }

        using (var declared = await PostCsvAsync($"/api/units/2024/{followed}/changes", "Mã hộ,Loại biến động\n" + followed + "-999999,Chuyển đến\n"))
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        using (var start = await PostCsvAsync($"/api/units/2024/{uploaded}/start-list", $"ma_ho,phan_loai\n{uploaded}-000001,ngheo\n{uploaded}-000002,Hộ cận nghèo\n", "dau_ky.csv"))
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);

        using var officer = _app.ClientWith(TestTokens.Shared.For(Role.CommuneOfficer, followed));
        var commune = await _app.GetJsonAsync($"/api/units/2024/{followed}/reports/bien-dong", officer);
        Assert.Equal(1, commune.GetProperty("startLists").GetProperty("counted").GetInt32());
        Assert.Equal(before.GetProperty("poorHouseholds").GetInt64(), commune.GetProperty("poor").GetProperty("start").GetInt64());
        Assert.Equal(before.GetProperty("nearPoorHouseholds").GetInt64(), commune.GetProperty("nearPoor").GetProperty("start").GetInt64());
        AssertBalances(commune);

        using var analyst = _app.ClientWith(TestTokens.Shared.For(Role.Analyst, "22"));
        var province = await _app.GetJsonAsync("/api/units/2024/22/reports/bien-dong", analyst);
        Assert.Equal(2, province.GetProperty("communes").GetInt32());
        Assert.Equal(1, province.GetProperty("startLists").GetProperty("uploaded").GetInt32());
        Assert.Equal(after.GetProperty("poorHouseholds").GetInt64(), province.GetProperty("poor").GetProperty("end").GetInt64());
        Assert.Equal(after.GetProperty("nearPoorHouseholds").GetInt64(), province.GetProperty("nearPoor").GetProperty("end").GetInt64());
        AssertBalances(province);

        // chi-tieu takes the same start: the uploaded list's two households, with no resident households known for it.
        var uploadedTargets = (await _app.GetJsonAsync($"/api/units/2024/{uploaded}/reports/chi-tieu", analyst)).GetProperty("start");
        Assert.Equal(("bien-dong", 2023, 0L, 1L, 1L), (uploadedTargets.GetProperty("source").GetString(), uploadedTargets.GetProperty("year").GetInt32(),
            uploadedTargets.GetProperty("totalHouseholds").GetInt64(), uploadedTargets.GetProperty("poorHouseholds").GetInt64(), uploadedTargets.GetProperty("nearPoorHouseholds").GetInt64()));
        var followedTargets = (await _app.GetJsonAsync($"/api/units/2024/{followed}/reports/chi-tieu", analyst)).GetProperty("start");
        Assert.Equal((before.GetProperty("totalHouseholds").GetInt64(), before.GetProperty("poorHouseholds").GetInt64()),
            (followedTargets.GetProperty("totalHouseholds").GetInt64(), followedTargets.GetProperty("poorHouseholds").GetInt64()));
        var provinceTargets = (await _app.GetJsonAsync("/api/units/2024/22/reports/chi-tieu", analyst)).GetProperty("start");
        Assert.Equal((province.GetProperty("poor").GetProperty("start").GetInt64(), province.GetProperty("nearPoor").GetProperty("start").GetInt64()),
            (provinceTargets.GetProperty("poorHouseholds").GetInt64(), provinceTargets.GetProperty("nearPoorHouseholds").GetInt64()));
    }

    private static void AssertBalances(JsonElement report)
    {
        foreach (var name in new[] { "poor", "nearPoor" })
        {
            var flows = report.GetProperty(name);
            static long Sum(JsonElement counts) => counts.EnumerateObject().Sum(c => c.Value.GetInt64());
            Assert.Equal(
                flows.GetProperty("end").GetInt64(),
                flows.GetProperty("start").GetInt64() - Sum(flows.GetProperty("leaving")) + Sum(flows.GetProperty("entering")) + Sum(flows.GetProperty("other")));
        }
    }

    private async Task<HttpResponseMessage> PostCsvAsync(string path, string csv, string fileName = "bien_dong.csv")
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", fileName } };
        return await _app.Client.PostAsync(new Uri(path, UriKind.Relative), form);
    }
}
