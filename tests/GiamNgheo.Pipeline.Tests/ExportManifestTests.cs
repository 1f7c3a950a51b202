using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Processing;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>A province workbook is named by what counts: each commune's counted submission, nothing else.</summary>
public sealed class ExportManifestTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    private const string Province = "20";

    [Fact]
    public async Task Uploading_the_same_file_again_keeps_the_export_fingerprint_and_a_new_counted_file_changes_it()
    {
        var (a, b) = (PipelineUnderTest.CommuneOf(Province, 0), PipelineUnderTest.CommuneOf(Province, 1));
        var fileA = PipelineUnderTest.Survey(a, 30, seed: 1);
        var fileB = PipelineUnderTest.Survey(b, 20, seed: 2);
        await pipeline.UploadAndScoreAsync(a, fileA);
        await pipeline.UploadAndScoreAsync(b, fileB);
        var before = await pipeline.ManifestNowAsync(Province);
        var sequenceBefore = (await pipeline.Summaries.CommuneAsync(2025, Province, a, CancellationToken.None))!.CountedSequence;

        var again = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, a, new MemoryStream(fileA), "lai.xlsx", CancellationToken.None);
        var afterSameFile = await pipeline.ManifestNowAsync(Province);

        Assert.True(again.Duplicate);
        // The re-upload did change the stored summary (it is the latest upload now), but not what counts.
        Assert.True((await pipeline.Summaries.CommuneAsync(2025, Province, a, CancellationToken.None))!.CountedSequence > sequenceBefore);
        Assert.Equal(before.Build, afterSameFile.Build);

        var (_, result) = await pipeline.UploadAndScoreAsync(b, PipelineUnderTest.Survey(b, 21, seed: 3));
        Assert.Equal(ProcessingResult.Scored, result);
        var afterNewFile = await pipeline.ManifestNowAsync(Province);
        Assert.NotEqual(before.Build.Fingerprint, afterNewFile.Build.Fingerprint);
        Assert.Equal(2, afterNewFile.Communes.Count);

        // Going back to the earlier file of b goes back to the earlier workbook.
        await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, b, new MemoryStream(fileB), null, CancellationToken.None);
        Assert.Equal(before.Build, (await pipeline.ManifestNowAsync(Province)).Build);
    }

    [Fact]
    public async Task A_stored_manifest_reads_back_as_written()
    {
        var commune = PipelineUnderTest.CommuneOf(Province, 2);
        await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 40, seed: 4));
        var manifest = await pipeline.ManifestNowAsync(Province);

        var read = ExportManifest.Parse(manifest.ToBinaryData());

        Assert.Equal(manifest.Build, read.Build);
        Assert.Equal(manifest.Communes.Select(c => (c.Code, c.SubmissionId, c.TotalHouseholds, c.TotalPersons)), read.Communes.Select(c => (c.Code, c.SubmissionId, c.TotalHouseholds, c.TotalPersons)));
        foreach (var (written, back) in manifest.Communes.Zip(read.Communes))
            TallyAssert.Equal(written.Counts, back.Counts);
    }
}
