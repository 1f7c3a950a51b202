using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Rules.Tests.Scoring;

/// <summary>Builds households for tests with readable defaults: rural, four people, nothing declared.</summary>
internal static class Households
{
    public static StandardCatalog Catalog => StandardCatalog.Default;

    public static HouseholdFacts Make(
        decimal? income = null,
        decimal? b1 = null,
        AreaType area = AreaType.Rural,
        int size = 4,
        string[]? deprived = null,
        string[]? notDeprived = null,
        bool? agriculture = null,
        decimal? floorArea = null,
        MemberFacts? members = null)
    {
        ulong given = 0, flags = 0;
        foreach (var key in deprived ?? [])
        {
            var bit = 1UL << Catalog.Indicators.Get(key).Index;
            given |= bit;
            flags |= bit;
        }

        foreach (var key in notDeprived ?? [])
            given |= 1UL << Catalog.Indicators.Get(key).Index;

        return new HouseholdFacts
        {
            HouseholdId = "H001",
            Area = area,
            Size = size,
            IncomePerCapita = income,
            B1Points = b1,
            FlagsGiven = given,
            FlagsDeprived = flags,
            AgricultureHousehold = agriculture,
            FloorAreaM2 = floorArea,
            Members = members,
        };
    }

    /// <summary>The first <paramref name="count"/> indicators of the 2022–2026 list, as deprived flags.</summary>
    public static string[] FirstIndicators(int count) =>
        [.. Catalog.NationalFor(2024)!.Indicators.Take(count).Select(i => i.Key)];

    public static HouseholdScorer Scorer(int year, string province = "01") =>
        HouseholdScorer.For(Catalog, year, province) ?? throw new InvalidOperationException($"No standard for {year}.");

    public static ScoredHousehold Score(int year, HouseholdFacts household, string province = "01")
    {
        var scorer = Scorer(year, province);
        Assert.True(scorer.TryScore(household, out var result, out var error), error?.Message);
        return result!;
    }

    public static MemberFacts Members(HouseholdScorer scorer, params MemberRecord[] members)
    {
        var facts = scorer.NewMemberFacts();
        foreach (var member in members)
            scorer.AddMember(facts, member);
        return facts;
    }

    public static MemberRecord Member(int age, bool? insured = true, bool? inSchool = null, bool? ableToWork = true,
        EmploymentStatus? employment = EmploymentStatus.Employed, bool? allowance = false, bool? malnourished = false,
        string? relationship = null, int ordinal = 1) =>
        new(relationship, ordinal, age, insured, inSchool ?? (age is >= 3 and < 16 ? true : null), ableToWork, employment, allowance, malnourished);
}
