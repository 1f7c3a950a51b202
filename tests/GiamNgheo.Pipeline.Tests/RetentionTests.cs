using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Retention;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Testing;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Raw uploads and built workbooks are deleted after their retention period; results stay, and a current workbook
/// that was deleted is built again when asked for.</summary>
/// <remarks>Its own fixture: a sweep deletes every expired blob of the account, whichever test wrote it.</remarks>
public sealed class RetentionTests(ExportJobsUnderTest exports) : IClassFixture<ExportJobsUnderTest>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_sweep_deletes_exports_after_their_period_and_raw_uploads_after_theirs_and_results_stay()
    {
        const string province = "24";
        var commune = PipelineUnderTest.CommuneOf(province, 0);
        var (key, _) = await exports.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, 20, seed: 1));
        var requested = await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None);
        await exports.FinishedAsync(requested.Build);
        var policy = RetentionPolicy.Default;
        var clock = new ShiftedClock();

        var now = await new RetentionSweeper(exports.Storage, policy, clock).SweepAsync(None);
        clock.Set(DateTimeOffset.UtcNow.AddDays(policy.ExportDays + 1));
        var afterExportPeriod = await new RetentionSweeper(exports.Storage, policy, clock).SweepAsync(None);
        var rawKept = await exports.Storage.Surveys.GetBlobClient(key.BlobName).ExistsAsync();
        clock.Set(DateTimeOffset.UtcNow.AddDays(policy.RawUploadDays + 1));
        var afterRawPeriod = await new RetentionSweeper(exports.Storage, policy, clock).SweepAsync(None);

        Assert.Equal(new RetentionSweepResult(0, 0), now);
        Assert.Equal(0, afterExportPeriod.RawUploads);
        // The workbook and its manifest at least (the class's other test may have left its own).
        Assert.True(afterExportPeriod.ExportFiles >= 2, $"{afterExportPeriod.ExportFiles} export files deleted");
        Assert.Empty(await exports.ExportBlobsAsync(""));
        Assert.True(rawKept.Value);
        Assert.True(afterRawPeriod.RawUploads >= 1, $"{afterRawPeriod.RawUploads} raw uploads deleted");
        Assert.False((await exports.Storage.Surveys.GetBlobClient(key.BlobName).ExistsAsync()).Value);
        Assert.Equal(SubmissionStatus.Scored, (await exports.Submissions.FindAsync(key, None))!.Status);
        Assert.Equal(20, await exports.Households.AllAsync(key, HouseholdView.WithoutHeadName, None).CountAsync());
    }

    [Fact]
    public async Task A_current_workbook_deleted_by_retention_is_built_again_on_the_next_request()
    {
        const string province = "31";
        await exports.ScoreTinyCommunesAsync(province, 2, householdsEach: 15, seed: 2);
        var first = await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None);
        await exports.FinishedAsync(first.Build);
        Assert.IsType<ExportReady>(await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None));
        foreach (var name in await exports.ExportBlobsAsync($"2025/{province}/"))
            await exports.Storage.Exports.DeleteBlobAsync(name);

        var again = await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None);

        Assert.IsType<ExportBuilding>(again);
        Assert.Equal(first.Build, again.Build);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        ExportState? state;
        while ((state = await exports.Jobs.StatusAsync(again.Build, exports.Durable, None)) is not ExportReady)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still {state?.GetType().Name} after 60 s.");
            await Task.Delay(100);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await exports.FinishedAsync(again.Build)).RuntimeStatus);
    }
}
