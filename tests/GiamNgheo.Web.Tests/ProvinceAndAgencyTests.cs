using GiamNgheo.Testing;
using GiamNgheo.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GiamNgheo.Web.Tests;

/// <summary>The province office on a desktop (progress, summaries) and an agency reporting on a plan.</summary>
[Collection(WebAppTests.Name)]
public sealed class ProvinceAndAgencyTests(WebApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task Province_officer_starts_the_review_and_follows_every_commune_as_a_table_and_a_grid()
    {
        await app.EnsureDemoSurveyScoredAsync(WebApp.FirstScreenCommune);
        await using var session = await app.OpenAsync(Screen.Desktop);
        var page = session.Page;
        await session.SignInAsync(WebApp.ProvinceOfficer);
        await session.ChooseYearAsync(WebApp.Year);
        await session.OpenMenuAsync("Tiến độ");

        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu rà soát" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sơ đồ các xã" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Các xã theo tình trạng" }).GetByRole(AriaRole.Listitem)).Not.ToHaveCountAsync(0);
        var table = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.Locator("caption", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Tiến độ rà soát của \\d+ xã$") }) });
        await Expect(table.Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await session.WaitForQuietNetworkAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the province's progress", output);
        await Screenshots.SaveAsync(page, "tinh-tien-do");

        await session.OpenMenuAsync("Tổng hợp");
        await Expect(page.Locator("#noi-dung svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[aria-busy=true]")).ToHaveCountAsync(0);
        var rates = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.Locator("caption", new() { HasText = "Số liệu của biểu đồ: tỷ lệ theo xã" }) });
        await Expect(rates.Locator("tbody tr").Filter(new() { HasText = $"({WebApp.FirstScreenCommune})" })).ToHaveCountAsync(1);
        await session.WaitForQuietNetworkAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the province's summary", output);
        await Screenshots.SaveAsync(page, "tinh-tong-hop");

        session.AssertStayedOnItsOrigin();
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Agency_named_in_a_published_plan_uploads_its_report_and_sees_the_period_answered()
    {
        const string planId = "web-test-plan";
        using (var admin = app.AdminClient())
        {
            await Api.PostJsonAsync(admin, "/api/plans", new
            {
                id = planId,
                title = $"Kế hoạch báo cáo giảm nghèo năm {WebApp.Year} (kiểm thử trình duyệt)",
                year = WebApp.Year,
                unitCode = WebApp.Province,
                supervisor = new { id = "so-nn-mt", name = "Sở Nông nghiệp và Môi trường", email = "so-nn-mt@hanoi.example" },
                reporters = new[] { new { id = "so-y-te", name = "Sở Y tế", email = WebApp.Agency.Email } },
                periods = new[] { new { id = "quy-4", label = "Báo cáo quý IV", due = $"{WebApp.Year}-12-31" } },
                reminders = new { daysBefore = Array.Empty<int>(), escalateDaysAfter = Array.Empty<int>() },
            });
            await Api.PostJsonAsync(admin, $"/api/plans/{planId}/publish", new { });
        }

        await using var session = await app.OpenAsync(Screen.Phone);
        var page = session.Page;
        await session.SignInAsync(WebApp.Agency);
        await session.ChooseYearAsync(WebApp.Year);
        await session.OpenMenuAsync("Kế hoạch báo cáo");
        await page.GetByRole(AriaRole.Link, new() { Name = "kiểm thử trình duyệt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("kiểm thử trình duyệt");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Hạn nộp và tình trạng của cơ quan" })).ToContainTextAsync("31/12/2025");

        await page.GetByLabel("Tệp báo cáo – Báo cáo quý IV").SetInputFilesAsync(new FilePayload
        {
            Name = "bao-cao-quy-4.txt", MimeType = "text/plain", Buffer = "Báo cáo quý IV của Sở Y tế"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp báo cáo" }).ClickAsync();
        await Expect(page.GetByText("Đã nhận báo cáo lúc")).ToBeVisibleAsync();
        await session.WaitForQuietNetworkAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the agency's plan", output);
        await Screenshots.SaveAsync(page, "co-quan-ky-bao-cao");

        using var client = app.AdminClient();
        var period = await Api.GetJsonAsync(client, $"/api/plans/{planId}/periods/quy-4");
        Assert.Contains("tre-han", period.ToString(), StringComparison.Ordinal);
        session.AssertStayedOnItsOrigin();
        session.AssertNoScriptErrors();
    }
}
