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
        // What the screen shows, not the whole page: a province's progress table of 500 communes would make a 3 MB image.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), Animations = ScreenshotAnimations.Disabled });
    }
}
