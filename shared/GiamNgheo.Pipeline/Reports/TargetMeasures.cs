namespace GiamNgheo.Pipeline.Reports;

/// <summary>What the <c>chi-tieu</c> report can measure from the counted results: a plan target with one of these
/// measures gets an actual value; any other measure is listed without one (docs/reports.md).</summary>
public static class TargetMeasures
{
    /// <summary>Poor households at the start of the period minus poor households at its end.</summary>
    public const string PoorHouseholdsReduced = "poor-households-reduced";

    /// <summary>Near-poor households at the start minus at the end.</summary>
    public const string NearPoorHouseholdsReduced = "near-poor-households-reduced";

    /// <summary>The fall of the poor rate, in percentage points.</summary>
    public const string PoorRateReduction = "poor-rate-reduction";

    /// <summary>The fall of the near-poor rate, in percentage points.</summary>
    public const string NearPoorRateReduction = "near-poor-rate-reduction";

    /// <summary>The poor rate at the end of the period, not counting poor households with a người có công member.</summary>
    public const string PoorRateExcludingNguoiCoCong = "poor-rate-excluding-nguoi-co-cong";

    /// <summary>The poor rate at the end of the period.</summary>
    public const string PoorRate = "poor-rate";

    /// <summary>The near-poor rate at the end of the period.</summary>
    public const string NearPoorRate = "near-poor-rate";

    /// <summary>Every measure, with the plan unit its target is given in (the codes of the plan rules: <c>ho</c> households,
    /// <c>diem-phan-tram</c> percentage points, <c>%</c> percent) and its Vietnamese name.</summary>
    public static IReadOnlyList<TargetMeasure> All { get; } =
    [
        new(PoorHouseholdsReduced, "ho", "Số hộ nghèo giảm trong năm", Start: true, Ceiling: false),
        new(NearPoorHouseholdsReduced, "ho", "Số hộ cận nghèo giảm trong năm", Start: true, Ceiling: false),
        new(PoorRateReduction, "diem-phan-tram", "Tỷ lệ hộ nghèo giảm", Start: true, Ceiling: false),
        new(NearPoorRateReduction, "diem-phan-tram", "Tỷ lệ hộ cận nghèo giảm", Start: true, Ceiling: false),
        new(PoorRateExcludingNguoiCoCong, "%", "Tỷ lệ hộ nghèo cuối năm (không tính hộ nghèo có thành viên là người có công)", Start: false, Ceiling: true),
        new(PoorRate, "%", "Tỷ lệ hộ nghèo cuối năm", Start: false, Ceiling: true),
        new(NearPoorRate, "%", "Tỷ lệ hộ cận nghèo cuối năm", Start: false, Ceiling: true),
    ];

    /// <summary>The measure with that code, or null.</summary>
    public static TargetMeasure? Find(string? code) => All.FirstOrDefault(m => m.Code == code);
}

/// <summary>A measure the <c>chi-tieu</c> report computes.</summary>
/// <param name="Code">The code a plan target names in <c>measure</c>.</param>
/// <param name="Unit">The plan unit its targets must be given in.</param>
/// <param name="Name">Vietnamese name.</param>
/// <param name="Start">Whether it needs the start-of-period figures (a change over the year) or only the end.</param>
/// <param name="Ceiling">Whether the target is a ceiling (a rate to get below) rather than a floor (a reduction to reach).</param>
public sealed record TargetMeasure(string Code, string Unit, string Name, bool Start, bool Ceiling);
