using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Submissions;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>A commune-year locked by its decision: uploads are refused and no file scored meanwhile becomes the counted one.</summary>
public sealed class CommuneLockTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    private const int Year = 2025;
    private static readonly CommuneLock Decision = new("quyết định số 125/QĐ-UBND ngày 01/12/2025 công nhận danh sách hộ nghèo, hộ cận nghèo", DateTimeOffset.UnixEpoch);

    private static Rules.AdminUnits.AdminUnit Unit(string commune) => PipelineUnderTest.Units.FindCommune(commune, PipelineUnderTest.Year.ReferenceDate)!.Unit;

    [Fact]
    public async Task An_upload_to_a_locked_commune_year_is_refused_before_anything_is_stored()
    {
        var commune = PipelineUnderTest.CommuneOf("33", 0);
        var (counted, _) = await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 40, seed: 1));
        await pipeline.Submissions.SetLockAsync(Year, Unit(commune), Decision, CancellationToken.None);
        var file = PipelineUnderTest.Survey(commune, 50, seed: 2);

        var result = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(file), "moi.xlsx", CancellationToken.None);

        Assert.Null(result.Submission);
        Assert.Equal(IntakeRefusal.Locked, result.Rejection!.Kind);
        Assert.Equal("xa-da-khoa", result.Rejection.Code);
        Assert.Contains(Decision.Reason, result.Rejection.Detail, StringComparison.Ordinal);
        Assert.False(await pipeline.Storage.Surveys.GetBlobClient(PipelineUnderTest.KeyOf(commune, file).BlobName).ExistsAsync());
        Assert.Single(await pipeline.Submissions.HistoryAsync(Year, commune, CancellationToken.None));
        Assert.Equal(counted, (await pipeline.Submissions.FindCountedAsync(Year, commune, CancellationToken.None))!.Key);

        // Even the file that counts cannot be uploaded again (it would move the upload order).
        var again = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(PipelineUnderTest.Survey(commune, 40, seed: 1)), null, CancellationToken.None);
        Assert.Equal(IntakeRefusal.Locked, again.Rejection!.Kind);
    }

    [Fact]
    public async Task A_file_landing_in_the_container_while_locked_is_scored_but_does_not_count_until_uploaded_again_after_reopening()
    {
        var commune = PipelineUnderTest.CommuneOf("33", 1);
        var (counted, _) = await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 40, seed: 3));
        await pipeline.Submissions.SetLockAsync(Year, Unit(commune), Decision, CancellationToken.None);
        var file = PipelineUnderTest.Survey(commune, 30, seed: 4);
        var landed = await pipeline.StoreRawAsync(commune, file);

        Assert.Equal(ProcessingResult.Scored, await pipeline.Processor.ProcessAsync(pipeline.Storage.Surveys.GetBlobClient(landed.BlobName), CancellationToken.None));

        Assert.Equal(SubmissionStatus.Scored, (await pipeline.Submissions.FindAsync(landed, CancellationToken.None))!.Status);
        Assert.Equal(counted, (await pipeline.Submissions.FindCountedAsync(Year, commune, CancellationToken.None))!.Key);
        Assert.Equal(40, (await pipeline.Summaries.CommuneAsync(Year, "33", commune, CancellationToken.None))!.Tally.Households);

        await pipeline.Submissions.SetLockAsync(Year, Unit(commune), null, CancellationToken.None);
        var again = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(file), null, CancellationToken.None);
        Assert.Null(again.Rejection);
        Assert.True(again.Duplicate);
        Assert.Equal(landed, (await pipeline.Submissions.FindCountedAsync(Year, commune, CancellationToken.None))!.Key);
        Assert.Equal(30, (await pipeline.Summaries.CommuneAsync(Year, "33", commune, CancellationToken.None))!.Tally.Households);
    }

    [Fact]
    public async Task A_file_accepted_before_the_lock_and_scored_after_it_does_not_count()
    {
        var commune = PipelineUnderTest.CommuneOf("33", 2);
        var (counted, _) = await pipeline.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 40, seed: 5));
        var accepted = await pipeline.Intake.ReceiveAsync(PipelineUnderTest.Year, commune, new MemoryStream(PipelineUnderTest.Survey(commune, 20, seed: 6)), null, CancellationToken.None);
        await pipeline.Submissions.SetLockAsync(Year, Unit(commune), Decision, CancellationToken.None);

        Assert.Equal(ProcessingResult.Scored, await pipeline.Processor.ProcessStoredAsync(accepted.Submission!.Key, CancellationToken.None));

        Assert.Equal(counted, (await pipeline.Submissions.FindCountedAsync(Year, commune, CancellationToken.None))!.Key);
    }

    [Fact]
    public async Task Setting_a_lock_creates_the_state_of_a_commune_without_uploads_and_setting_it_again_changes_nothing()
    {
        var commune = PipelineUnderTest.CommuneOf("33", 3);

        var locked = await pipeline.Submissions.SetLockAsync(Year, Unit(commune), Decision, CancellationToken.None);
        var again = await pipeline.Submissions.SetLockAsync(Year, Unit(commune), Decision with { At = DateTimeOffset.UtcNow }, CancellationToken.None);

        Assert.Equal(Decision, locked.Lock);
        Assert.Equal(Decision, again.Lock);
        Assert.Equal("33", (await pipeline.Submissions.FindStateAsync(Year, commune, CancellationToken.None))!.ProvinceCode);
        Assert.Null((await pipeline.Submissions.SetLockAsync(Year, Unit(commune), null, CancellationToken.None)).Lock);
        Assert.Null((await pipeline.Submissions.FindStateAsync(Year, commune, CancellationToken.None))!.Lock);
    }
}
