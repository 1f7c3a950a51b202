using System.Net.Http.Json;
using System.Text.Json;
using GiamNgheo.Functions;
using GiamNgheo.Pipeline;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Synthetic;
using GiamNgheo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The real handler on a free port over a real Azurite, as <c>./run.sh</c> starts it (local-host mode).</summary>
public sealed class HandlerUnderTest : IAsyncDisposable
{
    private WebApplication _app;

    private HandlerUnderTest(AzuriteServer azurite, WebApplication app, HttpClient client, bool localHost)
    {
        Azurite = azurite;
        _app = app;
        Client = client;
        LocalHost = localHost;
    }

    /// <summary>The storage emulator.</summary>
    public AzuriteServer Azurite { get; }

    /// <summary>Client with the handler's base address.</summary>
    public HttpClient Client { get; private set; }

    /// <summary>True when the trigger runner runs inside the handler.</summary>
    public bool LocalHost { get; }

    /// <summary>The handler's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts Azurite and the handler.</summary>
    public static async Task<HandlerUnderTest> StartAsync(bool localHost = true)
    {
        var azurite = await AzuriteServer.StartAsync();
        var app = await StartAppAsync(azurite, localHost);
        if (!localHost)
            await app.Services.GetRequiredService<PipelineStorage>().EnsureCreatedAsync();
        return new HandlerUnderTest(azurite, app, ClientFor(app), localHost);
    }

    /// <summary>Stops the handler abruptly (in-flight work is cancelled) and starts a new one over the same storage.</summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
        Client.Dispose();
        _app = await StartAppAsync(Azurite, LocalHost);
        Client = ClientFor(_app);
    }

    /// <summary>Writes a synthetic commune survey and returns its bytes.</summary>
    public static byte[] Survey(string communeCode, int households, int seed, int year = 2025, SurveyFormat format = SurveyFormat.Xlsx) =>
        new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default).CommuneFile(communeCode, year, households, seed, format);

    /// <summary>Uploads a file as the officer's browser does (multipart field <c>file</c>).</summary>
    public async Task<HttpResponseMessage> UploadAsync(int year, string communeCode, byte[] content, string fileName = "khao-sat.xlsx")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        form.Add(file, "file", fileName);
        return await Client.PostAsync(new Uri($"/api/surveys/{year}/{communeCode}", UriKind.Relative), form);
    }

    /// <summary>Uploads and returns the submission id from the 202 answer.</summary>
    public async Task<string> UploadAcceptedAsync(int year, string communeCode, byte[] content)
    {
        using var response = await UploadAsync(year, communeCode, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("submissionId").GetString()!;
    }

    /// <summary>Polls the submission until its status is final.</summary>
    public async Task<JsonElement> WaitFinalAsync(string submissionId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var view = await GetJsonAsync($"/api/submissions/{submissionId}");
            var status = view.GetProperty("status").GetString();
            if (status is "scored" or "rejected" or "failed")
                return view;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Submission {submissionId} still {status}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls a summary until it satisfies a condition.</summary>
    public async Task<JsonElement> WaitSummaryAsync(int year, string unitCode, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await Client.GetAsync(new Uri($"/api/units/{year}/{unitCode}/summary", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (done(summary))
                    return summary;
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Summary of {unitCode} did not reach the expected state: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }

    /// <summary>GET as JSON, asserting success.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    private static async Task<WebApplication> StartAppAsync(AzuriteServer azurite, bool localHost)
    {
        var options = new HandlerOptions
        {
            Port = 0,
            LocalHost = localHost,
            AppRoot = RepositoryRoot.Find(),
            PollInterval = TimeSpan.FromMilliseconds(100),
            Pipeline = PipelineOptions.Default with { StallTimeout = TimeSpan.FromSeconds(2) },
        };
        var app = HandlerApp.Create(options, configure: builder =>
        {
            builder.Configuration[Configuration.AppSettings.StorageConnectionString.Name] = azurite.ConnectionString;
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        });
        await app.StartAsync();
        return app;
    }

    private static HttpClient ClientFor(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
}
