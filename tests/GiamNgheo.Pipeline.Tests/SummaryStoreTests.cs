using GiamNgheo.Pipeline.Summaries;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Province aggregates stay exact under concurrent commune changes.</summary>
public sealed class SummaryStoreTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    [Fact]
    public async Task Province_refresh_racing_with_commune_changes_ends_with_the_sum_of_all_communes()
    {
        var communes = Enumerable.Range(0, 6).Select(i => PipelineUnderTest.CommuneOf("33", i)).ToList();
        var work = communes.Select(async (commune, i) =>
        {
            var file = PipelineUnderTest.Survey(commune, 50 + i, seed: 10 + i);
            var result = await pipeline.Intake.ReceiveAsync(2025, commune, new MemoryStream(file), null, CancellationToken.None);
            await pipeline.Processor.ProcessAsync(result.Submission!.Key.BlobName, file, null, CancellationToken.None);
            await pipeline.Summaries.RefreshProvinceAsync(2025, "33", CancellationToken.None);
        });
        await Task.WhenAll(work);
        await pipeline.Summaries.RefreshProvinceAsync(2025, "33", CancellationToken.None);

        var row = await pipeline.Storage.Summaries.GetEntityAsync<Azure.Data.Tables.TableEntity>(UnitSummary.PartitionOf(2025, "33"), SummaryStore.ProvinceRowKey);
        Assert.Equal(row.Value.GetInt64("Generation"), row.Value.GetInt64("ComputedGeneration"));
        Assert.Equal(Enumerable.Range(0, 6).Sum(i => 50L + i), row.Value.GetInt64("Households_ngheo")!.Value + row.Value.GetInt64("Households_can_ngheo")!.Value
            + row.Value.GetInt64("Households_muc_song_trung_binh")!.Value + row.Value.GetInt64("Households_khong_ngheo")!.Value);
        Assert.Equal(6, row.Value.GetInt32("CommunesReported"));
        Assert.False(await pipeline.Summaries.RefreshProvinceAsync(2025, "33", CancellationToken.None));
    }
}
