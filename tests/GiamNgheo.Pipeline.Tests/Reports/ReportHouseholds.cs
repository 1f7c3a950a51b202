using GiamNgheo.Pipeline.Households;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Tests.Reports;

/// <summary>Stored household records built by hand for the report calculators.</summary>
internal static class ReportHouseholds
{
    public static PovertyStandard Decree07 { get; } = StandardCatalog.Default.Find("nd-07-2021")!;

    private static int _next;

    public static HouseholdRecord Household(
        string @class,
        int persons,
        string[] deprivations,
        string area = "nong_thon",
        bool? ethnicMinority = false,
        string standard = "nd-07-2021") => new()
        {
            HouseholdId = "H" + Interlocked.Increment(ref _next).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            Class = @class,
            Persons = persons,
            Deprivations = deprivations,
            DeprivationCount = deprivations.Length,
            Area = area,
            EthnicMinority = ethnicMinority,
            Standard = standard,
            IncomeTest = "thu_nhap",
            Explanation = "",
        };
}
