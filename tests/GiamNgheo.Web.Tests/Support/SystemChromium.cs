using Microsoft.Playwright;

namespace GiamNgheo.Web.Tests.Support;

/// <summary>Debian's Chromium, which scripts/chromium.sh installs; Playwright never downloads a browser of its own here
/// (the machines reach only package registries).</summary>
public static class SystemChromium
{
    /// <summary>Where the browser is: GIAMNGHEO_CHROMIUM, else Debian's /usr/bin/chromium.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("GIAMNGHEO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions LaunchOptions()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: run scripts/chromium.sh (./test.sh does) or set GIAMNGHEO_CHROMIUM.");
        return new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No sandbox: CI runs as root, where Chromium refuses its sandbox. The rest keeps the browser from calling
            // home (updates, sync, field trials), which would be both noise and a request leaving the machine.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                "--disable-domain-reliability", "--disable-breakpad", "--metrics-recording-only", "--no-pings",
            ],
        };
    }
}
