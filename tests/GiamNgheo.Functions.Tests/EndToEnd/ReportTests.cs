using System.Net;
using ClosedXML.Excel;
using GiamNgheo.Access.Callers;
using GiamNgheo.Testing;
using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The analysts' reports over HTTP, computed from what the pipeline counted.</summary>
public sealed partial class ReportTests : IClassFixture<AppFixture>
{
    private readonly AppUnderTest _app;

    public ReportTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task An_analyst_reads_the_provinces_mpi_and_deprivations_that_agree_with_its_summary()
    {
        var communes = SurveyPipelineTests.CommunesOf("15").Take(2).ToList();
        foreach (var (commune, i) in communes.Select((c, i) => (c, i)))
            await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 120, seed: 1500 + i)));
        var summary = await _app.WaitSummaryAsync(2025, "15", s => s.GetProperty("communesReported").GetInt32() == 2);

        using var analyst = _app.ClientWith(TestTokens.Shared.For(Role.Analyst, "15"));
        var mpi = await _app.GetJsonAsync("/api/units/2025/15/reports/mpi", analyst);
        Assert.Equal(240, mpi.GetProperty("households").GetInt64());
        var (h, a, m0) = (mpi.GetProperty("H").GetDouble(), mpi.GetProperty("A").GetDouble(), mpi.GetProperty("M0").GetDouble());
        Assert.InRange(h, 0, 1);
        Assert.InRange(a, 0, 1);
        Assert.Equal(h * a, m0, 12);
        Assert.Equal(2, mpi.GetProperty("subgroups").GetProperty("commune").EnumerateObject().Count());

        var deprivations = await _app.GetJsonAsync("/api/units/2025/15/reports/thieu-hut", analyst);
        Assert.Equal(summary.GetProperty("poorHouseholds").GetInt64(), deprivations.GetProperty("poor").GetProperty("households").GetInt64());
        Assert.Equal(summary.GetProperty("nearPoorHouseholds").GetInt64(), deprivations.GetProperty("nearPoor").GetProperty("households").GetInt64());

        using var unknown = await analyst.GetAsync(new Uri("/api/units/2025/15/reports/khong-co", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Dak_To_Re_reads_its_published_plans_targets_against_the_year_and_prints_them_in_the_workbook()
    {
        const string commune = "23494";
        await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2023, commune, AppUnderTest.Survey(commune, 150, seed: 2300, year: 2023)));
        await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2024, commune, AppUnderTest.Survey(commune, 130, seed: 2400, year: 2024)));
        var start = await _app.WaitSummaryAsync(2023, commune, _ => true);
        var end = await _app.WaitSummaryAsync(2024, commune, _ => true);
        var plan = ExamplePlans.Load("dak-to-re-2024") with { Id = "dak-to-re-2024-chi-tieu" };
        await CreateAsync(plan, publish: true);
        await CreateAsync(plan with { Id = "dak-to-re-2024-ban-nhap" }, publish: false);
        await CreateAsync(plan with { Id = "dak-to-re-2024-khong-chi-tieu", Targets = [] }, publish: true);

        using var analyst = _app.ClientWith(TestTokens.Shared.For(Role.Analyst, "62"));
        var report = await _app.GetJsonAsync($"/api/units/2024/{commune}/reports/chi-tieu", analyst);

        var plans = report.GetProperty("plans").EnumerateArray().ToList();
        Assert.Equal(["dak-to-re-2024-chi-tieu", "dak-to-re-2024-khong-chi-tieu"], plans.Select(p => p.GetProperty("id").GetString()));
        Assert.Empty(plans[1].GetProperty("targets").EnumerateArray());
        var reduced = start.GetProperty("poorHouseholds").GetInt64() - end.GetProperty("poorHouseholds").GetInt64();
        Assert.Equal((2023, "bien-dong"), (report.GetProperty("start").GetProperty("year").GetInt32(), report.GetProperty("start").GetProperty("source").GetString()));
        var targets = plans[0].GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Equal(reduced, targets["giam-ho-ngheo"].GetProperty("actual").GetDecimal());
        Assert.Equal(38m, targets["giam-ho-ngheo"].GetProperty("target").GetDecimal());
        Assert.Equal(reduced - 38, targets["giam-ho-ngheo"].GetProperty("gap").GetDecimal());
        var points = Math.Round(100m * reduced / 1382, 2, MidpointRounding.AwayFromZero);
        Assert.Equal((points, 1382m), (targets["giam-ty-le-ho-ngheo"].GetProperty("actual").GetDecimal(), targets["giam-ty-le-ho-ngheo"].GetProperty("base").GetDecimal()));
        // Nulls are left out of API answers: a target the review cannot measure has no actual, only why.
        Assert.False(targets["bhyt"].TryGetProperty("actual", out _));
        Assert.Contains("không tính được", targets["bhyt"].GetProperty("note").GetString(), StringComparison.Ordinal);

        using var response = await analyst.GetAsync(new Uri($"/api/units/2024/{commune}/reports.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bao-cao-2024-23494.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["chi-tieu", "bien-dong", "thieu-hut", "nhom-dac-thu", "lao-dong", "mpi"], workbook.Worksheets.Select(w => w.Name));
        foreach (var sheet in workbook.Worksheets)
        {
            var texts = sheet.CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", texts);
            Assert.Contains("Độc lập - Tự do - Hạnh phúc", texts);
            Assert.Contains("XÃ ĐẮK TỜ RE", texts);
            Assert.Contains("NGƯỜI LẬP BIỂU", texts);
            Assert.Contains("THỦ TRƯỞNG ĐƠN VỊ", texts);
            Assert.Contains(texts, t => t.StartsWith("Đơn vị tính: ", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.StartsWith("Nguồn biểu mẫu: ", StringComparison.Ordinal));
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Equal((1, 0), (sheet.PageSetup.PagesWide, sheet.PageSetup.PagesTall));
            Assert.True(sheet.PageSetup.FirstRowToRepeatAtTop > 0 && sheet.PageSetup.LastRowToRepeatAtTop == sheet.PageSetup.FirstRowToRepeatAtTop + 1);
            Assert.Equal("(1)", sheet.Cell(sheet.PageSetup.LastRowToRepeatAtTop, 1).GetString());
        }

        var audit = await _app.GetJsonAsync($"/api/audit?unitCode={commune}");
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(), e => e.GetProperty("action").GetString() == "report.workbook");
        var targetsSheet = workbook.Worksheet("chi-tieu");
        Assert.Equal("KẾT QUẢ THỰC HIỆN CHỈ TIÊU GIẢM NGHÈO THEO KẾ HOẠCH", targetsSheet.Cell(5, 1).GetString());
        var rate = targetsSheet.CellsUsed().Single(c => c.GetString() == "Tỷ lệ hộ nghèo giảm 2,75%").WorksheetRow();
        Assert.Equal((2.75, (double)points), (rate.Cell(5).GetDouble(), rate.Cell(6).GetDouble()));
        var poor = workbook.Worksheet("thieu-hut").CellsUsed().Single(c => c.GetString() == "Tổng số hộ nghèo").WorksheetRow();
        Assert.Equal(end.GetProperty("poorHouseholds").GetInt64(), poor.CellsUsed().Last().GetValue<long>());

        var changes = workbook.Worksheet("bien-dong");
        Assert.Equal("DIỄN BIẾN HỘ NGHÈO, HỘ CẬN NGHÈO TRONG NĂM", changes.Cell(5, 1).GetString());
        var poorChanges = changes.CellsUsed().Single(c => c.GetString() == "Hộ nghèo").WorksheetRow();
        Assert.Equal((start.GetProperty("poorHouseholds").GetInt64(), end.GetProperty("poorHouseholds").GetInt64()), (poorChanges.Cell(3).GetValue<long>(), poorChanges.Cell(11).GetValue<long>()));
        var poorFlows = Enumerable.Range(3, 9).Select(c => poorChanges.Cell(c).GetValue<long>()).ToList();
        Assert.Equal(poorFlows[8], poorFlows[0] - poorFlows[1] - poorFlows[2] - poorFlows[3] + poorFlows[4] + poorFlows[5] + poorFlows[6] + poorFlows[7]);

        var groups = workbook.Worksheet("nhom-dac-thu");
        Assert.Equal("HỘ NGHÈO, HỘ CẬN NGHÈO THEO NHÓM ĐỐI TƯỢNG", groups.Cell(5, 1).GetString());
        var allPoor = groups.CellsUsed().Single(c => c.GetString() == "Tổng số").WorksheetRow();
        Assert.Equal((end.GetProperty("poorHouseholds").GetInt64(), end.GetProperty("nearPoorHouseholds").GetInt64()), (allPoor.Cell(3).GetValue<long>(), allPoor.Cell(5).GetValue<long>()));

        var labour = workbook.Worksheet("lao-dong");
        var labourJson = await _app.GetJsonAsync($"/api/units/2024/{commune}/reports/lao-dong", analyst);
        Assert.Equal("TÌNH TRẠNG LAO ĐỘNG, VIỆC LÀM CỦA THÀNH VIÊN HỘ NGHÈO, HỘ CẬN NGHÈO", labour.Cell(5, 1).GetString());
        var aged15 = labour.CellsUsed().Single(c => c.GetString() == "Số người từ 15 tuổi trở lên").WorksheetRow();
        var aged15Json = labourJson.GetProperty("poor").GetProperty("personsAged15Plus");
        Assert.Equal((aged15Json.GetProperty("count").GetInt64(), aged15Json.GetProperty("percent").GetDouble()), (aged15.Cell(3).GetValue<long>(), aged15.Cell(4).GetDouble()));
        var employed = labour.CellsUsed().Single(c => c.GetString() == "Tình trạng việc làm: Có việc làm").WorksheetRow();
        Assert.Equal(labourJson.GetProperty("nearPoor").GetProperty("employment").GetProperty("co_viec_lam").GetProperty("count").GetInt64(), employed.Cell(5).GetValue<long>());
    }

    private async Task CreateAsync(ReportingPlan plan, bool publish)
    {
        using (var created = await _app.Client.PostAsync(new Uri("/api/plans", UriKind.Relative), new ByteArrayContent(PlanDocument.ToUtf8Bytes(plan)) { Headers = { ContentType = new("application/json") } }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        if (!publish)
            return;
        using var published = await _app.Client.PostAsync(new Uri($"/api/plans/{plan.Id}/publish", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }
}
