using GiamNgheo.Pipeline.Exports;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>A build longer than one orchestration generation continues as new and still completes.</summary>
/// <remarks>Its own class (and host) so its waits overlap the other tests: the test host runs two activities at a time.</remarks>
public sealed class LargeProvinceExportTests(ExportJobsUnderTest exports) : IClassFixture<ExportJobsUnderTest>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_province_with_more_communes_than_one_generation_extracts_is_still_built_completely()
    {
        const string province = "08";
        var count = ProvinceExportOrchestration.CommunesPerGeneration + 6;
        var communes = await exports.ScoreTinyCommunesAsync(province, count, householdsEach: 1, seed: 3);

        var requested = await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None);
        var finished = await exports.FinishedAsync(requested.Build);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        var ready = Assert.IsType<ExportReady>(await exports.Jobs.StatusAsync(requested.Build, exports.Durable, None));
        var book = await WorkbookReading.ReadAsync(ready.Workbook);
        Assert.Equal(communes.Order(), book.Households.Select(r => r["ma_xa"]).Order());
        Assert.Equal(count, finished.ReadOutputAs<ExportBuildResult>()!.Households);
        Assert.Equal(count, book.Units.Count(r => r["cap"] == "xa"));
    }
}
