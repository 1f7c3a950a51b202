using GiamNgheo.Pipeline.Exports;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>A build whose activity keeps failing ends failed and says why.</summary>
/// <remarks>Its own class (and host) so the orchestration's retry back-off (about 30 s) overlaps the other tests.</remarks>
public sealed class FailedExportBuildTests(ExportJobsUnderTest exports) : IClassFixture<ExportJobsUnderTest>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_build_that_finds_the_households_of_a_counted_submission_missing_ends_failed_with_the_reason()
    {
        const string province = "19";
        var communes = await exports.ScoreTinyCommunesAsync(province, 2, householdsEach: 10, seed: 5);
        var counted = await exports.Submissions.FindCountedAsync(2025, communes[1], None);
        await exports.Households.DeleteAsync(counted!.Key, None);

        var requested = await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await exports.FinishedAsync(requested.Build)).RuntimeStatus);

        var failed = Assert.IsType<ExportFailed>(await exports.Jobs.StatusAsync(requested.Build, exports.Durable, None));
        Assert.Contains(counted.Key.Id, failed.Reason, StringComparison.Ordinal);
        Assert.False(await exports.Storage.Exports.GetBlobClient(requested.Build.WorkbookBlobName).ExistsAsync());
    }
}
