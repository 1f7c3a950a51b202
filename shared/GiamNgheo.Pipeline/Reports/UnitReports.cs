using System.Runtime.CompilerServices;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>The reports of a commune, a pre-2025 district or a province, computed from its communes' counted submissions.</summary>
/// <remarks>Households stream commune by commune into the calculators; nothing of a province is held in memory at once.</remarks>
public sealed class UnitReports(SummaryStore summaries, HouseholdStore households, StandardCatalog standards)
{
    /// <summary>The report names served, as in <c>/reports/{report}</c> (docs/reports.md).</summary>
    public static IReadOnlyList<string> Names { get; } = [MpiName, DeprivationsName, TargetsName];

    /// <summary>The Alkire–Foster measures.</summary>
    public const string MpiName = "mpi";

    /// <summary>Deprivations among poor and near-poor households.</summary>
    public const string DeprivationsName = "thieu-hut";

    /// <summary>Plan targets against the actual results.</summary>
    public const string TargetsName = "chi-tieu";

    /// <summary>The <c>mpi</c> report, with its change from the year before when that year has results for the same unit code;
    /// null when no national standard covers the year.</summary>
    public async Task<MpiReport?> MpiAsync(ReportUnit unit, CancellationToken cancellationToken)
    {
        var current = await MpiOfYearAsync(unit, cancellationToken).ConfigureAwait(false);
        if (current is null)
            return null;
        var previous = await MpiOfYearAsync(unit with { Year = unit.Year - 1 }, cancellationToken).ConfigureAwait(false);
        return previous is { Households: > 0 } ? current.WithChangeFrom(previous) : current;
    }

    /// <summary>The <c>thieu-hut</c> report; null when no national standard covers the year.</summary>
    public async Task<DeprivationReport?> DeprivationsAsync(ReportUnit unit, CancellationToken cancellationToken)
    {
        if (standards.NationalFor(unit.Year) is not { } standard)
            return null;
        var calculator = new DeprivationCalculator(unit.Year, standard);
        await foreach (var (_, household) in HouseholdsAsync(unit, cancellationToken).ConfigureAwait(false))
            calculator.Add(household);
        return calculator.Build();
    }

    /// <summary>The <c>chi-tieu</c> report over the unit's published plans of the year.</summary>
    public async Task<TargetReport> TargetsAsync(ReportUnit unit, IReadOnlyList<ReportPlan> plans, CancellationToken cancellationToken)
    {
        var communes = await CountedCommunesAsync(unit, cancellationToken).ConfigureAwait(false);
        var start = await StartFromPreviousYearAsync(unit, communes, cancellationToken).ConfigureAwait(false);
        var calculator = new TargetCalculator(unit.Year, unit.Code, communes.Sum(c => c.TotalHouseholds), start);
        await foreach (var (_, household) in HouseholdsAsync(unit, cancellationToken).ConfigureAwait(false))
            calculator.Add(household);
        return calculator.Build(plans);
    }

    /// <summary>The start of the period until the <c>bien-dong</c> report's start-of-period lists exist: the previous year's
    /// counted results of the same communes (same codes, same province partition). Null unless every commune counted this
    /// year has one, so that start and end cover the same territory; across the 2025 reform (new codes) there is none.</summary>
    private async Task<StartOfPeriod?> StartFromPreviousYearAsync(ReportUnit unit, IReadOnlyList<UnitSummary> counted, CancellationToken cancellationToken)
    {
        if (counted.Count == 0)
            return null;
        var previous = (await summaries.CommunesAsync(unit.Year - 1, unit.ProvinceCode, cancellationToken).ConfigureAwait(false))
            .Where(c => c.SubmissionId is not null)
            .ToDictionary(c => c.UnitCode, StringComparer.Ordinal);
        if (!counted.All(c => previous.ContainsKey(c.UnitCode)))
            return null;
        var before = counted.Select(c => previous[c.UnitCode]).ToList();
        return new StartOfPeriod("previous-year-summary", unit.Year - 1, before.Sum(c => c.TotalHouseholds),
            before.Sum(c => c.Tally.HouseholdsOf(HouseholdClass.Poor)), before.Sum(c => c.Tally.HouseholdsOf(HouseholdClass.NearPoor)));
    }

    private async Task<IReadOnlyList<UnitSummary>> CountedCommunesAsync(ReportUnit unit, CancellationToken cancellationToken) =>
        (await summaries.CommunesAsync(unit.Year, unit.ProvinceCode, cancellationToken).ConfigureAwait(false))
            .Where(c => c.SubmissionId is not null && unit.Contains(c))
            .ToList();

    private async Task<MpiReport?> MpiOfYearAsync(ReportUnit unit, CancellationToken cancellationToken)
    {
        if (standards.NationalFor(unit.Year) is not { } standard)
            return null;
        var calculator = new MpiCalculator(unit.Year, standard, byCommune: unit.Level != UnitLevel.Commune);
        await foreach (var (commune, household) in HouseholdsAsync(unit, cancellationToken).ConfigureAwait(false))
            calculator.Add(household, commune);
        return calculator.Build();
    }

    private async IAsyncEnumerable<(string Commune, HouseholdRecord Household)> HouseholdsAsync(ReportUnit unit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var communes = await summaries.CommunesAsync(unit.Year, unit.ProvinceCode, cancellationToken).ConfigureAwait(false);
        foreach (var commune in communes.Where(unit.Contains))
        {
            if (commune.SubmissionId is null || !SubmissionKey.TryParseId(commune.SubmissionId, out var year, out var code, out var shortHash))
                continue;
            await foreach (var household in households.AllAsync(year, code, shortHash, HouseholdView.WithoutHeadName, cancellationToken).ConfigureAwait(false))
                yield return (commune.UnitCode, household);
        }
    }
}

/// <summary>The unit a report is about.</summary>
/// <param name="Year">The review year.</param>
/// <param name="Level">Commune, district (before 2025) or province.</param>
/// <param name="Code">The unit's code.</param>
/// <param name="ProvinceCode">Its province (where its communes' summaries are partitioned).</param>
public sealed record ReportUnit(int Year, UnitLevel Level, string Code, string ProvinceCode)
{
    /// <summary>Whether a commune's summary belongs to the unit.</summary>
    public bool Contains(UnitSummary commune) => Level switch
    {
        UnitLevel.Commune => commune.UnitCode == Code,
        UnitLevel.District => commune.DistrictCode == Code,
        _ => true,
    };
}
