using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Workflows.Reporting;

/// <summary>The reporting timeliness of a province's published plans of a year, for the Power BI model: every period ×
/// reporter of every plan issued by the province or one of its districts or communes, with the status the API shows.</summary>
public sealed class PlanTimelinessSource(PlanStore plans, PeriodReportStore reports, AdminUnitCatalog units) : IReportingTimelinessSource
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ReportingTimelinessRow>> ReadAsync(int year, string provinceCode, CancellationToken cancellationToken)
    {
        var on = ReviewYear.Of(year).ReferenceDate;
        var rows = new List<ReportingTimelinessRow>();
        foreach (var listing in (await plans.ListAsync(null, year, cancellationToken).ConfigureAwait(false)).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (listing.PublishedAt is null || !InProvince(listing.UnitCode, provinceCode, on))
                continue;
            if (await plans.FindAsync(listing.Id, cancellationToken).ConfigureAwait(false) is not { IsPublished: true, Plan: var plan })
                continue;
            var received = (await reports.ListAsync(plan.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(r => (r.PeriodId, r.ReporterId));
            foreach (var period in plan.Periods)
            {
                foreach (var reporter in plan.Reporters)
                {
                    var report = received.GetValueOrDefault((period.Id, reporter.Id));
                    rows.Add(new ReportingTimelinessRow(
                        plan.Id, plan.Title, plan.UnitCode, period.Id, period.Label, period.Due, reporter.Id, reporter.Name, reporter.UnitCode,
                        reporter.ActiveOn(period.Due), ReportingStatus.Of(period, report).Code(), report?.ReceivedAt));
                }
            }
        }

        return rows;
    }

    private bool InProvince(string unitCode, string provinceCode, DateOnly on) =>
        unitCode == provinceCode || units.Find(unitCode, on)?.ProvinceCode == provinceCode;
}
