using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using static GiamNgheo.Rules.Tests.Scoring.Households;

namespace GiamNgheo.Rules.Tests.Scoring;

/// <summary>Invariants that hold for every household, whatever its values.</summary>
public class ClassificationPropertyTests
{
    private static readonly int[] Years = [2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];

    [Property(MaxTest = 500)]
    public Property Poor_and_near_poor_are_exactly_the_income_poor_split_at_the_cutoff(PositiveInt incomeSeed, int flagSeed, bool urban, bool agriculture, byte yearIndex)
    {
        var year = Years[yearIndex % Years.Length];
        var standard = Catalog.NationalFor(year)!;
        var income = incomeSeed.Get % 4_000_000;
        var keys = standard.Indicators.Where((_, i) => ((flagSeed >> i) & 1) == 1).Select(i => i.Key).ToArray();
        var result = Score(year, Make(income: income, area: urban ? AreaType.Urban : AreaType.Rural, deprived: keys, agriculture: agriculture)).National;

        var incomePoor = income <= standard.IncomeLine.Value.For(urban ? AreaType.Urban : AreaType.Rural);
        var expectedPoor = incomePoor && keys.Length >= standard.DeprivationCutoff.Value;
        return (result.Class == HouseholdClass.Poor == expectedPoor
                && result.Class is HouseholdClass.Poor or HouseholdClass.NearPoor == incomePoor
                && (result.Class != HouseholdClass.MiddleLiving || agriculture)
                && result.B2Score == 10 * keys.Length
                && result.B2Score % 10 == 0 && result.B2Score <= 120)
            .ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property More_income_never_makes_a_household_poorer(PositiveInt a, PositiveInt b, int flagSeed)
    {
        var keys = Catalog.NationalFor(2024)!.Indicators.Where((_, i) => ((flagSeed >> i) & 1) == 1).Select(i => i.Key).ToArray();
        var (low, high) = a.Get <= b.Get ? (a.Get, b.Get) : (b.Get, a.Get);
        var lowClass = Score(2024, Make(income: low % 3_500_000, deprived: keys)).National.Class;
        var highClass = Score(2024, Make(income: high % 3_500_000 < low % 3_500_000 ? low % 3_500_000 : high % 3_500_000, deprived: keys)).National.Class;

        return (Severity(highClass) <= Severity(lowClass)).ToProperty();
    }

    private static int Severity(HouseholdClass c) => c switch
    {
        HouseholdClass.Poor => 3,
        HouseholdClass.NearPoor => 2,
        _ => 1,
    };
}
