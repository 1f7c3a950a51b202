using GiamNgheo.Testing;
using Microsoft.Playwright;

namespace GiamNgheo.Web.Tests.Support;

/// <summary>Screenshots of the main screens for docs/web-app.md, written to docs/screenshots/ only when
/// GIAMNGHEO_SCREENSHOTS=1, so an ordinary run never changes the working tree.</summary>
public static class Screenshots
{
    public static bool Enabled => Environment.GetEnvironmentVariable("GIAMNGHEO_SCREENSHOTS") == "1";

    public static async Task SaveAsync(IPage page, string name)
    {
        if (!Enabled)
            return;
        var folder = Path.Combine(RepositoryRoot.Find(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        // The whole page at the viewport's width, after the fonts and layout settled (a screenshot waits for both).
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }
}
