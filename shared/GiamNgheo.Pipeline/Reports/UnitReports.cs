using System.Runtime.CompilerServices;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>The reports of a commune, a pre-2025 district or a province, computed from its communes' counted submissions.</summary>
/// <remarks>Households stream commune by commune into the calculators from the communes' household digests (ADR 0011),
/// a few read ahead at once; nothing of a province is held in memory at once.</remarks>
public sealed class UnitReports(SummaryStore summaries, HouseholdDigestStore digests, StandardCatalog standards, PipelineOptions options)
{
    /// <summary>The report names served, as in <c>/reports/{report}</c> (docs/reports.md).</summary>
    public static IReadOnlyList<string> Names { get; } = [MpiName, DeprivationsName];

    /// <summary>The Alkire–Foster measures.</summary>
    public const string MpiName = "mpi";

    /// <summary>Deprivations among poor and near-poor households.</summary>
    public const string DeprivationsName = "thieu-hut";

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
        var counted = new List<(string Commune, int Year, string Code, string ShortHash)>();
        foreach (var commune in communes.Where(unit.Contains))
        {
            if (commune.SubmissionId is not null && SubmissionKey.TryParseId(commune.SubmissionId, out var year, out var code, out var shortHash))
                counted.Add((commune.UnitCode, year, code, shortHash));
        }

        // Digests are read ahead in commune order, so households reach the calculators in the same order every time.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reads = new Queue<(string Commune, Task<HouseholdDigest> Digest)>();
        var next = 0;
        try
        {
            while (next < counted.Count || reads.Count > 0)
            {
                while (reads.Count < Math.Max(1, options.ReportReadParallelism) && next < counted.Count)
                {
                    var (commune, year, code, shortHash) = counted[next++];
                    reads.Enqueue((commune, digests.OpenAsync(year, code, shortHash, stop.Token)));
                }

                var (current, read) = reads.Dequeue();
                var digest = await read.ConfigureAwait(false);
                foreach (var household in digest.Records())
                    yield return (current, household);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var (_, read) in reads)
            {
                try
                {
                    await read.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Reads ahead of a report that ended early (cancelled or failed) are abandoned; the first failure was already thrown.
                }
            }
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
