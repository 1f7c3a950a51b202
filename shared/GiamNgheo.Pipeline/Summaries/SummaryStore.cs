using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Summaries;

/// <summary>Computes and stores unit summaries: a commune's from the figures of its counted submission,
/// a district's and province's as the sum of their communes.</summary>
/// <remarks>
/// A province row carries two counters: <c>Generation</c>, bumped after every commune change, and
/// <c>ComputedGeneration</c>, the generation its totals reflect. A refresh reads the province row, then the communes,
/// and writes back only if the province row is unchanged (ETag), so a refresh that read communes before a later change
/// can never overwrite a newer total: the later change bumped the generation and its own refresh wins.
/// </remarks>
public sealed class SummaryStore
{
    /// <summary>RowKey of the province aggregate.</summary>
    public const string ProvinceRowKey = "tinh";

    private const string CommunePrefix = "xa-";
    private const string DistrictPrefix = "huyen-";
    private const int MaxConflictRetries = 20;

    private readonly TableClient _summaries;
    private readonly QueueClient _refreshQueue;
    private readonly SubmissionStore _submissions;
    private readonly IndicatorCatalog _indicators;

    /// <summary>Creates the store.</summary>
    public SummaryStore(PipelineStorage storage, SubmissionStore submissions, StandardCatalog standards)
    {
        _summaries = storage.Summaries;
        _refreshQueue = storage.SummaryRefresh;
        _submissions = submissions;
        _indicators = standards.Indicators;
    }

    /// <summary>The row key of a commune summary.</summary>
    public static string CommuneRowKey(string communeCode) => CommunePrefix + communeCode;

    /// <summary>The summary of a commune as it counts now: read from its counted submission, so it shows a newly counted
    /// file's figures at once, before the stored summary row (which feeds the province) is refreshed.</summary>
    /// <returns>The summary, or null when the commune has no scored submission.</returns>
    public async Task<UnitSummary?> CountedCommuneAsync(int year, string communeCode, CancellationToken cancellationToken)
    {
        var counted = await _submissions.FindCountedAsync(year, communeCode, cancellationToken).ConfigureAwait(false);
        return counted is null ? null : UnitSummary.ForCommune(counted, _indicators);
    }

    /// <summary>Stores a commune's summary from its counted submission, then schedules the province refresh.</summary>
    /// <returns>The summary now stored, or null when the commune has no scored submission.</returns>
    public async Task<UnitSummary?> RefreshCommuneAsync(int year, string communeCode, CancellationToken cancellationToken)
    {
        var summary = await CountedCommuneAsync(year, communeCode, cancellationToken).ConfigureAwait(false);
        if (summary is null)
            return null;
        var stored = await StoreCommuneAsync(summary, cancellationToken).ConfigureAwait(false);
        await BumpProvinceAsync(year, summary.ProvinceCode, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Recomputes and stores the province aggregate and (before 2025) its districts, if any commune changed since the last refresh.</summary>
    /// <returns>True when the stored aggregates were rewritten.</returns>
    public async Task<bool> RefreshProvinceAsync(int year, string provinceCode, CancellationToken cancellationToken)
    {
        var partition = UnitSummary.PartitionOf(year, provinceCode);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await _summaries.GetEntityIfExistsAsync<TableEntity>(partition, ProvinceRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var row = existing.HasValue ? existing.Value : null;

            // No row yet means a crash came between a commune's summary and the province bump: start at generation 1.
            var generation = row?.GetInt64("Generation") ?? 1;
            if (row is not null && (row.GetInt64("ComputedGeneration") ?? 0) >= generation)
                return false;

            var communes = await CommunesAsync(year, provinceCode, cancellationToken).ConfigureAwait(false);
            var (province, districts) = Aggregate(year, provinceCode, communes);
            var entity = province.ToEntity(ProvinceRowKey, _indicators);
            entity["Generation"] = generation;
            entity["ComputedGeneration"] = generation;
            var actions = new List<TableTransactionAction>
            {
                row is null ? new(TableTransactionActionType.Add, entity) : new(TableTransactionActionType.UpdateReplace, entity, row.ETag),
            };
            actions.AddRange(districts.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, d.ToEntity(DistrictPrefix + d.UnitCode, _indicators))));
            try
            {
                await TableBatches.SubmitAsync(_summaries, actions, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                // A commune changed meanwhile (generation bumped): compute again from the newer state.
            }
        }
    }

    /// <summary>The stored summaries of a province's communes that have a counted submission.</summary>
    public async Task<IReadOnlyList<UnitSummary>> CommunesAsync(int year, string provinceCode, CancellationToken cancellationToken)
    {
        var filter = TableKeys.PrefixFilter(UnitSummary.PartitionOf(year, provinceCode), CommunePrefix);
        var list = new List<UnitSummary>();
        await foreach (var entity in _summaries.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(UnitSummary.FromEntity(entity, _indicators));
        return list;
    }

    /// <summary>The stored summary of one commune, or null.</summary>
    public async Task<UnitSummary?> CommuneAsync(int year, string provinceCode, string communeCode, CancellationToken cancellationToken)
    {
        var response = await _summaries.GetEntityIfExistsAsync<TableEntity>(UnitSummary.PartitionOf(year, provinceCode), CommuneRowKey(communeCode), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? UnitSummary.FromEntity(response.Value!, _indicators) : null;
    }

    /// <summary>Sums communes into their province and (where communes name one) districts.</summary>
    public static (UnitSummary Province, IReadOnlyList<UnitSummary> Districts) Aggregate(int year, string provinceCode, IEnumerable<UnitSummary> communes)
    {
        var province = new UnitSummary(year, UnitLevel.Province, provinceCode, provinceCode);
        var districts = new SortedDictionary<string, UnitSummary>(StringComparer.Ordinal);
        foreach (var commune in communes)
        {
            province.Add(commune);
            if (commune.DistrictCode is not { } d)
                continue;
            if (!districts.TryGetValue(d, out var district))
                districts[d] = district = new UnitSummary(year, UnitLevel.District, d, provinceCode) { DistrictCode = d };
            district.Add(commune);
        }

        return (province, [.. districts.Values]);
    }

    private async Task<UnitSummary> StoreCommuneAsync(UnitSummary summary, CancellationToken cancellationToken)
    {
        var partition = UnitSummary.PartitionOf(summary.Year, summary.ProvinceCode);
        var rowKey = CommuneRowKey(summary.UnitCode);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await _summaries.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!existing.HasValue)
                {
                    await _summaries.AddEntityAsync(summary.ToEntity(rowKey, _indicators), cancellationToken).ConfigureAwait(false);
                    return summary;
                }

                // A slower worker that computed an older submission must not overwrite a newer one.
                var stored = UnitSummary.FromEntity(existing.Value!, _indicators);
                if (stored.CountedSequence > summary.CountedSequence)
                    return stored;
                await _summaries.UpdateEntityAsync(summary.ToEntity(rowKey, _indicators), existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return summary;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                // Changed concurrently: read again.
            }
        }
    }

    private async Task BumpProvinceAsync(int year, string provinceCode, CancellationToken cancellationToken)
    {
        var partition = UnitSummary.PartitionOf(year, provinceCode);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await _summaries.GetEntityIfExistsAsync<TableEntity>(partition, ProvinceRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!existing.HasValue)
                {
                    var entity = new UnitSummary(year, UnitLevel.Province, provinceCode, provinceCode).ToEntity(ProvinceRowKey, _indicators);
                    entity["Generation"] = 1L;
                    entity["ComputedGeneration"] = 0L;
                    await _summaries.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var row = existing.Value!;
                    var patch = new TableEntity(partition, ProvinceRowKey) { ["Generation"] = (row.GetInt64("Generation") ?? 0) + 1 };
                    await _summaries.UpdateEntityAsync(patch, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                }

                break;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                // Another commune bumped at the same moment: read again.
            }
        }

        await _refreshQueue.SendMessageAsync(new SummaryRefreshMessage(year, provinceCode).ToJson(), cancellationToken).ConfigureAwait(false);
    }
}
