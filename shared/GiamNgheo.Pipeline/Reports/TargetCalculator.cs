using GiamNgheo.Pipeline.Households;
using GiamNgheo.Rules.Scoring;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>Computes the <c>chi-tieu</c> report: folds the unit's counted households into end-of-period figures and measures
/// each plan target against them and the start-of-period figures (docs/reports.md).</summary>
/// <param name="year">Review year.</param>
/// <param name="unitCode">The unit.</param>
/// <param name="totalHouseholds">The unit's resident households at the end of the period (the communes' <c>tong_so_ho</c>).</param>
/// <param name="start">The start-of-period figures, or null when there are none: every change target then has no actual.</param>
public sealed class TargetCalculator(int year, string unitCode, long totalHouseholds, StartOfPeriod? start)
{
    private const int RateDecimals = 2;

    private long _poor;
    private long _nearPoor;
    private long _poorWithNguoiCoCong;
    private long _poorNguoiCoCongUnknown;

    /// <summary>Adds one counted household.</summary>
    public void Add(HouseholdRecord household)
    {
        ArgumentNullException.ThrowIfNull(household);
        if (household.Class == HouseholdClass.NearPoor.Code())
        {
            _nearPoor++;
        }
        else if (household.Class == HouseholdClass.Poor.Code())
        {
            _poor++;
            if (household.MeritFamily == true)
                _poorWithNguoiCoCong++;
            else if (household.MeritFamily is null)
                _poorNguoiCoCongUnknown++;
        }
    }

    /// <summary>The report over <paramref name="plans"/>.</summary>
    public TargetReport Build(IEnumerable<ReportPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var end = new EndOfPeriod(totalHouseholds, _poor, _nearPoor, _poorWithNguoiCoCong, _poorNguoiCoCongUnknown);
        var results = plans
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new PlanTargetResults(p.Id, p.Title, p.Targets.Select(t => Measure(t, end)).ToList()))
            .ToList();
        return new TargetReport(year, unitCode, start, end, results);
    }

    private TargetResult Measure(ReportTarget target, EndOfPeriod end)
    {
        var measure = TargetMeasures.Find(target.Measure);
        if (measure is null || measure.Unit != target.Unit)
            return Unmeasured(target, "Báo cáo không tính được nội dung đo này từ kết quả rà soát; đối chiếu thủ công.");
        if (measure.Start && start is null)
            return Unmeasured(target, $"Chưa có số đầu kỳ: có xã chưa có danh sách đầu năm {year} (kết quả rà soát năm {year - 1} hoặc danh sách đầu kỳ tải lên; xem báo cáo biến động).");

        var (actual, denominator) = measure.Code switch
        {
            TargetMeasures.PoorHouseholdsReduced => Households(start!.PoorHouseholds - end.PoorHouseholds),
            TargetMeasures.NearPoorHouseholdsReduced => Households(start!.NearPoorHouseholds - end.NearPoorHouseholds),
            TargetMeasures.PoorRateReduction => Reduction(start!.PoorHouseholds, start.TotalHouseholds, end.PoorHouseholds, end.TotalHouseholds, target.Base),
            TargetMeasures.NearPoorRateReduction => Reduction(start!.NearPoorHouseholds, start.TotalHouseholds, end.NearPoorHouseholds, end.TotalHouseholds, target.Base),
            TargetMeasures.PoorRateExcludingNguoiCoCong => Rate(end.PoorHouseholds - end.PoorWithNguoiCoCong, target.Base ?? end.TotalHouseholds),
            TargetMeasures.PoorRate => Rate(end.PoorHouseholds, target.Base ?? end.TotalHouseholds),
            _ => Rate(end.NearPoorHouseholds, target.Base ?? end.TotalHouseholds),
        };
        if (actual is not { } value)
            return Unmeasured(target, "Không rõ tổng số hộ dân cư (đầu kỳ hoặc cuối kỳ): không tính được tỷ lệ; ghi tổng số hộ làm mẫu số (base) của chỉ tiêu để tính.");
        var gap = value - target.Value;
        return new TargetResult(target.Id, target.Label, target.Measure, target.Unit, target.Value, value, gap,
            measure.Ceiling ? gap <= 0 : gap >= 0, denominator, null);
    }

    /// <summary>With the plan's own denominator, the households reduced as a share of it (Đắk Tờ Re: 38 of 1,382 = 2.75
    /// points); without one, the start rate minus the end rate, each over its own year's resident households.</summary>
    private static (decimal? Points, decimal? Base) Reduction(long startCount, long startTotal, long endCount, long endTotal, decimal? planBase)
    {
        if (planBase is { } households)
            return (Round(100m * (startCount - endCount) / households), households);
        if (startTotal == 0 || endTotal == 0)
            return (null, null);
        return (Round(100m * startCount / startTotal - 100m * endCount / endTotal), null);
    }

    private static (decimal? Households, decimal? Base) Households(long count) => (count, null);

    private static (decimal? Percent, decimal? Base) Rate(long count, decimal households) =>
        households == 0 ? (null, null) : (Round(100m * count / households), households);

    private static decimal Round(decimal value) => Math.Round(value, RateDecimals, MidpointRounding.AwayFromZero);

    private static TargetResult Unmeasured(ReportTarget target, string note) =>
        new(target.Id, target.Label, target.Measure, target.Unit, target.Value, null, null, null, null, note);
}
