using GiamNgheo.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GiamNgheo.Web.Tests;

[Collection(WebAppTests.Name)]
public sealed class SignInTests(WebApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task Sign_in_screen_offers_every_demo_person_of_the_local_host()
    {
        await using var session = await app.OpenAsync(Screen.Phone);
        await session.Page.GotoAsync("/");

        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/dang-nhap$"));
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Đăng nhập", Level = 1 })).ToBeVisibleAsync();
        foreach (var person in WebApp.People)
            await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = person.Label })).ToBeVisibleAsync();
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Commune_officer_who_signs_in_sees_their_name_and_can_sign_out()
    {
        await using var session = await app.OpenAsync(Screen.Phone);
        await session.SignInAsync(WebApp.CommuneOfficer);

        await Expect(session.Page.Locator("#who")).ToContainTextAsync("Cán bộ xã");
        await Expect(session.Page.Locator("#who")).ToContainTextAsync(WebApp.UploadCommune);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        await Expect(session.Page.Locator("#who")).ToBeEmptyAsync();
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Sign_in_screen_has_no_serious_accessibility_violation()
    {
        await using var session = await app.OpenAsync(Screen.Phone);
        await session.Page.GotoAsync("/");
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = WebApp.Admin.Label })).ToBeVisibleAsync();

        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the sign-in screen", output);
        await Screenshots.SaveAsync(session.Page, "dang-nhap");
    }

    [Fact]
    public async Task Nobody_signed_in_who_opens_a_deep_link_is_sent_to_sign_in()
    {
        await using var session = await app.OpenAsync(Screen.Desktop);
        await session.Page.GotoAsync($"/#/xa/{WebApp.UploadCommune}/{WebApp.Year}/ket-qua");

        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/dang-nhap$"));
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
    }
}
