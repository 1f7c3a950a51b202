using Azure;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Pipeline.Households;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>The two activities of a workbook build do their work once however often they run.</summary>
public sealed class ProvinceWorkbookBuilderTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    private static readonly IEqualityComparer<HouseholdRecord> HouseholdComparer = EqualityComparer<HouseholdRecord>.Create(
        (a, b) => a!.HouseholdId == b!.HouseholdId && a.Class == b.Class && a.Persons == b.Persons && a.Deprivations.SequenceEqual(b.Deprivations)
            && a.IncomeValue == b.IncomeValue && a.Explanation == b.Explanation && a.Village == b.Village,
        h => h.HouseholdId.GetHashCode(StringComparison.Ordinal));

    [Fact]
    public async Task Extracting_a_commune_twice_stores_one_extract_of_its_counted_households()
    {
        var (build, communes) = await RequestedBuildAsync("22", 2);
        var commune = communes[0];
        var counted = await pipeline.Submissions.FindCountedAsync(2025, commune, CancellationToken.None);

        var rows = await Task.WhenAll(
            pipeline.Builder.ExtractCommuneAsync(build, commune, CancellationToken.None),
            pipeline.Builder.ExtractCommuneAsync(build, commune, CancellationToken.None));
        var blob = pipeline.Storage.Exports.GetBlobClient(build.ExtractBlobName(commune));
        var etag = (await blob.GetPropertiesAsync()).Value.ETag;
        var again = await pipeline.Builder.ExtractCommuneAsync(build, commune, CancellationToken.None);

        Assert.Equal([counted!.HouseholdsScored, counted.HouseholdsScored], rows);
        Assert.Equal(counted.HouseholdsScored, again);
        Assert.Equal(etag, (await blob.GetPropertiesAsync()).Value.ETag);
        Assert.Equal([build.ExtractBlobName(commune)], await pipeline.ExportBlobsAsync(build.WorkPrefix + "communes/"));
        using var content = (await blob.DownloadStreamingAsync()).Value;
        var extracted = await HouseholdExtract.ReadAsync(content.Content, CancellationToken.None).ToListAsync();
        var stored = await pipeline.Households.AllAsync(counted.Key, HouseholdView.WithoutHeadName, CancellationToken.None).ToListAsync();
        Assert.Equal(stored, extracted, HouseholdComparer);
        Assert.All(extracted, h => Assert.Null(h.HeadName));
    }

    [Fact]
    public async Task Assembling_twice_stores_one_workbook_one_parquet_file_per_entity_and_their_zip_and_removes_the_extracts()
    {
        var (build, communes) = await RequestedBuildAsync("11", 3);
        foreach (var commune in communes)
            await pipeline.Builder.ExtractCommuneAsync(build, commune, CancellationToken.None);

        var first = await pipeline.Builder.AssembleAsync(build, CancellationToken.None);
        var workbook = pipeline.Storage.Exports.GetBlobClient(build.WorkbookBlobName);
        var properties = (await workbook.GetPropertiesAsync()).Value;
        var second = await pipeline.Builder.AssembleAsync(build, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(properties.ContentLength, first);
        Assert.Equal(ProvinceWorkbookBuilder.XlsxContentType, properties.ContentType);
        Assert.Equal(properties.ETag, (await workbook.GetPropertiesAsync()).Value.ETag);
        Assert.Empty(await pipeline.ExportBlobsAsync(build.WorkPrefix + "communes/"));
        Assert.Equal(
            PowerBiModel.Tables.Select(t => build.ParquetPrefix + t.FileName + ".parquet").Append(build.ManifestBlobName).Append(build.WorkbookBlobName).Append(build.ParquetZipBlobName).ToHashSet(),
            (await pipeline.ExportBlobsAsync($"2025/{build.ProvinceCode}/")).ToHashSet());

        var sheet = await WorkbookReading.ReadAsync(workbook);
        Assert.Equal(
            (await Task.WhenAll(communes.Select(c => pipeline.Submissions.FindCountedAsync(2025, c, CancellationToken.None)))).Sum(s => s!.HouseholdsScored),
            sheet.Households.Count);
    }

    [Fact]
    public async Task An_extract_of_a_counted_submission_whose_rows_are_gone_fails_and_stores_nothing()
    {
        var (build, communes) = await RequestedBuildAsync("12", 1);
        var counted = await pipeline.Submissions.FindCountedAsync(2025, communes[0], CancellationToken.None);
        Assert.True(await pipeline.Households.DeleteAsync(counted!.Key, CancellationToken.None) > 0);

        await Assert.ThrowsAsync<InvalidDataException>(() => pipeline.Builder.ExtractCommuneAsync(build, communes[0], CancellationToken.None));

        Assert.Empty(await pipeline.ExportBlobsAsync(build.WorkPrefix + "communes/"));
    }

    [Fact]
    public async Task Extracting_a_commune_that_is_not_in_the_manifest_fails()
    {
        var (build, _) = await RequestedBuildAsync("14", 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.Builder.ExtractCommuneAsync(build, PipelineUnderTest.CommuneOf("14", 40), CancellationToken.None));
    }

    /// <summary>Scores small surveys into a province's first communes and stores the manifest as a request would.</summary>
    private async Task<(ExportBuildId Build, IReadOnlyList<string> Communes)> RequestedBuildAsync(string province, int communes)
    {
        var codes = await pipeline.ScoreTinyCommunesAsync(province, communes, householdsEach: 25, seed: 5);
        var manifest = await pipeline.ManifestNowAsync(province);
        Assert.Equal(codes.Order(StringComparer.Ordinal), manifest.Communes.Select(c => c.Code));
        await pipeline.Storage.Exports.GetBlobClient(manifest.Build.ManifestBlobName).UploadAsync(manifest.ToBinaryData(), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
        return (manifest.Build, codes);
    }
}
