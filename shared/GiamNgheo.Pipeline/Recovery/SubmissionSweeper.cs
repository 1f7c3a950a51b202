using Azure.Data.Tables;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;

namespace GiamNgheo.Pipeline.Recovery;

/// <summary>What a sweep found and re-queued.</summary>
/// <param name="StalledSubmissions">Submissions received or processing with no progress, sent to be scored again.</param>
/// <param name="StaleCommuneSummaries">Communes whose summary does not reflect their counted submission, sent to be finished again.</param>
/// <param name="StaleProvinces">Provinces whose stored aggregate lags their communes, sent to be refreshed.</param>
public sealed record SweepResult(int StalledSubmissions, int StaleCommuneSummaries, int StaleProvinces);

/// <summary>Finds work that a lost event or a crash left unfinished and queues it again.</summary>
/// <remarks>Triggers are at-least-once but not guaranteed: Event Grid gives up after its retries, and a poison message
/// stops redelivery. Every step of the pipeline is idempotent, so re-queuing is always safe.</remarks>
public sealed class SubmissionSweeper
{
    private readonly PipelineStorage _storage;
    private readonly SubmissionStore _submissions;
    private readonly SummaryStore _summaries;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _clock;

    /// <summary>Creates the sweeper.</summary>
    public SubmissionSweeper(PipelineStorage storage, SubmissionStore submissions, SummaryStore summaries, PipelineOptions options, TimeProvider clock)
    {
        _storage = storage;
        _submissions = submissions;
        _summaries = summaries;
        _options = options;
        _clock = clock;
    }

    /// <summary>Runs one sweep.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var stalled = 0;
        await foreach (var submission in _submissions.StalledAsync(now - _options.StallTimeout, cancellationToken).ConfigureAwait(false))
        {
            // Touch first, so the next sweep waits a full timeout before queuing the same submission again.
            await _submissions.ChangeAsync(
                submission.Key,
                () => throw new InvalidOperationException($"Submission {submission.Key.Id} has no commune state."),
                (current, _) =>
                {
                    if (current is null || current.Status.IsFinal())
                        return null;
                    current.UpdatedAt = now;
                    return current;
                },
                cancellationToken).ConfigureAwait(false);
            await _storage.Rescore.SendMessageAsync(RescoreMessage.For(submission.Key).ToJson(), cancellationToken).ConfigureAwait(false);
            stalled++;
        }

        var staleCommunes = 0;
        var provinces = new HashSet<(int Year, string Province)>();
        await foreach (var state in _submissions.CountedStatesAsync(cancellationToken).ConfigureAwait(false))
        {
            provinces.Add((state.Year, state.ProvinceCode));
            var summary = await _summaries.CommuneAsync(state.Year, state.ProvinceCode, state.CommuneCode, cancellationToken).ConfigureAwait(false);
            var countedId = SubmissionKey.FormatId(state.Year, state.CommuneCode, state.CountedShortHash!);
            if (summary is not null && summary.SubmissionId == countedId && summary.CountedSequence == state.CountedSequence)
                continue;
            var counted = await _submissions.FindCountedAsync(state.Year, state.CommuneCode, cancellationToken).ConfigureAwait(false);
            if (counted is null)
                continue;
            await _storage.Rescore.SendMessageAsync(RescoreMessage.For(counted.Key).ToJson(), cancellationToken).ConfigureAwait(false);
            staleCommunes++;
        }

        var staleProvinces = 0;
        foreach (var (year, province) in provinces)
        {
            var row = await _storage.Summaries.GetEntityIfExistsAsync<TableEntity>(UnitSummary.PartitionOf(year, province), SummaryStore.ProvinceRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (row.HasValue && (row.Value!.GetInt64("ComputedGeneration") ?? 0) >= (row.Value.GetInt64("Generation") ?? 0))
                continue;
            await _storage.SummaryRefresh.SendMessageAsync(new SummaryRefreshMessage(year, province).ToJson(), cancellationToken).ConfigureAwait(false);
            staleProvinces++;
        }

        return new SweepResult(stalled, staleCommunes, staleProvinces);
    }
}
