using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reporting;
using Microsoft.Extensions.Time.Testing;

namespace GiamNgheo.Workflows.Tests.Storage;

/// <summary>The reporting-timeliness fact of the Power BI model: every period × reporter of the province's published plans.</summary>
public sealed class PlanTimelinessSourceTests(WorkflowsOnAzurite azurite) : IClassFixture<WorkflowsOnAzurite>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2023, 6, 10, 16, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Published_plans_of_the_province_and_its_communes_give_one_row_per_period_and_reporter_with_their_status()
    {
        var plans = new PlanStore(azurite.Storage, _clock);
        var reports = new PeriodReportStore(azurite.Storage, _clock);
        var on = new DateOnly(2023, 9, 1);
        var commune = AdminUnitCatalog.Default.CommunesOf("02", on)[0].Code;
        var otherProvince = AdminUnitCatalog.Default.CommunesOf("04", on)[0].Code;
        var province = Plan2023("02");
        var ofCommune = Plan2023(commune);
        await plans.CreateAsync(province, default);
        await plans.PublishAsync(province.Id, default);
        await plans.CreateAsync(ofCommune, default);
        await plans.PublishAsync(ofCommune.Id, default);
        await plans.CreateAsync(Plan2023("02"), default);
        var elsewhere = Plan2023(otherProvince);
        await plans.CreateAsync(elsewhere, default);
        await plans.PublishAsync(elsewhere.Id, default);
        await reports.MarkReceivedAsync(province.Id, "6-thang", "so-y-te", "chu-tri", default);
        _clock.Advance(TimeSpan.FromDays(1));
        await reports.MarkReceivedAsync(province.Id, "6-thang", "so-gd-dt", "chu-tri", default);

        var rows = await new PlanTimelinessSource(plans, reports, AdminUnitCatalog.Default).ReadAsync(2023, "02", default);

        Assert.Equal(2 * 2 * 2, rows.Count);
        Assert.Equal(new HashSet<string> { province.Id, ofCommune.Id }, rows.Select(r => r.PlanId).ToHashSet());
        var ofProvince = rows.Where(r => r.PlanId == province.Id).ToDictionary(r => (r.PeriodId, r.ReporterId));
        Assert.Equal("dung-han", ofProvince[("6-thang", "so-y-te")].Status);
        Assert.Equal("tre-han", ofProvince[("6-thang", "so-gd-dt")].Status);
        Assert.Equal(_clock.GetUtcNow(), ofProvince[("6-thang", "so-gd-dt")].SubmittedAt);
        Assert.Equal("chua-nop", ofProvince[("nam", "so-y-te")].Status);
        Assert.False(ofProvince[("nam", "so-gd-dt")].Expected);
        Assert.True(ofProvince[("6-thang", "so-gd-dt")].Expected);
    }

    private static ReportingPlan Plan2023(string unitCode) => WorkflowsOnAzurite.Plan() with
    {
        Year = 2023,
        UnitCode = unitCode,
        Reporters =
        [
            new PlanReporter("so-y-te", "Sở Y tế", "soyte@example.invalid"),
            new PlanReporter("so-gd-dt", "Sở Giáo dục và Đào tạo", "sogd@example.invalid", ActiveUntil: new DateOnly(2023, 6, 30)),
        ],
        Periods = [new PlanPeriod("6-thang", "6 tháng đầu năm", new DateOnly(2023, 6, 10)), new PlanPeriod("nam", "Cả năm", new DateOnly(2023, 11, 15))],
    };
}
