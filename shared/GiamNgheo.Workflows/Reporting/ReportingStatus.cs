using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Workflows.Reporting;

/// <summary>Where a reporter stands for a period.</summary>
public enum ReportStatus
{
    /// <summary>No report yet (<c>chua-nop</c>).</summary>
    NotSubmitted,

    /// <summary>Received by the end of the due day, Vietnam time (<c>dung-han</c>).</summary>
    OnTime,

    /// <summary>Received after the due day (<c>tre-han</c>).</summary>
    Late,
}

/// <summary>A period's reporting rate as DHIS2 defines it: expected = reporters active on the due date.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Label">Its label.</param>
/// <param name="Due">Its due date.</param>
/// <param name="Expected">Reporters active on the due date.</param>
/// <param name="Submitted">Of those, how many reported.</param>
/// <param name="OnTime">Of those, how many reported by the end of the due day.</param>
/// <param name="ReportingRate">Submitted / expected in %, two decimals; null when nobody is expected.</param>
/// <param name="OnTimeRate">On time / expected in %, two decimals; null when nobody is expected.</param>
public sealed record PeriodRate(string PeriodId, string Label, DateOnly Due, int Expected, int Submitted, int OnTime, decimal? ReportingRate, decimal? OnTimeRate);

/// <summary>Turns received reports into statuses and rates: pure, so the API and the tests agree on every boundary.</summary>
public static class ReportingStatus
{
    /// <summary>The code of a status in the API.</summary>
    public static string Code(this ReportStatus status) => status switch
    {
        ReportStatus.NotSubmitted => "chua-nop",
        ReportStatus.OnTime => "dung-han",
        ReportStatus.Late => "tre-han",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status of a reporter's report for a period.</summary>
    public static ReportStatus Of(PlanPeriod period, PeriodReport? report) =>
        report is null ? ReportStatus.NotSubmitted
        : report.ReceivedAt < VietnamTime.EndOf(period.Due) ? ReportStatus.OnTime
        : ReportStatus.Late;

    /// <summary>The reporters expected for a period: those active on its due date.</summary>
    public static IEnumerable<PlanReporter> Expected(ReportingPlan plan, PlanPeriod period) => plan.Reporters.Where(r => r.ActiveOn(period.Due));

    /// <summary>The rate of every period of a plan.</summary>
    public static IReadOnlyList<PeriodRate> Rates(ReportingPlan plan, IReadOnlyList<PeriodReport> reports)
    {
        var byKey = reports.ToDictionary(r => (r.PeriodId, r.ReporterId));
        return
        [
            .. plan.Periods.Select(period =>
            {
                var statuses = Expected(plan, period).Select(r => Of(period, byKey.GetValueOrDefault((period.Id, r.Id)))).ToList();
                var submitted = statuses.Count(s => s != ReportStatus.NotSubmitted);
                var onTime = statuses.Count(s => s == ReportStatus.OnTime);
                return new PeriodRate(period.Id, period.Label, period.Due, statuses.Count, submitted, onTime, Percent(submitted, statuses.Count), Percent(onTime, statuses.Count));
            }),
        ];
    }

    private static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);
}
