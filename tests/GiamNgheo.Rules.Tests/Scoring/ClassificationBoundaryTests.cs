using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using static GiamNgheo.Rules.Tests.Scoring.Households;

namespace GiamNgheo.Rules.Tests.Scoring;

/// <summary>Boundaries of the classification rule, taken from the rule book (§2.1, §3.1, §5, §9.3).</summary>
public class ClassificationBoundaryTests
{
    public static TheoryData<int, AreaType, long, int, bool, HouseholdClass> IncomeCases => new()
    {
        // Decree 07/2021 Art. 3: "từ 1.500.000 đồng trở xuống" is inclusive.
        { 2024, AreaType.Rural, 1_500_000, 3, false, HouseholdClass.Poor },
        { 2024, AreaType.Rural, 1_500_000, 2, false, HouseholdClass.NearPoor },
        { 2024, AreaType.Rural, 1_500_001, 12, false, HouseholdClass.NotPoor },
        { 2024, AreaType.Rural, 0, 0, false, HouseholdClass.NearPoor },
        { 2024, AreaType.Urban, 2_000_000, 3, false, HouseholdClass.Poor },
        { 2024, AreaType.Urban, 2_000_000, 2, false, HouseholdClass.NearPoor },
        { 2024, AreaType.Urban, 2_000_001, 3, false, HouseholdClass.NotPoor },
        { 2024, AreaType.Rural, 1_800_000, 3, false, HouseholdClass.NotPoor },
        { 2024, AreaType.Urban, 1_800_000, 3, false, HouseholdClass.Poor },
        // Middle-living: agriculture households only, band "trên X đến Y" = (X, Y].
        { 2024, AreaType.Rural, 1_500_001, 0, true, HouseholdClass.MiddleLiving },
        { 2024, AreaType.Rural, 2_250_000, 5, true, HouseholdClass.MiddleLiving },
        { 2024, AreaType.Rural, 2_250_001, 0, true, HouseholdClass.NotPoor },
        { 2024, AreaType.Rural, 1_500_000, 0, true, HouseholdClass.NearPoor },
        { 2024, AreaType.Rural, 2_000_000, 0, false, HouseholdClass.NotPoor },
        { 2024, AreaType.Urban, 2_000_001, 0, true, HouseholdClass.MiddleLiving },
        { 2024, AreaType.Urban, 3_000_000, 0, true, HouseholdClass.MiddleLiving },
        { 2024, AreaType.Urban, 3_000_001, 0, true, HouseholdClass.NotPoor },
        // 2026 keeps the 2022–2025 standard (Decree 351/2025); 2027 raises the lines.
        { 2026, AreaType.Rural, 1_500_001, 3, false, HouseholdClass.NotPoor },
        { 2027, AreaType.Rural, 1_500_001, 3, false, HouseholdClass.Poor },
        { 2027, AreaType.Rural, 2_200_000, 3, false, HouseholdClass.Poor },
        { 2027, AreaType.Rural, 2_200_000, 2, false, HouseholdClass.NearPoor },
        { 2027, AreaType.Rural, 2_200_001, 3, false, HouseholdClass.NotPoor },
        { 2030, AreaType.Urban, 2_800_000, 3, false, HouseholdClass.Poor },
        { 2030, AreaType.Urban, 2_800_001, 3, false, HouseholdClass.NotPoor },
        { 2026, AreaType.Urban, 2_800_000, 3, false, HouseholdClass.NotPoor },
    };

    [Theory]
    [MemberData(nameof(IncomeCases))]
    public void Classifies_by_income_and_deprivation_count(int year, AreaType area, long income, int deprivations, bool agriculture, HouseholdClass expected)
    {
        var keys = Catalog.NationalFor(year)!.Indicators.Take(deprivations).Select(i => i.Key).ToArray();
        var result = Score(year, Make(income: income, area: area, deprived: keys, agriculture: agriculture));

        Assert.Equal(expected, result.National.Class);
        Assert.Equal(IncomeTestKind.Income, result.National.IncomeTest.Kind);
        Assert.Equal(deprivations, result.National.DeprivationCount);
        Assert.Equal(10 * deprivations, result.National.B2Score);
    }

    [Theory]
    [InlineData(AreaType.Rural, 140, 3, HouseholdClass.Poor)]
    [InlineData(AreaType.Rural, 140, 2, HouseholdClass.NearPoor)]
    [InlineData(AreaType.Rural, 141, 12, HouseholdClass.NotPoor)]
    [InlineData(AreaType.Urban, 175, 3, HouseholdClass.Poor)]
    [InlineData(AreaType.Urban, 176, 3, HouseholdClass.NotPoor)]
    [InlineData(AreaType.Urban, 150, 0, HouseholdClass.NearPoor)]
    [InlineData(AreaType.Rural, 140.5, 3, HouseholdClass.NotPoor)]
    public void Uses_B1_points_when_given_and_defined(AreaType area, double points, int deprivations, HouseholdClass expected)
    {
        var result = Score(2025, Make(b1: (decimal)points, area: area, deprived: FirstIndicators(deprivations)));

        Assert.Equal(expected, result.National.Class);
        Assert.Equal(IncomeTestKind.B1Points, result.National.IncomeTest.Kind);
        Assert.Equal(area == AreaType.Rural ? 140 : 175, result.National.IncomeTest.Threshold);
    }

    [Fact]
    public void B1_points_win_over_income_and_the_disagreement_is_a_warning()
    {
        var result = Score(2024, Make(b1: 150, income: 1_000_000, deprived: FirstIndicators(3)));

        Assert.Equal(HouseholdClass.NotPoor, result.National.Class);
        Assert.Equal(IncomeTestKind.B1Points, result.National.IncomeTest.Kind);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("diem_b1", warning.Column);
    }

    [Fact]
    public void B1_and_income_that_agree_give_no_warning()
    {
        var result = Score(2024, Make(b1: 120, income: 1_000_000));

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Income_is_used_in_2027_even_when_B1_points_are_given()
    {
        var result = Score(2027, Make(b1: 100, income: 2_300_000));

        Assert.Equal(IncomeTestKind.Income, result.National.IncomeTest.Kind);
        Assert.Equal(HouseholdClass.NotPoor, result.National.Class);
    }

    [Fact]
    public void Only_B1_points_in_a_year_without_a_B1_threshold_cannot_be_decided()
    {
        var scorer = Scorer(2027);

        Assert.False(scorer.TryScore(Make(b1: 100), out var result, out var error));
        Assert.Null(result);
        Assert.Equal("thu_nhap_binh_quan", error!.Column);
        Assert.Contains("nd-351-2025", error.Message, StringComparison.Ordinal);
        Assert.Contains("điểm B1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_income_nor_B1_cannot_be_decided()
    {
        Assert.False(Scorer(2024).TryScore(Make(), out _, out var error));
        Assert.Contains("thu_nhap_binh_quan", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Agriculture_household_above_the_line_in_2027_is_not_poor_with_a_note_because_the_band_is_unconfirmed()
    {
        var result = Score(2027, Make(income: 2_500_000, agriculture: true));

        Assert.Equal(HouseholdClass.NotPoor, result.National.Class);
        Assert.Contains("chưa quy định mức sống trung bình", result.National.MiddleLivingNote, StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Agriculture_household_scored_by_B1_without_income_cannot_be_middle_living()
    {
        var result = Score(2024, Make(b1: 200, agriculture: true));

        Assert.Equal(HouseholdClass.NotPoor, result.National.Class);
        Assert.Contains("thu nhập", result.National.MiddleLivingNote, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.Column == "thu_nhap_binh_quan");
    }

    [Fact]
    public void Agriculture_household_scored_by_B1_uses_income_for_the_middle_living_band()
    {
        var result = Score(2024, Make(b1: 200, income: 2_000_000, agriculture: true));

        Assert.Equal(HouseholdClass.MiddleLiving, result.National.Class);
    }

    [Fact]
    public void Indicators_outside_the_standard_do_not_count()
    {
        // tiep_can_thong_tin is not in the provisional 2027 list.
        var result = Score(2027, Make(income: 1_000_000, deprived: ["tiep_can_thong_tin", "bhyt", "nha_tieu"]));

        Assert.Equal(2, result.National.DeprivationCount);
        Assert.Equal(HouseholdClass.NearPoor, result.National.Class);
    }
}
