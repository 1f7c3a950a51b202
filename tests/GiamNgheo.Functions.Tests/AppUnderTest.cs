using System.Net.Http.Json;
using System.Text.Json;
using GiamNgheo.LocalHost;
using GiamNgheo.Pipeline;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Synthetic;
using GiamNgheo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Functions.Tests;

/// <summary>The function app in the local host on a free port over a real Azurite, as <c>./run.sh</c> starts it.</summary>
public sealed class AppUnderTest : IAsyncDisposable
{
    private readonly Action<IServiceCollection>? _services;
    private LocalFunctionHost _host;

    private AppUnderTest(AzuriteServer azurite, LocalFunctionHost host, Action<IServiceCollection>? services)
    {
        Azurite = azurite;
        _host = host;
        _services = services;
        Client = ClientFor(host);
    }

    /// <summary>The storage emulator.</summary>
    public AzuriteServer Azurite { get; }

    /// <summary>Client with the app's base address, signed in as an administrator.</summary>
    public HttpClient Client { get; private set; }

    /// <summary>The running local host.</summary>
    public LocalFunctionHost Host => _host;

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _host.App.Services;

    /// <summary>Starts Azurite and the app; <paramref name="services"/> registers replacements (a clock) over the app's services.</summary>
    public static async Task<AppUnderTest> StartAsync(Action<IServiceCollection>? services = null)
    {
        var azurite = await AzuriteServer.StartAsync();
        return new AppUnderTest(azurite, await StartHostAsync(azurite, services), services);
    }

    /// <summary>Stops the app abruptly (in-flight work is cancelled, as when the process dies) and starts a new one over the same storage.</summary>
    public async Task RestartAsync()
    {
        await _host.StopAsync(abort: true);
        Client.Dispose();
        _host = await StartHostAsync(Azurite, _services);
        Client = ClientFor(_host);
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

    /// <summary>Asks for the province workbook and follows its build (202 + status URL, then 303 to the file) until the file arrives.</summary>
    public async Task<byte[]> DownloadExportAsync(int year, string provinceCode, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        var url = $"/api/exports/{year}/{provinceCode}";
        while (true)
        {
            using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
                return await response.Content.ReadAsByteArrayAsync();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is System.Net.HttpStatusCode.Accepted or System.Net.HttpStatusCode.SeeOther, $"GET {url} → {(int)response.StatusCode}: {body}");
            url = response.Headers.Location!.OriginalString;
            if (response.StatusCode == System.Net.HttpStatusCode.SeeOther)
                continue;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The workbook of {provinceCode} was not built in time: {body}");
            await Task.Delay(200);
        }
    }

    /// <summary>Data rows of a sheet (all rows but the header).</summary>
    public static int CountDataRows(GiamNgheo.Spreadsheets.XlsxWorkbookReader workbook, string sheet)
    {
        using var reader = workbook.OpenSheet(sheet) ?? throw new InvalidOperationException($"No sheet {sheet}.");
        var rows = 0;
        while (reader.Read())
            rows++;
        return rows - 1;
    }

    /// <summary>GET as JSON, asserting success; as an administrator unless another signed-in client is given.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? Client).GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync(abort: true);
        await Azurite.DisposeAsync();
    }

    private static Task<LocalFunctionHost> StartHostAsync(AzuriteServer azurite, Action<IServiceCollection>? services) =>
        LocalFunctionHost.StartAsync(
            new LocalHostOptions { Port = 0, StorageConnectionString = azurite.ConnectionString, PollInterval = TimeSpan.FromMilliseconds(100), DevelopmentKeyFile = TestTokens.Shared.KeyFile },
            builder =>
            {
                builder.Services.AddSingleton(PipelineOptions.Default with { StallTimeout = TimeSpan.FromSeconds(2) });
                services?.Invoke(builder.Services);
            });

    /// <summary>A client signed in with <paramref name="token"/> (see <see cref="TestTokens"/>).</summary>
    public HttpClient ClientWith(string token) => TestTokens.Shared.Client(_host.BaseAddress, token);

    private static HttpClient ClientFor(LocalFunctionHost host) => TestTokens.Shared.Client(host.BaseAddress);
}
