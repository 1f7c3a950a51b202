using GiamNgheo.Pipeline.Storage;
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
}
