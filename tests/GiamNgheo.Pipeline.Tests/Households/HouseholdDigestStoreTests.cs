using System.Text.Json;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;

namespace GiamNgheo.Pipeline.Tests.Households;

/// <summary>Digests on Azurite: written when a survey is scored, built from the table for older submissions, and giving
/// the reports the table gives.</summary>
public sealed class HouseholdDigestStoreTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    private HouseholdDigestStore Digests => new(pipeline.Storage, pipeline.Households);

    [Fact]
    public async Task A_scored_submission_has_a_digest_holding_its_tables_households()
    {
        var commune = PipelineUnderTest.CommuneOf("08", 1);
        var (key, _) = await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 40, seed: 11));

        Assert.True(await DigestBlob(key).ExistsAsync());
        var digest = await Digests.OpenAsync(key.Year, key.CommuneCode, key.ShortHash, CancellationToken.None);

        Assert.Equal(await FromTableAsync(key), Normalised(digest.Records()));
    }

    [Fact]
    public async Task A_submission_stored_before_digests_gets_one_built_from_the_table_when_first_read()
    {
        var commune = PipelineUnderTest.CommuneOf("08", 2);
        var (key, _) = await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 35, seed: 12));
        await DigestBlob(key).DeleteAsync();

        var built = await Digests.OpenAsync(key.Year, key.CommuneCode, key.ShortHash, CancellationToken.None);

        Assert.Equal(await FromTableAsync(key), Normalised(built.Records()));
        Assert.True(await DigestBlob(key).ExistsAsync());
        var stored = await Digests.OpenAsync(key.Year, key.CommuneCode, key.ShortHash, CancellationToken.None);
        Assert.Equal(Normalised(built.Records()), Normalised(stored.Records()));
    }

    [Fact]
    public async Task Reports_via_the_digests_equal_reports_via_the_table()
    {
        var communes = await pipeline.ScoreTinyCommunesAsync("31", 5, 30, seed: 13);
        // One commune as if scored before digests existed: its digest is built during the report.
        var summaries = await pipeline.Summaries.CommunesAsync(2025, "31", CancellationToken.None);
        var old = Assert.Single(summaries, s => s.UnitCode == communes[2]);
        Assert.True(SubmissionKey.TryParseId(old.SubmissionId!, out var year, out var code, out var shortHash));
        await pipeline.Storage.Digests.DeleteBlobAsync(HouseholdDigestStore.BlobName(year, code, shortHash));
        // Fewer reads ahead than communes, so the read-ahead window slides.
        var reports = new UnitReports(pipeline.Summaries, Digests, PipelineUnderTest.Standards, PipelineOptions.Default with { ReportReadParallelism = 2 });

        foreach (var unit in new[] { new ReportUnit(2025, UnitLevel.Province, "31", "31"), new ReportUnit(2025, UnitLevel.Commune, communes[2], "31") })
        {
            var (mpi, deprivations) = await ViaTableAsync(unit, summaries);
            Assert.Equal(mpi, JsonSerializer.Serialize(await reports.MpiAsync(unit, CancellationToken.None)));
            Assert.Equal(deprivations, JsonSerializer.Serialize(await reports.DeprivationsAsync(unit, CancellationToken.None)));
        }
    }

    private Azure.Storage.Blobs.BlobClient DigestBlob(SubmissionKey key) =>
        pipeline.Storage.Digests.GetBlobClient(HouseholdDigestStore.BlobName(key.Year, key.CommuneCode, key.ShortHash));

    private async Task<List<string>> FromTableAsync(SubmissionKey key) =>
        Normalised((await pipeline.Households.AllAsync(key, HouseholdView.WithoutHeadName, CancellationToken.None).ToListAsync())
            .Select(h => h with { Explanation = "", DeprivationSources = null }));

    // Records compare their lists by reference; their JSON compares every value.
    private static List<string> Normalised(IEnumerable<HouseholdRecord> households) =>
        [.. households.OrderBy(h => h.HouseholdId, StringComparer.Ordinal).Select(h => JsonSerializer.Serialize(h))];

    // The reports as they were made before the digests: each commune's rows read from the table.
    private async Task<(string Mpi, string Deprivations)> ViaTableAsync(ReportUnit unit, IReadOnlyList<UnitSummary> summaries)
    {
        var standard = PipelineUnderTest.Standards.NationalFor(unit.Year)!;
        var mpi = new MpiCalculator(unit.Year, standard, byCommune: unit.Level != UnitLevel.Commune);
        var deprivations = new DeprivationCalculator(unit.Year, standard);
        foreach (var commune in summaries.Where(unit.Contains))
        {
            Assert.True(SubmissionKey.TryParseId(commune.SubmissionId!, out var year, out var code, out var shortHash));
            await foreach (var household in pipeline.Households.AllAsync(year, code, shortHash, HouseholdView.WithoutHeadName, CancellationToken.None))
            {
                mpi.Add(household, commune.UnitCode);
                deprivations.Add(household);
            }
        }

        return (JsonSerializer.Serialize(mpi.Build()), JsonSerializer.Serialize(deprivations.Build()));
    }
}
