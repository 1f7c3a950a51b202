using System.Runtime.CompilerServices;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>The reports of a commune, a pre-2025 district or a province, computed from its communes' counted submissions.</summary>
/// <remarks>Households stream commune by commune into the calculators; nothing of a province is held in memory at once.</remarks>
public sealed class UnitReports(SummaryStore summaries, HouseholdStore households, StandardCatalog standards)
{
    /// <summary>The report names served, as in <c>/reports/{report}</c> (docs/reports.md).</summary>
    public static IReadOnlyList<string> Names { get; } = [MpiName, DeprivationsName, GroupsName, LabourName];

    /// <summary>The Alkire–Foster measures.</summary>
    public const string MpiName = "mpi";

    /// <summary>Deprivations among poor and near-poor households.</summary>
    public const string DeprivationsName = "thieu-hut";

    /// <summary>Poor and near-poor households with and without người có công households, and per group.</summary>
    public const string GroupsName = "nhom-dac-thu";

    /// <summary>Members of poor and near-poor households by labour capacity and employment.</summary>
    public const string LabourName = "lao-dong";

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

    /// <summary>The <c>nhom-dac-thu</c> report; rates over the resident households of the unit's reporting communes.</summary>
    public async Task<GroupsReport> GroupsAsync(ReportUnit unit, CancellationToken cancellationToken)
    {
        var calculator = new GroupsCalculator(unit.Year);
        await foreach (var (_, household) in HouseholdsAsync(unit, cancellationToken).ConfigureAwait(false))
            calculator.Add(household);
        return calculator.Build(await ResidentHouseholdsAsync(unit, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The <c>lao-dong</c> report.</summary>
    public async Task<LabourReport> LabourAsync(ReportUnit unit, CancellationToken cancellationToken)
    {
        var calculator = new LabourCalculator(unit.Year);
        await foreach (var (_, household) in HouseholdsAsync(unit, cancellationToken).ConfigureAwait(false))
            calculator.Add(household);
        return calculator.Build(await ResidentHouseholdsAsync(unit, cancellationToken).ConfigureAwait(false));
    }

    // The denominator of the official rates (tong_so_ho) of the communes whose households are counted: a commune without a
    // counted submission adds neither households nor residents, as in the unit summaries.
    private async Task<long> ResidentHouseholdsAsync(ReportUnit unit, CancellationToken cancellationToken)
    {
        var communes = await summaries.CommunesAsync(unit.Year, unit.ProvinceCode, cancellationToken).ConfigureAwait(false);
        return communes.Where(c => unit.Contains(c) && c.SubmissionId is not null && SubmissionKey.TryParseId(c.SubmissionId, out _, out _, out _))
            .Sum(c => c.TotalHouseholds);
    }

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
