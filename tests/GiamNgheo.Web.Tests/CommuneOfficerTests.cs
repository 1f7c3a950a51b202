using System.Text;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Synthetic;
using GiamNgheo.Testing;
using GiamNgheo.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GiamNgheo.Web.Tests;

/// <summary>The commune officer's day on a phone: a survey with errors, the error list, the corrected survey, a household's explanation.</summary>
[Collection(WebAppTests.Name)]
public sealed class CommuneOfficerTests(WebApp app, ITestOutputHelper output)
{
    private const int BrokenRow = 3;
    private static readonly string[] IssueColumns = ["Sheet", "Dòng", "Cột", "Nội dung"];
    private static readonly string[] ClassColumns = ["Phân loại", "Số hộ"];

    [Fact]
    public async Task Officer_reads_the_errors_of_a_survey_downloads_them_then_sees_the_corrected_survey_scored_and_a_household_explained()
    {
        var commune = WebApp.UploadCommune;
        var survey = new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default).CommuneFile(commune, WebApp.Year, 60, 12, SurveyFormat.CsvZip);
        await using var session = await app.OpenAsync(Screen.Phone);
        var page = session.Page;
        await session.SignInAsync(WebApp.CommuneOfficer);
        await session.ChooseYearAsync(WebApp.Year);
        await session.OpenMenuAsync("Khảo sát");

        await UploadAsync(page, $"khao-sat-{commune}.zip", SurveyDefects.BreakHouseholdSize(survey, BrokenRow, "nhieu"));
        await Expect(page.GetByText("Tệp có lỗi, chưa được tính", new() { Exact = true })).ToBeVisibleAsync();
        var errors = page.GetByRole(AriaRole.Table, new() { Name = "Lỗi (tệp chưa được tính)" });
        await Expect(errors.GetByRole(AriaRole.Columnheader)).ToHaveTextAsync(IssueColumns);
        var row = errors.GetByRole(AriaRole.Row).Filter(new() { HasText = "so_nhan_khau" });
        await Expect(row.GetByRole(AriaRole.Cell)).ToHaveCountAsync(4);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("ho.csv");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync(BrokenRow.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row.GetByRole(AriaRole.Cell).Nth(3)).Not.ToBeEmptyAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the survey screen with row errors", output);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Lần nộp gần nhất" }).ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "xa-tai-len-co-loi");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Tải danh sách lỗi (CSV)" }).ClickAsync());
        Assert.Equal($"khao-sat-{commune}-loi.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        Assert.StartsWith("Loại,Sheet,Dòng,Cột", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains($"Lỗi,ho.csv,{BrokenRow},", csv, StringComparison.Ordinal);

        await UploadAsync(page, $"khao-sat-{commune}-da-sua.zip", survey);
        await Expect(page.GetByText("Đã chấm điểm xong", new() { Exact = true })).ToBeVisibleAsync();
        var classes = page.GetByRole(AriaRole.Table, new() { Name = "60 hộ đã chấm điểm" });
        await Expect(classes.GetByRole(AriaRole.Columnheader)).ToHaveTextAsync(ClassColumns);
        await Expect(classes.Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Lỗi (tệp chưa được tính)" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the survey screen with a scored file", output);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Lần nộp gần nhất" }).ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "xa-tai-len-da-cham-diem");

        await page.GetByRole(AriaRole.Link, new() { Name = "Xem kết quả từng hộ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kết quả rà soát", Level = 1 })).ToBeVisibleAsync();
        var households = page.GetByRole(AriaRole.Table, new() { Name = "Các hộ đã chấm điểm" });
        await Expect(households.GetByRole(AriaRole.Row)).Not.ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the results screen", output);
        await Screenshots.SaveAsync(page, "xa-ket-qua");

        var first = households.GetByRole(AriaRole.Button).First;
        var code = (await first.TextContentAsync())!.Trim();
        await page.GetByLabel("Tìm theo mã hộ hoặc thôn").FillAsync(code);
        await Expect(households.GetByRole(AriaRole.Button)).ToHaveCountAsync(1);
        await households.GetByRole(AriaRole.Button, new() { Name = $"Hộ {code}: xem giải thích" }).ClickAsync();
        var explanation = page.Locator("#giai-thich");
        await Expect(explanation.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync($"Hộ {code}");
        await Expect(explanation.GetByRole(AriaRole.Heading, new() { Name = "Vì sao hộ được xếp loại này" })).ToBeVisibleAsync();
        await Expect(explanation.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Kết luận:" })).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"\\?ho={code}$"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a household's explanation", output);
        await Screenshots.SaveAsync(page, "xa-giai-thich-ho");

        session.AssertStayedOnItsOrigin();
        session.AssertNoScriptErrors();
    }

    private static async Task UploadAsync(IPage page, string name, byte[] content)
    {
        await page.GetByLabel("Tệp khảo sát", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/zip", Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên", Exact = true }).ClickAsync();
    }
}
