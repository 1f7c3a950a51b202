using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Summaries;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Commune summaries are exact the moment a file counts; province aggregates stay exact under concurrent commune changes.</summary>
public sealed class SummaryStoreTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    private const int Year = 2025;

    [Fact]
    public async Task Province_refresh_racing_with_commune_changes_ends_with_the_sum_of_all_communes()
    {
        var communes = Enumerable.Range(0, 6).Select(i => PipelineUnderTest.CommuneOf("33", i)).ToList();
        var work = communes.Select(async (commune, i) =>
        {
            var (_, result) = await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 50 + i, seed: 10 + i));
            Assert.Equal(ProcessingResult.Scored, result);
            await pipeline.Summaries.RefreshProvinceAsync(Year, "33", CancellationToken.None);
        });
        await Task.WhenAll(work);
        await pipeline.Summaries.RefreshProvinceAsync(Year, "33", CancellationToken.None);

        var row = await pipeline.Storage.Summaries.GetEntityAsync<Azure.Data.Tables.TableEntity>(UnitSummary.PartitionOf(Year, "33"), SummaryStore.ProvinceRowKey);
        Assert.Equal(row.Value.GetInt64("Generation"), row.Value.GetInt64("ComputedGeneration"));
        Assert.Equal(Enumerable.Range(0, 6).Sum(i => 50L + i), row.Value.GetInt64("Households_ngheo")!.Value + row.Value.GetInt64("Households_can_ngheo")!.Value
            + row.Value.GetInt64("Households_muc_song_trung_binh")!.Value + row.Value.GetInt64("Households_khong_ngheo")!.Value);
        Assert.Equal(6, row.Value.GetInt32("CommunesReported"));
        Assert.False(await pipeline.Summaries.RefreshProvinceAsync(Year, "33", CancellationToken.None));
    }

    [Fact]
    public async Task A_newly_counted_file_shows_in_the_commune_summary_at_once_before_the_stored_summary_is_refreshed()
    {
        var commune = PipelineUnderTest.CommuneOf("37", 0);
        var (first, _) = await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 40, seed: 20));
        var second = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(PipelineUnderTest.Survey(commune, 55, seed: 21)), null, CancellationToken.None);

        // The worker dies right after the transaction that marks the new file scored and counted, before any summary write.
        var dying = pipeline.ProcessorWith(new SummaryStore(pipeline.CreateStorage(tablePolicy: new CrashOnTableWrites(PipelineStorage.SummariesTable)), pipeline.Submissions, PipelineUnderTest.Standards));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => dying.ProcessStoredAsync(second.Submission!.Key, CancellationToken.None));

        var counted = await pipeline.Submissions.FindAsync(second.Submission!.Key, CancellationToken.None);
        var stored = await pipeline.Summaries.CommuneAsync(Year, "37", commune, CancellationToken.None);
        Assert.Equal(first.Id, stored!.SubmissionId);
        Assert.Equal(40, stored.Tally.Households);

        var now = await pipeline.Summaries.CountedCommuneAsync(Year, commune, CancellationToken.None);
        Assert.Equal(second.Submission.Key.Id, now!.SubmissionId);
        Assert.Equal(55, now.Tally.Households);
        Assert.Equal(counted!.TotalHouseholds, now.TotalHouseholds);
        TallyAssert.Equal(counted.Counts!, TallyCounts.From(now.Tally, PipelineUnderTest.Standards.Indicators));

        var refreshed = await pipeline.Summaries.RefreshCommuneAsync(Year, commune, CancellationToken.None);
        Assert.Equal(second.Submission.Key.Id, refreshed!.SubmissionId);
        Assert.Equal(55, (await pipeline.Summaries.CommuneAsync(Year, "37", commune, CancellationToken.None))!.Tally.Households);
    }

    [Fact]
    public async Task A_commune_without_a_scored_file_has_no_summary()
    {
        var commune = PipelineUnderTest.CommuneOf("37", 1);
        await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(PipelineUnderTest.Survey(commune, 10, seed: 22)), null, CancellationToken.None);

        Assert.Null(await pipeline.Summaries.CountedCommuneAsync(Year, commune, CancellationToken.None));
        Assert.Null(await pipeline.Summaries.RefreshCommuneAsync(Year, commune, CancellationToken.None));
        Assert.Null(await pipeline.Summaries.CommuneAsync(Year, "37", commune, CancellationToken.None));
    }
}
