using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.Scoring;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Province workbooks as a durable job: the orchestration runs for real (in-memory Durable Task host), storage is Azurite.</summary>
/// <remarks>Each test uses its own province, so the tests share one Azurite and one host.</remarks>
public sealed class ProvinceExportJobsTests(ExportJobsUnderTest exports) : IClassFixture<ExportJobsUnderTest>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Ten_concurrent_requests_for_a_stale_province_start_exactly_one_build()
    {
        const string province = "01";
        var communes = await exports.ScoreTinyCommunesAsync(province, 3, householdsEach: 15, seed: 1);
        var old = await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await exports.FinishedAsync(old.Build)).RuntimeStatus);
        Assert.IsType<ExportReady>(await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None));
        // A commune counts a new file: the workbook is stale.
        Assert.Equal(ProcessingResult.Scored, (await exports.UploadAndScoreAsync(communes[1], PipelineUnderTest.Survey(communes[1], 16, seed: 2))).Result);

        var client = new CountingDurableClient(exports.Durable);
        var states = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, client, None))));

        var build = states[0].Build;
        Assert.NotEqual(old.Build, build);
        Assert.All(states, s => Assert.Equal(build, s.Build));
        Assert.All(states, s => Assert.True(s is ExportBuilding or ExportReady, $"{s.GetType().Name} answered"));
        Assert.Equal(1, client.Schedules);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await exports.FinishedAsync(build)).RuntimeStatus);
        Assert.Equal(new HashSet<string> { old.Build.ManifestBlobName, build.ManifestBlobName }, (await exports.ManifestsAsync(province)).ToHashSet());
        Assert.Equal(new HashSet<string> { old.Build.InstanceId, build.InstanceId }, (await exports.InstancesAsync(province)).Select(i => i.InstanceId).ToHashSet());
        var ready = Assert.IsType<ExportReady>(await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, client, None));
        Assert.Equal(build, ready.Build);
        Assert.Equal(1, client.Schedules);
    }

    [Fact]
    public async Task The_finished_workbook_has_every_counted_household_once_and_unit_totals_equal_the_summaries()
    {
        const string province = "04";
        var communes = Enumerable.Range(0, 3).Select(i => PipelineUnderTest.CommuneOf(province, i)).ToList();
        // The first commune's earlier file is replaced by a later one: only the later one's households belong in the workbook.
        foreach (var (commune, households, seed) in new[] { (communes[0], 90, 1), (communes[0], 70, 2), (communes[1], 110, 3), (communes[2], 60, 4) })
            Assert.Equal(ProcessingResult.Scored, (await exports.UploadAndScoreAsync(commune, PipelineUnderTest.Survey(commune, households, seed))).Result);

        var requested = await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None);
        var finished = await exports.FinishedAsync(requested.Build);
        var ready = Assert.IsType<ExportReady>(await exports.Jobs.StatusAsync(requested.Build, exports.Durable, None));
        var book = await WorkbookReading.ReadAsync(ready.Workbook);

        Assert.Equal(["HoGiaDinh"], book.Tables["ho_gia_dinh"]);
        Assert.Equal(["DonVi"], book.Tables["don_vi"]);
        Assert.Equal(["ThieuHut"], book.Tables["thieu_hut"]);
        var total = 0;
        foreach (var commune in communes)
        {
            var counted = (await exports.Submissions.FindCountedAsync(2025, commune, None))!;
            var stored = await exports.Households.AllAsync(counted.Key, HouseholdView.WithoutHeadName, None).ToListAsync();
            var rows = book.Households.Where(r => r["ma_xa"] == commune).ToList();
            Assert.All(rows, r => Assert.Equal(counted.Key.Id, r["ma_nop"]));
            Assert.Equal(stored.Select(h => (exports.Pseudonymiser.Pseudonymise(commune, h.HouseholdId), h.Class)).Order(), rows.Select(r => (r["ma_ho_an_danh"], r["phan_loai"])).Order());
            Assert.Equal(counted.HouseholdsScored, rows.Count);
            total += rows.Count;
        }

        Assert.Equal(70 + 110 + 60, total);
        Assert.Equal(total, book.Households.Count);
        Assert.Equal(total, finished.ReadOutputAs<ExportBuildResult>()!.Households);

        await exports.Summaries.RefreshProvinceAsync(2025, province, None);
        var units = new Dictionary<string, UnitSummary>
        {
            [province] = UnitSummary.FromEntity((await exports.Storage.Summaries.GetEntityAsync<Azure.Data.Tables.TableEntity>(UnitSummary.PartitionOf(2025, province), SummaryStore.ProvinceRowKey)).Value, PipelineUnderTest.Standards.Indicators),
        };
        foreach (var commune in await exports.Summaries.CommunesAsync(2025, province, None))
            units[commune.UnitCode] = commune;

        Assert.Equal(units.Keys.Order(), book.Units.Select(r => r["ma_don_vi"]).Order());
        foreach (var row in book.Units)
        {
            var unit = units[row["ma_don_vi"]];
            Assert.Equal(UnitSummary.LevelCode(unit.Level), row["cap"]);
            Assert.Equal(unit.TotalHouseholds, WorkbookReading.Number(row, "tong_so_ho"));
            Assert.Equal(unit.TotalPersons, WorkbookReading.Number(row, "tong_so_nhan_khau"));
            Assert.Equal(unit.CommunesReported, WorkbookReading.Number(row, "so_xa_bao_cao"));
            foreach (var c in HouseholdClasses.All)
            {
                Assert.Equal(unit.Tally.HouseholdsOf(c), WorkbookReading.Number(row, "ho_" + c.Code()));
                Assert.Equal(unit.Tally.PersonsOf(c), WorkbookReading.Number(row, "nhan_khau_" + c.Code()));
            }
        }

        var provinceRow = book.Units.Single(r => r["cap"] == "tinh");
        Assert.Equal(3, WorkbookReading.Number(provinceRow, "so_xa_bao_cao"));
        Assert.Equal(total, HouseholdClasses.All.Sum(c => WorkbookReading.Number(provinceRow, "ho_" + c.Code())));

        var classes = HouseholdClasses.All.ToDictionary(c => c.Code());
        var indicators = PipelineUnderTest.Standards.Indicators;
        Assert.Equal(units.Count * 2 * indicators.All.Count, book.Deprivations.Count);
        Assert.Contains(book.Deprivations, r => r["cap"] == "tinh" && r["phan_loai"] == HouseholdClass.Poor.Code() && WorkbookReading.Number(r, "so_ho") > 0);
        foreach (var row in book.Deprivations)
            Assert.Equal(units[row["ma_don_vi"]].Tally.DeprivedAmong(classes[row["phan_loai"]], indicators.Get(row["chi_so"])), WorkbookReading.Number(row, "so_ho"));
    }

    [Fact]
    public async Task A_terminated_build_is_reported_failed_and_the_next_request_builds_it_again()
    {
        const string province = "15";
        await exports.ScoreTinyCommunesAsync(province, 2, householdsEach: 10, seed: 4);
        var build = (await exports.ManifestNowAsync(province)).Build;
        var hold = exports.Gate.Arm(ExportJobsUnderTest.ExtractPath(build));

        Assert.IsType<ExportBuilding>(await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, exports.Durable, None));
        await hold.Entered.WaitAsync(TimeSpan.FromMinutes(2));
        await exports.Durable.TerminateInstanceAsync(build.InstanceId, "stopped by the test", None);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await exports.FinishedAsync(build)).RuntimeStatus);
        hold.Release();

        Assert.IsType<ExportFailed>(await exports.Jobs.StatusAsync(build, exports.Durable, None));
        // Looking does not restart it; asking for the workbook does.
        Assert.IsType<ExportFailed>(await exports.Jobs.StatusAsync(build, exports.Durable, None));
        var client = new CountingDurableClient(exports.Durable);
        Assert.IsType<ExportBuilding>(await exports.Jobs.RequestAsync(PipelineUnderTest.Year, province, client, None));

        Assert.Equal(1, client.Schedules);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await exports.FinishedAsync(build)).RuntimeStatus);
        var ready = Assert.IsType<ExportReady>(await exports.Jobs.StatusAsync(build, exports.Durable, None));
        Assert.Equal(20, (await WorkbookReading.ReadAsync(ready.Workbook)).Households.Count);
        Assert.Equal([build.ManifestBlobName], await exports.ManifestsAsync(province));
    }

    [Fact]
    public async Task A_manifest_whose_claimer_never_started_the_build_is_taken_over_after_the_claim_timeout()
    {
        const string province = "24";
        await exports.ScoreTinyCommunesAsync(province, 2, householdsEach: 10, seed: 6);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var jobs = exports.JobsWith(clock);
        // The request that claims the build stores its manifest and dies before the orchestration starts.
        var dying = new CountingDurableClient(exports.Durable) { CrashOnSchedule = true };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => jobs.RequestAsync(PipelineUnderTest.Year, province, dying, None));
        var build = (await exports.ManifestNowAsync(province)).Build;
        Assert.Equal([build.ManifestBlobName], await exports.ManifestsAsync(province));

        var client = new CountingDurableClient(exports.Durable);
        clock.Advance(ProvinceExportJobs.ClaimTimeout - TimeSpan.FromSeconds(1));
        Assert.IsType<ExportBuilding>(await jobs.StatusAsync(build, client, None));
        Assert.IsType<ExportBuilding>(await jobs.RequestAsync(PipelineUnderTest.Year, province, client, None));
        Assert.Equal(0, client.Schedules);
        Assert.Null(await exports.Durable.GetInstanceAsync(build.InstanceId, None));

        clock.Advance(TimeSpan.FromSeconds(2));
        var states = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => jobs.StatusAsync(build, client, None))));

        Assert.All(states, s => Assert.True(s is ExportBuilding or ExportReady, $"{s?.GetType().Name} answered"));
        Assert.Equal(1, client.Schedules);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await exports.FinishedAsync(build)).RuntimeStatus);
        Assert.IsType<ExportReady>(await jobs.StatusAsync(build, client, None));
    }

    [Fact]
    public async Task A_build_nobody_requested_has_no_status()
    {
        var unknown = new ExportBuildId(2025, "25", new string('a', 32));

        Assert.Null(await exports.Jobs.StatusAsync(unknown, exports.Durable, None));
    }
}
