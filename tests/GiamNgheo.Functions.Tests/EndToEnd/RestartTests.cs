using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Spreadsheets;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>At-least-once delivery in practice: stopping the app mid-processing loses and double-counts nothing.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Handler_restart_in_the_middle_of_processing_loses_nothing_and_counts_nothing_twice()
    {
        await using var app = await AppUnderTest.StartAsync();
        var communes = SurveyPipelineTests.CommunesOf("24").Take(4).ToList();
        var files = communes.Select((c, i) => (Commune: c, File: AppUnderTest.Survey(c, 2500, seed: 200 + i))).ToList();
        var ids = await Task.WhenAll(files.Select(f => app.UploadAcceptedAsync(2025, f.Commune, f.File)));

        // Wait until scoring is under way, then stop the app with the work in flight.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var statuses = await Task.WhenAll(ids.Select(id => app.GetJsonAsync($"/api/submissions/{id}")));
            if (statuses.Any(s => s.GetProperty("status").GetString() == "processing"))
                break;
            Assert.True(DateTime.UtcNow < deadline, "No submission started processing.");
            await Task.Delay(20);
        }

        await app.RestartAsync();

        var submissions = await Task.WhenAll(ids.Select(id => app.WaitFinalAsync(id, TimeSpan.FromSeconds(120))));
        Assert.All(submissions, s => Assert.Equal("scored", s.GetProperty("status").GetString()));
        Assert.All(submissions, s => Assert.Equal(2500, s.GetProperty("householdsScored").GetInt32()));

        var province = await app.WaitSummaryAsync(2025, "24", s => s.GetProperty("communesReported").GetInt32() == 4);
        Assert.Equal(4 * 2500, province.GetProperty("scoredHouseholds").GetInt64());
        Assert.Equal(submissions.Sum(s => s.GetProperty("households").GetProperty("ngheo").GetInt64()), province.GetProperty("poorHouseholds").GetInt64());

        // Exactly one row per household per file: nothing written twice under another key.
        var table = app.Services.GetRequiredService<PipelineStorage>().Households;
        foreach (var commune in communes)
        {
            var rows = 0;
            await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey eq '2025-{commune}'", select: ["RowKey"]))
                rows++;
            Assert.Equal(2500, rows);
        }
    }

    [Fact]
    public async Task Export_build_interrupted_by_a_restart_completes_once()
    {
        await using var app = await AppUnderTest.StartAsync();
        var communes = SurveyPipelineTests.CommunesOf("42").Take(6).ToList();
        var ids = await Task.WhenAll(communes.Select((c, i) => app.UploadAcceptedAsync(2025, c, AppUnderTest.Survey(c, 400, seed: 400 + i))));
        await Task.WhenAll(ids.Select(id => app.WaitFinalAsync(id, TimeSpan.FromSeconds(120))));
        await app.WaitSummaryAsync(2025, "42", s => s.GetProperty("communesReported").GetInt32() == 6);

        using var requested = await app.Client.GetAsync(new Uri("/api/exports/2025/42", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, requested.StatusCode);
        var instanceId = "export-2025-42-" + requested.Headers.Location!.OriginalString.Split('/')[^1];
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        var started = await WaitStartedAsync(durable, instanceId);

        await app.RestartAsync();

        var bytes = await app.DownloadExportAsync(2025, "42", TimeSpan.FromSeconds(120));
        using var workbook = XlsxWorkbookReader.Open(new MemoryStream(bytes));
        Assert.Equal(6 * 400, AppUnderTest.CountDataRows(workbook, "ho_gia_dinh"));

        // The same instance finished the build: it was resumed from storage, not started again. The workbook is stored by the
        // last activity, a moment before the orchestration records its completion, so wait for that rather than read at once.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var finished = await app.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(instanceId, guard.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished!.RuntimeStatus);
        Assert.Equal(started.CreatedAt, finished.CreatedAt);
    }

    private static async Task<OrchestrationMetadata> WaitStartedAsync(DurableTaskClient durable, string instanceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await durable.GetInstanceAsync(instanceId) is { } instance)
                return instance;
            Assert.True(DateTime.UtcNow < deadline, $"Build {instanceId} never started.");
            await Task.Delay(50);
        }
    }
}
