using GiamNgheo.Pipeline.Reports;
using static GiamNgheo.Pipeline.Tests.Reports.ReportHouseholds;

namespace GiamNgheo.Pipeline.Tests.Reports;

/// <summary>The chi-tieu report measures plan targets against the start and end of the period, with the plan's own denominators.</summary>
public sealed class TargetCalculatorTests
{
    // Đắk Tờ Re 2024 (seed 002): 38 fewer poor households "tỷ lệ giảm là 2,75%", 78 fewer near-poor "5,64%", of 1,382 households.
    private static readonly ReportPlan DakToRe = new("dak-to-re-2024", "Kế hoạch giảm nghèo xã Đắk Tờ Re năm 2024",
    [
        new("giam-ho-ngheo", "Số hộ nghèo giảm trong năm là 38 hộ nghèo", TargetMeasures.PoorHouseholdsReduced, 38, "ho", null),
        new("giam-ty-le-ho-ngheo", "Tỷ lệ hộ nghèo giảm 2,75%", TargetMeasures.PoorRateReduction, 2.75m, "diem-phan-tram", 1382),
        new("giam-ho-can-ngheo", "Giảm 78 hộ cận nghèo", TargetMeasures.NearPoorHouseholdsReduced, 78, "ho", null),
        new("giam-ty-le-ho-can-ngheo", "Tỷ lệ hộ cận nghèo giảm 5,64%", TargetMeasures.NearPoorRateReduction, 5.64m, "diem-phan-tram", 1382),
    ]);

    [Fact]
    public void Dak_To_Re_reaching_its_plan_shows_38_households_as_2_75_points_of_its_1382()
    {
        var start = new StartOfPeriod(UnitReports.StartOfPeriodSource, 2023, 1382, 250, 300);
        var report = Fold(start, totalHouseholds: 1390, poor: 212, nearPoor: 222, plans: DakToRe);

        var targets = report.Plans.Single().Targets.ToDictionary(t => t.Id);
        Assert.Equal((38m, 0m, true), (targets["giam-ho-ngheo"].Actual, targets["giam-ho-ngheo"].Gap, targets["giam-ho-ngheo"].Met));
        // 100 × 38 / 1,382 = 2.7496… → 2.75, over the plan's base, not the 1,390 households counted at the end.
        Assert.Equal((2.75m, 0m, true, 1382m), (targets["giam-ty-le-ho-ngheo"].Actual, targets["giam-ty-le-ho-ngheo"].Gap, targets["giam-ty-le-ho-ngheo"].Met, targets["giam-ty-le-ho-ngheo"].Base));
        Assert.Equal(78m, targets["giam-ho-can-ngheo"].Actual);
        // 100 × 78 / 1,382 = 5.6440… → 5.64.
        Assert.Equal((5.64m, true), (targets["giam-ty-le-ho-can-ngheo"].Actual, targets["giam-ty-le-ho-can-ngheo"].Met));
    }

    [Fact]
    public void A_reduction_short_of_the_plan_is_not_met_and_its_gap_is_negative()
    {
        var start = new StartOfPeriod(UnitReports.StartOfPeriodSource, 2023, 1382, 250, 300);
        var report = Fold(start, totalHouseholds: 1382, poor: 220, nearPoor: 300, plans: DakToRe);

        var targets = report.Plans.Single().Targets.ToDictionary(t => t.Id);
        Assert.Equal((30m, -8m, false), (targets["giam-ho-ngheo"].Actual, targets["giam-ho-ngheo"].Gap, targets["giam-ho-ngheo"].Met));
        // 100 × 30 / 1,382 = 2.1707… → 2.17; 2.17 − 2.75 = −0.58.
        Assert.Equal((2.17m, -0.58m, false), (targets["giam-ty-le-ho-ngheo"].Actual, targets["giam-ty-le-ho-ngheo"].Gap, targets["giam-ty-le-ho-ngheo"].Met));
        Assert.Equal((0m, false), (targets["giam-ho-can-ngheo"].Actual, targets["giam-ho-can-ngheo"].Met));
    }

    [Fact]
    public void Without_a_base_a_rate_reduction_is_the_start_rate_minus_the_end_rate_each_over_its_own_households()
    {
        var plan = new ReportPlan("p", "Kế hoạch", [new("giam", "Giảm 1,5 điểm", TargetMeasures.PoorRateReduction, 1.5m, "diem-phan-tram", null)]);
        var start = new StartOfPeriod(UnitReports.StartOfPeriodSource, 2022, 2000, 100, 0);

        var result = Fold(start, totalHouseholds: 2500, poor: 90, nearPoor: 0, plans: plan).Plans.Single().Targets.Single();

        // 100 × 100 / 2,000 − 100 × 90 / 2,500 = 5 − 3.6 = 1.4 points, though only 10 households (0.5 % of 2,000) left.
        Assert.Equal((1.4m, -0.1m, false, (decimal?)null), (result.Actual, result.Gap, result.Met, result.Base));
    }

    [Fact]
    public void Thanh_Liem_counts_its_poor_rate_without_the_households_of_a_nguoi_co_cong_member()
    {
        // Thanh Liêm end of 2020 (seed 001): 700 poor households not counting 31 with a người có công member = 1.64 %; 1,357
        // near-poor = 3.18 %; both over the district's households (42,673 gives both rates). Its 2021 target is 1.49 %.
        var plan = new ReportPlan("thanh-liem-2021", "Kế hoạch Thanh Liêm 2021",
            [new("ty-le-ho-ngheo-cuoi-nam", "Tỷ lệ hộ nghèo còn 1,49%", TargetMeasures.PoorRateExcludingNguoiCoCong, 1.49m, "%", null)]);
        var calculator = new TargetCalculator(2021, "351", 42_673, start: null);
        for (var i = 0; i < 731; i++)
            calculator.Add(Household("ngheo", 3, ["viec_lam", "bhyt", "nha_tieu"]) with { MeritFamily = i < 31 });
        for (var i = 0; i < 1357; i++)
            calculator.Add(Household("can_ngheo", 3, ["viec_lam"]) with { MeritFamily = false });

        var report = calculator.Build([plan]);

        Assert.Equal((731L, 31L, 0L), (report.End.PoorHouseholds, report.End.PoorWithNguoiCoCong, report.End.PoorNguoiCoCongUnknown));
        var result = report.Plans.Single().Targets.Single();
        // 100 × 700 / 42,673 = 1.6404… → 1.64: the 1.64 % the plan starts from, 0.15 points above its 1.49 % target.
        Assert.Equal((1.64m, 0.15m, false, 42_673m), (result.Actual, result.Gap, result.Met, result.Base));
    }

    [Fact]
    public void An_end_of_year_rate_at_or_under_its_target_is_met()
    {
        var plan = new ReportPlan("p", "Kế hoạch", [new("ty-le", "Tỷ lệ hộ nghèo còn 10%", TargetMeasures.PoorRate, 10m, "%", null)]);

        var result = Fold(null, totalHouseholds: 100, poor: 10, nearPoor: 0, plans: plan).Plans.Single().Targets.Single();

        Assert.Equal((10m, 0m, true), (result.Actual, result.Gap, result.Met));
    }

    [Fact]
    public void A_household_whose_survey_left_nguoi_co_cong_blank_is_counted_as_without_one_and_reported()
    {
        var calculator = new TargetCalculator(2021, "351", 100, start: null);
        calculator.Add(Household("ngheo", 2, ["viec_lam", "bhyt", "nha_tieu"]) with { MeritFamily = null });
        calculator.Add(Household("ngheo", 2, ["viec_lam", "bhyt", "nha_tieu"]) with { MeritFamily = true });
        var plan = new ReportPlan("p", "Kế hoạch", [new("t", "Tỷ lệ", TargetMeasures.PoorRateExcludingNguoiCoCong, 1m, "%", null)]);

        var report = calculator.Build([plan]);

        Assert.Equal((1L, 1L), (report.End.PoorWithNguoiCoCong, report.End.PoorNguoiCoCongUnknown));
        Assert.Equal(1m, report.Plans.Single().Targets.Single().Actual);
    }

    [Fact]
    public void Without_a_start_of_period_only_the_changes_have_no_actual_and_say_why()
    {
        var plan = DakToRe with { Targets = [.. DakToRe.Targets, new("ty-le", "Tỷ lệ hộ cận nghèo", TargetMeasures.NearPoorRate, 20m, "%", 1382)] };

        var targets = Fold(null, totalHouseholds: 1382, poor: 200, nearPoor: 276, plans: plan).Plans.Single().Targets;

        Assert.All(targets.Take(4), t =>
        {
            Assert.Null(t.Actual);
            Assert.Null(t.Gap);
            Assert.Null(t.Met);
            Assert.Contains("2023", t.Note, StringComparison.Ordinal);
        });
        // 100 × 276 / 1,382 = 19.971… → 19.97.
        Assert.Equal((19.97m, true, (string?)null), (targets[4].Actual, targets[4].Met, targets[4].Note));
    }

    [Fact]
    public void A_target_the_review_cannot_measure_is_listed_without_an_actual()
    {
        var plan = new ReportPlan("p", "Kế hoạch", [new("bhyt", "100% người thuộc hộ nghèo có thẻ BHYT", "ty-le-tham-gia-bhyt", 100, "%", null)]);

        var result = Fold(new StartOfPeriod(UnitReports.StartOfPeriodSource, 2023, 10, 1, 1), 10, 1, 1, plan).Plans.Single().Targets.Single();

        Assert.Equal(("bhyt", 100m, (decimal?)null, (bool?)null), (result.Id, result.Target, result.Actual, result.Met));
        Assert.NotNull(result.Note);
    }

    [Fact]
    public void A_known_measure_in_another_unit_is_not_measured_rather_than_compared_across_units()
    {
        var plan = new ReportPlan("p", "Kế hoạch", [new("giam", "Giảm 38 hộ", TargetMeasures.PoorHouseholdsReduced, 38, "%", null)]);

        var result = Fold(new StartOfPeriod(UnitReports.StartOfPeriodSource, 2023, 10, 5, 1), 10, 1, 1, plan).Plans.Single().Targets.Single();

        Assert.Null(result.Actual);
    }

    [Fact]
    public void A_plan_without_targets_is_listed_with_none_and_plans_come_in_id_order()
    {
        var report = Fold(null, 10, 1, 1, new ReportPlan("z-ke-hoach", "Z", []), new ReportPlan("a-ke-hoach", "A", []));

        Assert.Equal(["a-ke-hoach", "z-ke-hoach"], report.Plans.Select(p => p.Id));
        Assert.All(report.Plans, p => Assert.Empty(p.Targets));
    }

    [Fact]
    public void A_rate_over_no_households_has_no_actual()
    {
        var plan = new ReportPlan("p", "Kế hoạch", [new("ty-le", "Tỷ lệ hộ nghèo", TargetMeasures.PoorRate, 5m, "%", null)]);

        var result = Fold(null, totalHouseholds: 0, poor: 0, nearPoor: 0, plans: plan).Plans.Single().Targets.Single();

        Assert.Null(result.Actual);
        Assert.NotNull(result.Note);
    }

    private static TargetReport Fold(StartOfPeriod? start, long totalHouseholds, int poor, int nearPoor, params ReportPlan[] plans)
    {
        var calculator = new TargetCalculator(2024, "23494", totalHouseholds, start);
        for (var i = 0; i < poor; i++)
            calculator.Add(Household("ngheo", 4, ["viec_lam", "bhyt", "nha_tieu"]) with { MeritFamily = false });
        for (var i = 0; i < nearPoor; i++)
            calculator.Add(Household("can_ngheo", 4, ["viec_lam"]) with { MeritFamily = false });
        calculator.Add(Household("khong_ngheo", 4, []));
        return calculator.Build(plans);
    }
}
