namespace GiamNgheo.Pipeline.Exports.PowerBi;

/// <summary>One reporter's report for one period of a published plan: a row of the reporting-timeliness fact.</summary>
/// <param name="PlanId">The plan.</param>
/// <param name="PlanTitle">Its title.</param>
/// <param name="PlanUnitCode">The unit that issued the plan.</param>
/// <param name="PeriodId">The period.</param>
/// <param name="PeriodLabel">Its label.</param>
/// <param name="Due">Its due date.</param>
/// <param name="ReporterId">The reporter.</param>
/// <param name="ReporterName">Its name (an agency or a unit, never a person's private data).</param>
/// <param name="ReporterUnitCode">The reporter's administrative unit, when it is one.</param>
/// <param name="Expected">Whether the reporter was active on the due date (counted in the reporting rate).</param>
/// <param name="Status"><c>chua-nop</c>, <c>dung-han</c> or <c>tre-han</c>.</param>
/// <param name="SubmittedAt">When the report was received.</param>
public sealed record ReportingTimelinessRow(
    string PlanId, string PlanTitle, string PlanUnitCode, string PeriodId, string PeriodLabel, DateOnly Due,
    string ReporterId, string ReporterName, string? ReporterUnitCode, bool Expected, string Status, DateTimeOffset? SubmittedAt);

/// <summary>The reporting timeliness of a province's plans of a year, for the Power BI model (implemented by the workflows,
/// which own plans and reports).</summary>
public interface IReportingTimelinessSource
{
    /// <summary>Every period × reporter of the published plans of the year issued by the province or one of its units.</summary>
    Task<IReadOnlyList<ReportingTimelinessRow>> ReadAsync(int year, string provinceCode, CancellationToken cancellationToken);
}
