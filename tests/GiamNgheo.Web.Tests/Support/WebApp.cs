using GiamNgheo.LocalHost;
using GiamNgheo.Pipeline;
using GiamNgheo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GiamNgheo.Web.Tests.Support;

/// <summary>The tests that share one app and one browser: they run one after another, each in a fresh browser context.</summary>
[CollectionDefinition(Name)]
public sealed class WebAppTests : ICollectionFixture<WebApp>
{
    public const string Name = "web app";
}

/// <summary>One Azurite, the function app in the local host (in-process, free port, the demo people of <c>./run.sh</c>)
/// and one headless system Chromium driven by Playwright, shared by the tests of <see cref="WebAppTests"/>.</summary>
public sealed class WebApp : IAsyncLifetime
{
    public const int Year = 2025;
    public const string Province = "01";

    /// <summary>Real communes of Hà Nội with a demo survey in demo/surveys/2025-01: one per test that uploads, so that
    /// tests never see each other's submissions whatever order they run in.</summary>
    public const string UploadCommune = "00382";
    public const string FirstScreenCommune = "00166";

    public static readonly DemoIdentity CommuneOfficer = Officer(UploadCommune);
    public static readonly DemoIdentity FirstScreenOfficer = Officer(FirstScreenCommune);
    public static readonly DemoIdentity ProvinceOfficer = new($"Cán bộ Sở (tỉnh {Province})", ["province-officer"], [Province], "Cán bộ Sở (thử)");
    public static readonly DemoIdentity Analyst = new($"Chuyên viên phân tích (tỉnh {Province})", ["analyst"], [Province], "Chuyên viên phân tích");
    public static readonly DemoIdentity Agency = new($"Sở Y tế (cơ quan báo cáo, tỉnh {Province})", ["agency"], [Province], "Sở Y tế", "so-y-te@hanoi.example");
    public static readonly DemoIdentity Admin = new("Quản trị", ["admin"], [], "Quản trị");

    public static IReadOnlyList<DemoIdentity> People { get; } = [CommuneOfficer, FirstScreenOfficer, ProvinceOfficer, Analyst, Agency, Admin];

    private AzuriteServer? _azurite;
    private LocalFunctionHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The app's origin, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => Host.BaseAddress;

    public LocalFunctionHost Host => _host ?? throw new InvalidOperationException("The local host has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>An HTTP client of the API signed in as an administrator, for test setup (plans, uploads).</summary>
    public HttpClient AdminClient() => TestTokens.Shared.Client(BaseAddress);

    /// <summary>An HTTP client of the API signed in with a token of the test issuer.</summary>
    public HttpClient ClientWith(string token) => TestTokens.Shared.Client(BaseAddress, token);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> _demoSurveys = new();

    /// <summary>Uploads the commune's demo survey (demo/surveys/2025-01) once and waits until it is scored.</summary>
    public Task EnsureDemoSurveyScoredAsync(string commune) =>
        _demoSurveys.GetOrAdd(commune, c => new Lazy<Task>(() => UploadDemoSurveyAsync(c))).Value;

    private async Task UploadDemoSurveyAsync(string commune)
    {
        using var client = AdminClient();
        var path = Path.Combine(RepositoryRoot.Find(), "demo", "surveys", $"{Year}-{Province}", commune + ".xlsx");
        var submission = await Api.UploadAsync(client, Year, commune, await File.ReadAllBytesAsync(path), Path.GetFileName(path));
        var final = await Api.WaitFinalAsync(client, submission);
        Assert.Equal("scored", final.GetProperty("status").GetString());
    }

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _host = await LocalFunctionHost.StartAsync(
            new LocalHostOptions
            {
                Port = 0,
                StorageConnectionString = _azurite.ConnectionString,
                PollInterval = TimeSpan.FromMilliseconds(100),
                DevelopmentKeyFile = TestTokens.Shared.KeyFile,
                DemoIdentities = People,
            },
            builder => builder.Services.AddSingleton(PipelineOptions.Default with { StallTimeout = TimeSpan.FromSeconds(2) }));
        Assertions.SetDefaultExpectTimeout(BrowserSession.TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(SystemChromium.LaunchOptions());
    }

    /// <summary>A fresh browser context (no cookies, storage or cache) on a phone or desktop screen, guarded so that no
    /// request leaves the app's origin.</summary>
    public Task<BrowserSession> OpenAsync(Screen screen, bool guarded = true) => BrowserSession.OpenAsync(Browser, BaseAddress, screen, guarded);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null)
            await _host.StopAsync(abort: true);
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }

    private static DemoIdentity Officer(string commune) =>
        new($"Cán bộ xã {commune}", ["commune-officer"], [commune], $"Cán bộ xã {commune}", $"xa-{commune}@hanoi.example");
}
