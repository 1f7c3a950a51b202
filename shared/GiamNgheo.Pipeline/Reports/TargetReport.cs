namespace GiamNgheo.Pipeline.Reports;

/// <summary>A published plan's targets as the <c>chi-tieu</c> report reads them (the plan model lives in the workflows, which
/// build on the pipeline, so the caller hands its plans over in this shape).</summary>
/// <param name="Id">Plan id.</param>
/// <param name="Title">Plan title.</param>
/// <param name="Targets">Its targets, in the plan's order.</param>
public sealed record ReportPlan(string Id, string Title, IReadOnlyList<ReportTarget> Targets);

/// <summary>One target of a plan.</summary>
/// <param name="Id">Target id within the plan.</param>
/// <param name="Label">The plan's wording.</param>
/// <param name="Measure">What is measured; one of <see cref="TargetMeasures"/> to get an actual value.</param>
/// <param name="Value">The target value.</param>
/// <param name="Unit">Its unit (<c>ho</c>, <c>diem-phan-tram</c>, <c>%</c>, …).</param>
/// <param name="Base">The households a rate is a share of, when the plan states them; null = the review's resident households.</param>
public sealed record ReportTarget(string Id, string Label, string Measure, decimal Value, string Unit, decimal? Base);

/// <summary>The households at the start of the period the changes of the year are measured from.</summary>
/// <param name="Source">Where the figures come from: <c>bien-dong</c> (the start of that report's lists).</param>
/// <param name="Year">The year whose results are the start.</param>
/// <param name="TotalHouseholds">Resident households; 0 when unknown (an uploaded start list, a split pre-2025 commune).</param>
/// <param name="PoorHouseholds">Poor households.</param>
/// <param name="NearPoorHouseholds">Near-poor households.</param>
public sealed record StartOfPeriod(string Source, int Year, long TotalHouseholds, long PoorHouseholds, long NearPoorHouseholds);

/// <summary>The households at the end of the period: the year's counted results.</summary>
/// <param name="TotalHouseholds">Resident households (the communes' declared <c>tong_so_ho</c>).</param>
/// <param name="PoorHouseholds">Poor households.</param>
/// <param name="NearPoorHouseholds">Near-poor households.</param>
/// <param name="PoorWithNguoiCoCong">Poor households with a người có công member (<c>co_nguoi_co_cong</c> = 1).</param>
/// <param name="PoorNguoiCoCongUnknown">Poor households whose survey left <c>co_nguoi_co_cong</c> blank: counted as without one.</param>
public sealed record EndOfPeriod(long TotalHouseholds, long PoorHouseholds, long NearPoorHouseholds, long PoorWithNguoiCoCong, long PoorNguoiCoCongUnknown);

/// <summary>The <c>chi-tieu</c> report: every published plan of the unit and year, each target against the actual result.</summary>
/// <param name="Year">Review year.</param>
/// <param name="UnitCode">The unit.</param>
/// <param name="Start">The start-of-period figures, or null when the unit has none (no results the year before).</param>
/// <param name="End">The end-of-period figures.</param>
/// <param name="Plans">The plans, by id.</param>
public sealed record TargetReport(int Year, string UnitCode, StartOfPeriod? Start, EndOfPeriod End, IReadOnlyList<PlanTargetResults> Plans);

/// <summary>One plan's targets against the actual results.</summary>
/// <param name="Id">Plan id.</param>
/// <param name="Title">Plan title.</param>
/// <param name="Targets">Its targets, in the plan's order.</param>
public sealed record PlanTargetResults(string Id, string Title, IReadOnlyList<TargetResult> Targets);

/// <summary>A target against its actual value.</summary>
/// <param name="Id">Target id.</param>
/// <param name="Label">The plan's wording.</param>
/// <param name="Measure">What is measured.</param>
/// <param name="Unit">Unit of <paramref name="Target"/>, <paramref name="Actual"/> and <paramref name="Gap"/>.</param>
/// <param name="Target">The plan's value.</param>
/// <param name="Actual">The measured value (households, or rates rounded to two decimals); null when it cannot be measured.</param>
/// <param name="Gap">Actual − target; null with the actual.</param>
/// <param name="Met">Whether the target is reached (a reduction or count at least the target, an end-of-year rate at most
/// the target); null with the actual.</param>
/// <param name="Base">The households a rate was computed over: the plan's <c>base</c> or the review's resident households;
/// null for counts and for a reduction between two rates of their own denominators.</param>
/// <param name="Note">Why there is no actual value, in Vietnamese; null when there is one.</param>
public sealed record TargetResult(string Id, string Label, string Measure, string Unit, decimal Target, decimal? Actual, decimal? Gap, bool? Met, decimal? Base, string? Note);
