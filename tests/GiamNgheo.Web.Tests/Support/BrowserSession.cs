using System.Collections.Concurrent;
using GiamNgheo.LocalHost;
using Microsoft.Playwright;

namespace GiamNgheo.Web.Tests.Support;

/// <summary>One person's visit: a fresh browser context and page on the app. Every request is routed through a guard that
/// lets only the app's own origin through and remembers anything else (aborted), so a test can prove the app fetches
/// nothing from the internet.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>How long a locator or assertion waits: a loaded 2-core CI machine scores a survey in a few seconds.</summary>
    public const float TimeoutMs = 30_000;

    private readonly Uri _origin;
    private readonly ConcurrentQueue<string> _foreign = new();
    private readonly ConcurrentQueue<string> _scriptErrors = new();
    private int _inFlight;
    private long _lastActivity = Environment.TickCount64;

    private BrowserSession(IBrowserContext context, IPage page, Uri origin)
    {
        Context = context;
        Page = page;
        _origin = origin;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Requests to another origin the app made (and the guard aborted).</summary>
    public IReadOnlyCollection<string> ForeignRequests => _foreign;

    /// <param name="browser">The shared browser.</param>
    /// <param name="origin">The app's origin.</param>
    /// <param name="screen">Phone or desktop.</param>
    /// <param name="guarded">Route every request through the origin guard. Playwright turns the HTTP cache off while
    /// requests are routed, so a measurement of a return visit (304 revalidations) runs unguarded and checks the origins of
    /// the requests it saw instead.</param>
    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri origin, Screen screen, bool guarded = true)
    {
        var phone = screen == Screen.Phone;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = origin.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, origin);
        if (guarded)
            await context.RouteAsync("**/*", session.GuardAsync);
        context.Request += (_, request) =>
        {
            session.Touch(+1);
            if (!guarded && session.IsForeign(new Uri(request.Url)))
                session._foreign.Enqueue(request.Url);
        };
        context.RequestFinished += (_, _) => session.Touch(-1);
        context.RequestFailed += (_, _) => session.Touch(-1);
        page.PageError += (_, error) => session._scriptErrors.Enqueue(error);
        // A CSP refusal is only a console message, yet it means part of the app silently did not run.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                session._scriptErrors.Enqueue(message.Text);
        };
        return session;
    }

    /// <summary>Opens the app, picks the person on the sign-in screen and waits for their first screen to settle.</summary>
    public async Task SignInAsync(DemoIdentity person)
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = person.Label }).ClickAsync();
        await Assertions.Expect(Page.Locator("#who")).ToContainTextAsync(person.Name ?? person.Label);
        await WaitForQuietNetworkAsync();
    }

    /// <summary>Picks the review year in the header (the demo data is of 2025, the clock's year may be later).</summary>
    public async Task ChooseYearAsync(int year)
    {
        await Page.GetByLabel("Năm rà soát").SelectOptionAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(Page.Locator("#menu a").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"/{year}(/|$)"));
    }

    /// <summary>Follows a link of the header's menu and waits for the screen's heading.</summary>
    public async Task OpenMenuAsync(string name)
    {
        await Page.Locator("#menu").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("#noi-dung h1")).ToBeVisibleAsync();
    }

    /// <summary>Waits until no request has been in flight for half a second (Playwright's "network idle", which it only
    /// offers for page loads, not for the app's hash navigation).</summary>
    public async Task WaitForQuietNetworkAsync()
    {
        var deadline = Environment.TickCount64 + (long)TimeoutMs;
        while (Volatile.Read(ref _inFlight) > 0 || Environment.TickCount64 - Interlocked.Read(ref _lastActivity) < 500)
        {
            if (Environment.TickCount64 > deadline)
                throw new TimeoutException($"The page kept {_inFlight} request(s) in flight for {TimeoutMs / 1000} s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Fails when the app asked any other origin for anything.</summary>
    public void AssertStayedOnItsOrigin() =>
        Assert.True(_foreign.IsEmpty, "Requests left the app's origin: " + string.Join(", ", _foreign));

    /// <summary>Fails on an uncaught script error or a content security policy refusal.</summary>
    public void AssertNoScriptErrors() =>
        Assert.True(_scriptErrors.IsEmpty, "The page had script errors: " + string.Join(" | ", _scriptErrors));

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    private async Task GuardAsync(IRoute route)
    {
        if (IsForeign(new Uri(route.Request.Url)))
        {
            _foreign.Enqueue(route.Request.Url);
            await route.AbortAsync("blockedbyclient");
            return;
        }

        await route.ContinueAsync();
    }

    private bool IsForeign(Uri url) =>
        url.Scheme is "http" or "https" or "ws" or "wss" && !string.Equals(url.Authority, _origin.Authority, StringComparison.OrdinalIgnoreCase);

    private void Touch(int delta)
    {
        Interlocked.Add(ref _inFlight, delta);
        Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
    }
}
