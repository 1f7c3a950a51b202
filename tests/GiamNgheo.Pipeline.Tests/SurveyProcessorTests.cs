using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Submissions;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>At-least-once behaviour of scoring, without a host.</summary>
public sealed class SurveyProcessorTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    [Fact]
    public async Task The_same_file_processed_twice_at_once_is_scored_once_and_counted_once()
    {
        var commune = PipelineUnderTest.CommuneOf("31", 0);
        var file = PipelineUnderTest.Survey(commune, 400, seed: 1);
        var key = PipelineUnderTest.KeyOf(commune, file);
        await pipeline.Storage.Surveys.GetBlobClient(key.BlobName).UploadAsync(new BinaryData(file));

        var results = await Task.WhenAll(
            pipeline.Processor.ProcessAsync(key.BlobName, file, "a.xlsx", CancellationToken.None),
            pipeline.Processor.ProcessAsync(key.BlobName, file, "a.xlsx", CancellationToken.None));

        Assert.Contains(ProcessingResult.Scored, results);
        var summary = await pipeline.Summaries.CommuneAsync(2025, "31", commune, CancellationToken.None);
        Assert.Equal(400, summary!.Tally.Households);
        Assert.Equal(ProcessingResult.AlreadyDone, await pipeline.Processor.ProcessStoredAsync(key, CancellationToken.None));
        Assert.Equal(400, (await pipeline.Summaries.CommuneAsync(2025, "31", commune, CancellationToken.None))!.Tally.Households);
    }

    [Fact]
    public async Task An_older_upload_finishing_after_a_newer_one_does_not_become_the_counted_submission()
    {
        var commune = PipelineUnderTest.CommuneOf("31", 1);
        var older = PipelineUnderTest.Survey(commune, 120, seed: 2);
        var newer = PipelineUnderTest.Survey(commune, 80, seed: 3);
        var olderResult = await pipeline.Intake.ReceiveAsync(2025, commune, new MemoryStream(older), "cu.xlsx", CancellationToken.None);
        var newerResult = await pipeline.Intake.ReceiveAsync(2025, commune, new MemoryStream(newer), "moi.xlsx", CancellationToken.None);

        await pipeline.Processor.ProcessAsync(newerResult.Submission!.Key.BlobName, newer, null, CancellationToken.None);
        await pipeline.Processor.ProcessAsync(olderResult.Submission!.Key.BlobName, older, null, CancellationToken.None);

        var counted = await pipeline.Submissions.FindCountedAsync(2025, commune, CancellationToken.None);
        Assert.Equal(newerResult.Submission.Key, counted!.Key);
        var summary = await pipeline.Summaries.CommuneAsync(2025, "31", commune, CancellationToken.None);
        Assert.Equal(80, summary!.Tally.Households);
        Assert.Equal(newerResult.Submission.Key.Id, summary.SubmissionId);
    }

    [Fact]
    public async Task Uploading_the_earlier_file_again_makes_it_count_again()
    {
        var commune = PipelineUnderTest.CommuneOf("31", 2);
        var first = PipelineUnderTest.Survey(commune, 60, seed: 4);
        var second = PipelineUnderTest.Survey(commune, 70, seed: 5);
        foreach (var file in new[] { first, second })
        {
            var result = await pipeline.Intake.ReceiveAsync(2025, commune, new MemoryStream(file), null, CancellationToken.None);
            await pipeline.Processor.ProcessAsync(result.Submission!.Key.BlobName, file, null, CancellationToken.None);
        }

        var again = await pipeline.Intake.ReceiveAsync(2025, commune, new MemoryStream(first), null, CancellationToken.None);

        Assert.True(again.Duplicate);
        Assert.Equal(SubmissionStatus.Scored, again.Submission!.Status);
        Assert.Equal(60, (await pipeline.Summaries.CommuneAsync(2025, "31", commune, CancellationToken.None))!.Tally.Households);
    }

    [Fact]
    public async Task A_blob_that_is_not_an_upload_is_ignored_and_creates_nothing()
    {
        Assert.Equal(ProcessingResult.Ignored, await pipeline.Processor.ProcessAsync("2025/notes.txt", [1, 2, 3], null, CancellationToken.None));
        Assert.Equal(ProcessingResult.Ignored, await pipeline.Processor.ProcessAsync($"2025/99999/{new string('0', 64)}", [1], null, CancellationToken.None));
    }
}
