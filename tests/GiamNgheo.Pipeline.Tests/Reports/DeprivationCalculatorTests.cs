using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Reports;
using static GiamNgheo.Pipeline.Tests.Reports.ReportHouseholds;

namespace GiamNgheo.Pipeline.Tests.Reports;

/// <summary>The thieu-hut report counts poor and near-poor households deprived in each indicator, as a share of the class.</summary>
public sealed class DeprivationCalculatorTests
{
    [Fact]
    public void Poor_and_near_poor_households_are_counted_per_indicator_with_their_percentage_of_the_class()
    {
        var report = Fold(
            Household("ngheo", 4, ["viec_lam", "bhyt", "nha_tieu"]),
            Household("ngheo", 1, ["viec_lam", "bhyt", "nuoc_sinh_hoat"]),
            Household("ngheo", 7, ["viec_lam", "dinh_duong", "vien_thong", "nha_tieu"]),
            Household("can_ngheo", 2, ["viec_lam"]),
            Household("khong_ngheo", 3, ["viec_lam", "bhyt"]));

        // Poor: 3 households; viec_lam 3/3 = 100 %, bhyt 2/3 = 66.666… → 66.67, nuoc_sinh_hoat 1/3 = 33.333… → 33.33.
        Assert.Equal(3, report.Poor.Households);
        var poor = report.Poor.Indicators.ToDictionary(i => i.Key);
        Assert.Equal((3L, 100m), (poor["viec_lam"].Households, poor["viec_lam"].Percent));
        Assert.Equal((2L, 66.67m), (poor["bhyt"].Households, poor["bhyt"].Percent));
        Assert.Equal((1L, 33.33m), (poor["nuoc_sinh_hoat"].Households, poor["nuoc_sinh_hoat"].Percent));
        Assert.Equal((0L, 0m), (poor["tiep_can_thong_tin"].Households, poor["tiep_can_thong_tin"].Percent));
        // Near-poor: 1 household deprived in viec_lam only; the khong_ngheo household is in neither class.
        Assert.Equal(1, report.NearPoor.Households);
        Assert.Equal(100m, report.NearPoor.Indicators.Single(i => i.Key == "viec_lam").Percent);
        Assert.Equal(0m, report.NearPoor.Indicators.Single(i => i.Key == "bhyt").Percent);
        Assert.Equal(Decree07.Indicators.Select(i => i.Key), report.Poor.Indicators.Select(i => i.Key));
        Assert.Equal("Việc làm", poor["viec_lam"].Name);
    }

    [Fact]
    public void Households_are_the_unit_whatever_their_size()
    {
        var report = Fold(Household("ngheo", 9, ["bhyt", "viec_lam", "nha_tieu"]), Household("ngheo", 1, ["viec_lam", "dinh_duong", "nha_tieu"]));

        Assert.Equal(50m, report.Poor.Indicators.Single(i => i.Key == "bhyt").Percent);
    }

    [Fact]
    public void A_percentage_half_way_rounds_away_from_zero()
    {
        // 1 of 800 households = 0.125 % → 0.13 (banker's rounding would give 0.12).
        var households = Enumerable.Range(0, 800).Select(i => Household("can_ngheo", 1, i == 0 ? ["bhyt"] : [])).ToArray();

        Assert.Equal(0.13m, Fold(households).NearPoor.Indicators.Single(i => i.Key == "bhyt").Percent);
    }

    [Fact]
    public void A_class_without_households_gives_zero_percentages()
    {
        var report = Fold(Household("khong_ngheo", 2, []));

        Assert.Equal(0, report.Poor.Households);
        Assert.All(report.Poor.Indicators.Concat(report.NearPoor.Indicators), i => Assert.Equal((0L, 0m), (i.Households, i.Percent)));
    }

    [Fact]
    public void An_indicator_key_outside_the_standard_is_left_out_and_reported()
    {
        var report = Fold(Household("ngheo", 2, ["viec_lam", "khong_co_trong_chuan", "viec_lam", "khong_co_trong_chuan"]));

        Assert.Equal(new Dictionary<string, long> { ["khong_co_trong_chuan"] = 1 }, report.UnknownIndicators);
        Assert.Equal(1, report.Poor.Indicators.Single(i => i.Key == "viec_lam").Households);
        Assert.Equal(1, report.Poor.Indicators.Sum(i => i.Households));
    }

    [Fact]
    public void A_household_scored_under_another_standard_is_refused() =>
        Assert.Throws<ArgumentException>(() => Fold(Household("khong_ngheo", 1, [], standard: "nd-351-2025")));

    private static DeprivationReport Fold(params HouseholdRecord[] households)
    {
        var calculator = new DeprivationCalculator(2024, Decree07);
        foreach (var household in households)
            calculator.Add(household);
        return calculator.Build();
    }
}
