using GiamNgheo.Pipeline.Households;
using GiamNgheo.Rules.Scoring;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>Percentages as the reports state them: two decimals, rounded half away from zero (as the unit summaries' rates).</summary>
internal static class ReportMath
{
    /// <summary>100 × part / whole; 0 when the whole is empty (a class without households has 0 % of anything).</summary>
    public static decimal Percent(long part, long whole) =>
        whole == 0 ? 0 : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    /// <summary>A rate over the unit's resident households; null when the unit declares none (as <c>UnitSummary.RateOf</c>).</summary>
    public static decimal? Rate(long households, long resident) => resident == 0 ? null : Percent(households, resident);
}

/// <summary>The two classes the group and labour reports are about.</summary>
internal enum ReportClass
{
    Other,
    Poor,
    NearPoor,
}

/// <summary>Which report class a stored household is in.</summary>
internal static class ReportClasses
{
    // Compared with the two codes rather than parsed: the parser enumerates every class, allocating per household.
    public static ReportClass Of(HouseholdRecord household) =>
        string.Equals(household.Class, HouseholdClass.Poor.Code(), StringComparison.Ordinal) ? ReportClass.Poor
        : string.Equals(household.Class, HouseholdClass.NearPoor.Code(), StringComparison.Ordinal) ? ReportClass.NearPoor
        : ReportClass.Other;
}
