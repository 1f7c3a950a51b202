using System.Text.RegularExpressions;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Workflows.Plans;

/// <summary>The limits and allowed values of a reporting plan, shared by the validator, the readers, the form and the docs.</summary>
/// <remarks>The size limits protect the service from hostile or runaway input (a plan is posted by any authorised caller and
/// becomes months of scheduled work); they are far above what a real plan needs: the largest province has about 130
/// communes, and a year has at most a dozen reporting periods.</remarks>
public static partial class PlanRules
{
    /// <summary>Longest id (plan, reporter, supervisor, period, target); ids become storage keys and instance ids.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Longest text of any field (names, titles, labels, addresses).</summary>
    public const int MaxTextLength = 500;

    /// <summary>Most reporters in one plan.</summary>
    public const int MaxReporters = 500;

    /// <summary>Most reporting periods in one plan (a monthly plan has 12).</summary>
    public const int MaxPeriods = 24;

    /// <summary>Most targets in one plan.</summary>
    public const int MaxTargets = 100;

    /// <summary>Largest JSON document accepted, in bytes (1 MiB).</summary>
    public const int MaxDocumentBytes = 1 << 20;

    /// <summary>Most days before or after a deadline a reminder may be sent.</summary>
    public const int MaxReminderDays = 60;

    /// <summary>Most decimal places of a target value: enough for rates in hundredths of a percent, and few enough that the
    /// value survives a trip through an Excel cell (a binary double) unchanged.</summary>
    public const int MaxTargetDecimals = 4;

    /// <summary>Largest absolute target value.</summary>
    public const decimal MaxTargetValue = 1_000_000_000m;

    /// <summary>Last month of the following year a deadline may fall in: a yearly report is often due in January or February
    /// of the next year, and nothing of a year's plan is due later than its first quarter.</summary>
    public const int LastDueMonthOfNextYear = 3;

    /// <summary>The units a target value may be given in, with their Vietnamese meaning.</summary>
    public static IReadOnlyList<(string Code, string Meaning)> TargetUnits { get; } =
    [
        ("%", "phần trăm: một tỷ lệ, từ 0 đến 100 (ví dụ tỷ lệ hộ nghèo cuối năm 1,49 %)"),
        ("diem-phan-tram", "điểm phần trăm: mức tăng hoặc giảm của một tỷ lệ (ví dụ tỷ lệ hộ nghèo giảm 1,5 điểm)"),
        ("ho", "hộ"),
        ("nguoi", "người"),
        ("xa", "xã"),
    ];

    /// <summary>Whether <paramref name="value"/> is a key-safe id: lower-case ASCII letters and digits in groups joined by single dashes.</summary>
    public static bool IsKey(string? value) => value is { Length: > 0 and <= MaxIdLength } && KeyPattern().IsMatch(value);

    /// <summary>Whether <paramref name="code"/> is one of <see cref="TargetUnits"/>.</summary>
    public static bool IsTargetUnit(string? code) => TargetUnits.Any(u => u.Code == code);

    /// <summary>First day a deadline of a plan for <paramref name="year"/> may fall on.</summary>
    public static DateOnly FirstDue(int year) => new(year, 1, 1);

    /// <summary>Last day a deadline of a plan for <paramref name="year"/> may fall on: 31 March of the next year.</summary>
    public static DateOnly LastDue(int year) => new DateOnly(year + 1, LastDueMonthOfNextYear, 1).AddMonths(1).AddDays(-1);

    /// <summary>The date the plan's unit codes (its own and its reporters') are resolved on.</summary>
    /// <remarks>The review year's reference date (1 September, where units and codes of the year are fixed), except for a
    /// district's plan of 2025: districts ended on 30 June 2025, so such a plan is resolved on that last day, with the
    /// communes the district had.</remarks>
    public static DateOnly UnitDate(ReviewYear year, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(unitCode);
        var reference = year.ReferenceDate;
        return unitCode.Length == 3 && AdminUnitCatalog.IsTwoTier(reference) && year.Value == AdminUnitCatalog.TwoTierFrom.Year
            ? AdminUnitCatalog.TwoTierFrom.AddDays(-1)
            : reference;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
