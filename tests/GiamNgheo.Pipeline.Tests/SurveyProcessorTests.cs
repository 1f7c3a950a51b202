using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.Scoring;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>At-least-once behaviour of scoring, without a host.</summary>
public sealed class SurveyProcessorTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    private const int Year = 2025;

    [Fact]
    public async Task The_same_file_processed_twice_at_once_is_scored_once_and_counted_once()
    {
        var commune = PipelineUnderTest.CommuneOf("31", 0);
        var key = await pipeline.StoreRawAsync(commune, PipelineUnderTest.Survey(commune, 400, seed: 1));
        var blob = pipeline.Storage.Surveys.GetBlobClient(key.BlobName);

        var results = await Task.WhenAll(
            pipeline.Processor.ProcessAsync(blob, CancellationToken.None),
            pipeline.Processor.ProcessAsync(blob, CancellationToken.None));

        Assert.Contains(ProcessingResult.Scored, results);
        Assert.All(results, r => Assert.True(r is ProcessingResult.Scored or ProcessingResult.AlreadyDone));
        var summary = await pipeline.Summaries.CommuneAsync(Year, "31", commune, CancellationToken.None);
        Assert.Equal(400, summary!.Tally.Households);
        Assert.Equal(ProcessingResult.AlreadyDone, await pipeline.Processor.ProcessStoredAsync(key, CancellationToken.None));
        Assert.Equal(400, (await pipeline.Summaries.CommuneAsync(Year, "31", commune, CancellationToken.None))!.Tally.Households);
        Assert.Equal(1, (await pipeline.Submissions.FindAsync(key, CancellationToken.None))!.UploadSequence);
    }

    [Fact]
    public async Task An_older_upload_finishing_after_a_newer_one_does_not_become_the_counted_submission()
    {
        var commune = PipelineUnderTest.CommuneOf("31", 1);
        var older = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(PipelineUnderTest.Survey(commune, 120, seed: 2)), "cu.xlsx", CancellationToken.None);
        var newer = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(PipelineUnderTest.Survey(commune, 80, seed: 3)), "moi.xlsx", CancellationToken.None);

        Assert.Equal(ProcessingResult.Scored, await pipeline.Processor.ProcessStoredAsync(newer.Submission!.Key, CancellationToken.None));
        Assert.Equal(ProcessingResult.Scored, await pipeline.Processor.ProcessStoredAsync(older.Submission!.Key, CancellationToken.None));

        var counted = await pipeline.Submissions.FindCountedAsync(Year, commune, CancellationToken.None);
        Assert.Equal(newer.Submission.Key, counted!.Key);
        var summary = await pipeline.Summaries.CommuneAsync(Year, "31", commune, CancellationToken.None);
        Assert.Equal(80, summary!.Tally.Households);
        Assert.Equal(newer.Submission.Key.Id, summary.SubmissionId);
    }

    [Fact]
    public async Task Uploading_the_earlier_file_again_makes_it_count_again()
    {
        var commune = PipelineUnderTest.CommuneOf("31", 2);
        var first = PipelineUnderTest.Survey(commune, 60, seed: 4);
        var second = PipelineUnderTest.Survey(commune, 70, seed: 5);
        foreach (var file in new[] { first, second })
            Assert.Equal(ProcessingResult.Scored, (await pipeline.UploadAndScoreAsync(commune, file)).Result);
        Assert.Equal(70, (await pipeline.Summaries.CommuneAsync(Year, "31", commune, CancellationToken.None))!.Tally.Households);

        var again = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(first), null, CancellationToken.None);

        Assert.True(again.Duplicate);
        Assert.Equal(SubmissionStatus.Scored, again.Submission!.Status);
        Assert.Equal(60, (await pipeline.Summaries.CommuneAsync(Year, "31", commune, CancellationToken.None))!.Tally.Households);
    }

    [Fact]
    public async Task A_first_upload_is_not_a_duplicate_even_when_the_trigger_recorded_it_first()
    {
        // The blob trigger may score a new file before the upload request records it: 'duplicate' is decided by the raw blob.
        var commune = PipelineUnderTest.CommuneOf("31", 3);
        var file = PipelineUnderTest.Survey(commune, 30, seed: 6);

        var received = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(file), null, CancellationToken.None);
        await pipeline.Processor.ProcessStoredAsync(received.Submission!.Key, CancellationToken.None);
        var again = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(file), null, CancellationToken.None);

        Assert.False(received.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(received.Submission.Key, again.Submission!.Key);
    }

    [Fact]
    public async Task A_blob_that_is_not_an_upload_is_ignored_and_creates_nothing()
    {
        var notes = pipeline.Storage.Surveys.GetBlobClient("2025/notes.txt");
        await notes.UploadAsync(new BinaryData([1, 2, 3]), overwrite: true);
        var unknownCommune = await pipeline.StoreRawAsync("99999", [1]);

        Assert.Equal(ProcessingResult.Ignored, await pipeline.Processor.ProcessAsync(notes, CancellationToken.None));
        Assert.Equal(ProcessingResult.Ignored, await pipeline.Processor.ProcessAsync(pipeline.Storage.Surveys.GetBlobClient(unknownCommune.BlobName), CancellationToken.None));
        Assert.Equal(ProcessingResult.Ignored, await pipeline.Processor.ProcessStoredAsync(PipelineUnderTest.KeyOf(PipelineUnderTest.CommuneOf("31", 4), [4, 5, 6]), CancellationToken.None));
        Assert.Null(await pipeline.Submissions.FindStateAsync(Year, "99999", CancellationToken.None));
        Assert.Null(await pipeline.Submissions.FindStateAsync(Year, PipelineUnderTest.CommuneOf("31", 4), CancellationToken.None));
    }

    [Fact]
    public async Task A_blob_whose_content_does_not_match_its_name_is_ignored_and_nothing_is_recorded()
    {
        var commune = PipelineUnderTest.CommuneOf("31", 5);
        var named = PipelineUnderTest.KeyOf(commune, PipelineUnderTest.Survey(commune, 20, seed: 7));
        var blob = pipeline.Storage.Surveys.GetBlobClient(named.BlobName);
        // A valid survey of the same commune, stored under another file's hash.
        await blob.UploadAsync(new BinaryData(PipelineUnderTest.Survey(commune, 25, seed: 8)), overwrite: true);

        Assert.Equal(ProcessingResult.Ignored, await pipeline.Processor.ProcessAsync(blob, CancellationToken.None));
        Assert.Equal(ProcessingResult.Ignored, await pipeline.Processor.ProcessStoredAsync(named, CancellationToken.None));

        Assert.Null(await pipeline.Submissions.FindStateAsync(Year, commune, CancellationToken.None));
        Assert.Null(await pipeline.Submissions.FindAsync(named, CancellationToken.None));
        Assert.Empty(await pipeline.Households.AllAsync(named, HouseholdView.WithHeadName, CancellationToken.None).ToListAsync());
        Assert.Null(await pipeline.Summaries.CommuneAsync(Year, "31", commune, CancellationToken.None));
    }

    [Fact]
    public async Task The_tally_stored_on_a_scored_submission_equals_a_recount_of_its_household_rows()
    {
        var commune = PipelineUnderTest.CommuneOf("31", 6);
        var (key, result) = await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 600, seed: 9));
        Assert.Equal(ProcessingResult.Scored, result);

        var submission = await pipeline.Submissions.FindAsync(key, CancellationToken.None);
        var rows = await pipeline.Households.AllAsync(key, HouseholdView.WithHeadName, CancellationToken.None).ToListAsync();
        var counts = submission!.Counts!;

        Assert.Equal(submission.HouseholdsScored, rows.Count);
        var poor = HouseholdClass.Poor.Code();
        var nearPoor = HouseholdClass.NearPoor.Code();
        // The file must exercise what is compared: poor and near-poor households with deprivations.
        Assert.Contains(rows, h => h.Class == poor && h.Deprivations.Count > 0);
        Assert.Contains(rows, h => h.Class == nearPoor && h.Deprivations.Count > 0);
        foreach (var c in HouseholdClasses.All.Select(c => c.Code()))
        {
            Assert.Equal(rows.Count(h => h.Class == c), counts.Households.GetValueOrDefault(c));
            Assert.Equal(rows.Where(h => h.Class == c).Sum(h => (long)h.Persons), counts.Persons.GetValueOrDefault(c));
        }

        foreach (var indicator in PipelineUnderTest.Standards.Indicators.All.Select(i => i.Key))
        {
            Assert.Equal(rows.Count(h => h.Class == poor && h.Deprivations.Contains(indicator)), counts.PoorDeprived.GetValueOrDefault(indicator));
            Assert.Equal(rows.Count(h => h.Class == nearPoor && h.Deprivations.Contains(indicator)), counts.NearPoorDeprived.GetValueOrDefault(indicator));
        }

        // The stored summary is those figures.
        var summary = await pipeline.Summaries.CommuneAsync(Year, "31", commune, CancellationToken.None);
        TallyAssert.Equal(counts, TallyCounts.From(summary!.Tally, PipelineUnderTest.Standards.Indicators));
    }
}
