using System.Runtime.CompilerServices;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>The reports of a commune, a pre-2025 district or a province, computed from its communes' counted submissions.</summary>
/// <remarks>Households stream commune by commune into the calculators from the communes' household digests (ADR 0011),
/// a few read ahead at once; nothing of a province is held in memory at once.</remarks>
public sealed class UnitReports(SummaryStore summaries, HouseholdDigestStore digests, StandardCatalog standards, PipelineOptions options)
{
    /// <summary>The report names served, as in <c>/reports/{report}</c> (docs/reports.md).</summary>
    public static IReadOnlyList<string> Names { get; } = [MpiName, DeprivationsName, ChangesName, GroupsName, LabourName, TargetsName];

    /// <summary>The Alkire–Foster measures.</summary>
    public const string MpiName = "mpi";

    /// <summary>Deprivations among poor and near-poor households.</summary>
    public const string DeprivationsName = "thieu-hut";

    /// <summary>Poor and near-poor households with and without người có công households, and per group.</summary>
    public const string GroupsName = "nhom-dac-thu";

    /// <summary>Members of poor and near-poor households by labour capacity and employment.</summary>
    public const string LabourName = "lao-dong";
    /// <summary>Changes over the year: start, leaving, entering, other, end per class.</summary>
    public const string ChangesName = "bien-dong";
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

    /// <summary>The <c>bien-dong</c> report: each commune's start of the year (the previous year's counted lists, through the
    /// 2025 mapping, or its uploaded start list) followed into this year's counted list; null when no national standard covers the year.</summary>
    public async Task<ChangeReport?> ChangesAsync(ReportUnit unit, ChangeSources sources, CancellationToken cancellationToken)
    {
        if (standards.NationalFor(unit.Year) is null)
            return null;
        var calculator = new ChangeCalculator(unit.Year);
        var decided = new Dictionary<(int, string), IReadOnlySet<string>>();
        var communes = await summaries.CommunesAsync(unit.Year, unit.ProvinceCode, cancellationToken).ConfigureAwait(false);
        foreach (var commune in communes.Where(unit.Contains))
        {
            var end = await ListAsync(commune, cancellationToken).ConfigureAwait(false);
            if (end is null)
                continue;
            var start = await StartOfYearAsync(unit.Year, commune.UnitCode, sources, decided, cancellationToken).ConfigureAwait(false);
            var declarations = await sources.Lists.DeclarationsAsync(unit.Year, commune.UnitCode, cancellationToken).ConfigureAwait(false);
            var earlier = start is null ? EarlierClasses.None : await EarlierAsync(unit.Year, commune.UnitCode, sources.Units, cancellationToken).ConfigureAwait(false);
            calculator.AddCommune(commune.UnitCode, start, end, declarations, earlier);
        }

        return calculator.Build();
    }

    /// <summary>The lists a commune's start of the year is made of; null when the previous year is not (wholly) in the system
    /// and the commune uploaded no start list.</summary>
    private async Task<IReadOnlyList<StartList>?> StartOfYearAsync(int year, string communeCode, ChangeSources sources, Dictionary<(int, string), IReadOnlySet<string>> decided, CancellationToken cancellationToken)
    {
        var origins = Origins(year, communeCode, year - 1, sources.Units);
        var lists = new List<StartList>(origins.Count);
        foreach (var (origin, shared) in origins)
        {
            var summary = await summaries.CountedCommuneAsync(year - 1, origin, cancellationToken).ConfigureAwait(false);
            if (summary is null || await ListAsync(summary, cancellationToken).ConfigureAwait(false) is not { } households)
                break;
            var source = await IsDecidedAsync(year - 1, origin, sources, decided, cancellationToken).ConfigureAwait(false) ? StartSource.Decided : StartSource.Counted;
            lists.Add(new StartList(origin, source, shared, households));
        }

        if (origins.Count > 0 && lists.Count == origins.Count)
            return lists;
        return await sources.Lists.StartListAsync(year, communeCode, cancellationToken).ConfigureAwait(false) is { } uploaded
            ? [new StartList(communeCode, StartSource.Uploaded, false, [.. uploaded.Select(e => new ListedHousehold(e.HouseholdId, e.Class))])]
            : null;
    }

    /// <summary>Households poor or near-poor in the commune (or the communes it was formed from) in the years before the start.</summary>
    private async Task<EarlierClasses> EarlierAsync(int year, string communeCode, AdminUnitCatalog units, CancellationToken cancellationToken)
    {
        var poor = new HashSet<string>(StringComparer.Ordinal);
        var nearPoor = new HashSet<string>(StringComparer.Ordinal);
        var first = standards.NationalYears().Min();
        for (var earlier = year - 2; earlier >= first; earlier--)
        {
            foreach (var (origin, _) in Origins(year, communeCode, earlier, units))
            {
                if (await summaries.CountedCommuneAsync(earlier, origin, cancellationToken).ConfigureAwait(false) is not { } summary
                    || await ListAsync(summary, cancellationToken).ConfigureAwait(false) is not { } households)
                    continue;
                foreach (var household in households)
                {
                    if (household.Class == ChangeCalculator.PoorClass)
                        poor.Add(household.HouseholdId);
                    else if (household.Class == ChangeCalculator.NearPoorClass)
                        nearPoor.Add(household.HouseholdId);
                }
            }
        }

        return new EarlierClasses(poor, nearPoor);
    }

    /// <summary>The communes of <paramref name="targetYear"/> a commune of <paramref name="year"/> continues: itself, or across the
    /// 2025 reform the pre-2025 communes mapped to it (marked shared when the old commune was split between several).</summary>
    private static IReadOnlyList<(string Code, bool Shared)> Origins(int year, string communeCode, int targetYear, AdminUnitCatalog units)
    {
        if (!AdminUnitCatalog.IsTwoTier(ReviewYear.Of(year).ReferenceDate) || AdminUnitCatalog.IsTwoTier(ReviewYear.Of(targetYear).ReferenceDate))
            return [(communeCode, false)];
        return [.. units.OldCommunesOf(communeCode).Select(m => (m.OldCode, m.Kind == "split"))];
    }

    private async Task<bool> IsDecidedAsync(int year, string communeCode, ChangeSources sources, Dictionary<(int, string), IReadOnlySet<string>> decided, CancellationToken cancellationToken)
    {
        if (sources.Units.FindCommune(communeCode, ReviewYear.Of(year).ReferenceDate)?.Unit.ProvinceCode is not { } province)
            return false;
        if (!decided.TryGetValue((year, province), out var communes))
        {
            communes = await sources.Decisions.DecidedCommunesAsync(year, province, cancellationToken).ConfigureAwait(false);
            decided[(year, province)] = communes;
        }

        return communes.Contains(communeCode);
    }

    /// <summary>The codes and classes of a commune's counted list, or null when it has none.</summary>
    private async Task<List<ListedHousehold>?> ListAsync(UnitSummary commune, CancellationToken cancellationToken)
    {
        if (commune.SubmissionId is null || !SubmissionKey.TryParseId(commune.SubmissionId, out var year, out var code, out var shortHash))
            return null;
        var digest = await digests.OpenAsync(year, code, shortHash, cancellationToken).ConfigureAwait(false);
        return [.. digest.Records().Select(h => new ListedHousehold(h.HouseholdId, h.Class))];
    }

    /// <summary>The <c>chi-tieu</c> report over the unit's published plans of the year, its start of the period being the
    /// <c>bien-dong</c> report's start.</summary>
    public async Task<TargetReport> TargetsAsync(ReportUnit unit, IReadOnlyList<ReportPlan> plans, ChangeSources sources, CancellationToken cancellationToken) =>
        await TargetsAsync(unit, plans, sources, await ChangesAsync(unit, sources, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The <c>chi-tieu</c> report over a <c>bien-dong</c> report already computed for the same unit (the workbook
    /// needs both, and the changes read every earlier year of every commune).</summary>
    public async Task<TargetReport> TargetsAsync(ReportUnit unit, IReadOnlyList<ReportPlan> plans, ChangeSources sources, ChangeReport? changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var communes = await CountedCommunesAsync(unit, cancellationToken).ConfigureAwait(false);
        var start = await StartOfPeriodAsync(unit, communes, changes, sources, cancellationToken).ConfigureAwait(false);
        var calculator = new TargetCalculator(unit.Year, unit.Code, communes.Sum(c => c.TotalHouseholds), start);
        await foreach (var (_, household) in HouseholdsAsync(unit, cancellationToken).ConfigureAwait(false))
            calculator.Add(household);
        return calculator.Build(plans);
    }

    /// <summary>The <c>bien-dong</c> start of the period (per class, the households of the communes' start lists). Null unless
    /// every commune counted this year has a start, so that start and end cover the same territory (docs/reports.md).</summary>
    private async Task<StartOfPeriod?> StartOfPeriodAsync(ReportUnit unit, IReadOnlyList<UnitSummary> counted, ChangeReport? changes, ChangeSources sources, CancellationToken cancellationToken)
    {
        if (counted.Count == 0 || changes is null || changes.CommunesWithoutStart.Count > 0)
            return null;
        return new StartOfPeriod(StartOfPeriodSource, unit.Year - 1,
            await StartResidentHouseholdsAsync(unit.Year, counted, sources.Units, cancellationToken).ConfigureAwait(false),
            changes.Poor.Start, changes.NearPoor.Start);
    }

    /// <summary>The <see cref="StartOfPeriod.Source"/> of the <c>chi-tieu</c> start.</summary>
    public const string StartOfPeriodSource = "bien-dong";

    /// <summary>The resident households at the start: Σ <c>tong_so_ho</c> of the previous year's counted results of the communes
    /// the start lists come from; 0 (unknown) when a start list was uploaded (it lists poor and near-poor households only) or
    /// comes from a pre-2025 commune split between several new ones (its share is unknown).</summary>
    private async Task<long> StartResidentHouseholdsAsync(int year, IReadOnlyList<UnitSummary> counted, AdminUnitCatalog units, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var commune in counted)
        {
            var origins = Origins(year, commune.UnitCode, year - 1, units);
            if (origins.Count == 0 || origins.Any(o => o.Shared))
                return 0;
            foreach (var (origin, _) in origins)
            {
                if (await summaries.CountedCommuneAsync(year - 1, origin, cancellationToken).ConfigureAwait(false) is not { } summary)
                    return 0;
                total += summary.TotalHouseholds;
            }
        }

        return total;
    }

    /// <summary>The denominator of the official rates (<c>tong_so_ho</c>) of the communes whose households are counted.</summary>
    private async Task<long> ResidentHouseholdsAsync(ReportUnit unit, CancellationToken cancellationToken) =>
        (await CountedCommunesAsync(unit, cancellationToken).ConfigureAwait(false)).Sum(c => c.TotalHouseholds);

    /// <summary>The unit's communes with a counted submission: a commune without one adds neither households nor residents,
    /// as in the unit summaries.</summary>
    private async Task<IReadOnlyList<UnitSummary>> CountedCommunesAsync(ReportUnit unit, CancellationToken cancellationToken) =>
        (await summaries.CommunesAsync(unit.Year, unit.ProvinceCode, cancellationToken).ConfigureAwait(false))
            .Where(c => unit.Contains(c) && c.SubmissionId is not null && SubmissionKey.TryParseId(c.SubmissionId, out _, out _, out _))
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
