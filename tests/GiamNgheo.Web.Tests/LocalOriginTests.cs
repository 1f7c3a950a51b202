using GiamNgheo.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GiamNgheo.Web.Tests;

/// <summary>The issue: every asset ships in the repository, nothing is fetched from the internet at run time.</summary>
[Collection(WebAppTests.Name)]
public sealed class LocalOriginTests(WebApp app)
{
    public static TheoryData<string> People => new(WebApp.People.Select(p => p.Label));

    [Theory]
    [MemberData(nameof(People))]
    public async Task Every_menu_screen_of_a_person_asks_nothing_of_another_origin(string label)
    {
        var person = WebApp.People.Single(p => p.Label == label);
        await using var session = await app.OpenAsync(Screen.Desktop);
        await session.SignInAsync(person);

        foreach (var href in await MenuLinksAsync(session.Page))
        {
            await session.Page.GotoAsync("/" + href);
            await Expect(session.Page.Locator("#noi-dung h1")).ToBeVisibleAsync();
            await session.WaitForQuietNetworkAsync();
        }

        session.AssertStayedOnItsOrigin();
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Guard_catches_a_request_to_another_origin()
    {
        await using var session = await app.OpenAsync(Screen.Phone);
        // The app's content security policy already stops a script's fetch before the network; a navigation is not
        // subject to it, so it shows that the guard itself sees and stops what leaves the origin.
        await Assert.ThrowsAsync<PlaywrightException>(() => session.Page.GotoAsync("https://cdn.example.com/lib.js"));

        Assert.Throws<Xunit.Sdk.TrueException>(session.AssertStayedOnItsOrigin);
    }

    private static async Task<IReadOnlyList<string>> MenuLinksAsync(IPage page) =>
        await page.Locator("#menu a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
}
