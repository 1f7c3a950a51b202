using Azure;
using Azure.Data.Tables;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Pipeline.Submissions;

/// <summary>Reads and changes submissions and their commune-year state, one optimistic transaction at a time.</summary>
public sealed class SubmissionStore
{
    private const int MaxConflictRetries = 20;
    private readonly TableClient _table;

    /// <summary>Creates the store over the submissions table.</summary>
    public SubmissionStore(PipelineStorage storage) => _table = storage.Submissions;

    /// <summary>The submission with this public id, or null.</summary>
    public async Task<Submission?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!SubmissionKey.TryParseId(id, out var year, out var commune, out var shortHash))
            return null;
        var entity = await GetAsync(SubmissionKey.CommuneYearPartition(year, commune), shortHash, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Submission.FromEntity(entity);
    }

    /// <summary>The submission with this key, or null.</summary>
    public async Task<Submission?> FindAsync(SubmissionKey key, CancellationToken cancellationToken)
    {
        var entity = await GetAsync(key.PartitionKey, key.ShortHash, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Submission.FromEntity(entity);
    }

    /// <summary>The commune-year state, or null before the first upload.</summary>
    public async Task<CommuneState?> FindStateAsync(int year, string communeCode, CancellationToken cancellationToken)
    {
        var entity = await GetAsync(SubmissionKey.CommuneYearPartition(year, communeCode), CommuneState.RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : CommuneState.FromEntity(entity);
    }

    /// <summary>The submission that counts for a commune and year, or null when none is scored.</summary>
    public async Task<Submission?> FindCountedAsync(int year, string communeCode, CancellationToken cancellationToken)
    {
        var state = await FindStateAsync(year, communeCode, cancellationToken).ConfigureAwait(false);
        if (state?.CountedShortHash is not { } shortHash)
            return null;
        var entity = await GetAsync(SubmissionKey.CommuneYearPartition(year, communeCode), shortHash, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Submission.FromEntity(entity);
    }

    /// <summary>Every submission of a commune and year, newest upload first: the history.</summary>
    public async Task<IReadOnlyList<Submission>> HistoryAsync(int year, string communeCode, CancellationToken cancellationToken)
    {
        var partition = SubmissionKey.CommuneYearPartition(year, communeCode);
        var list = new List<Submission>();
        await foreach (var entity in _table.QueryAsync<TableEntity>($"PartitionKey eq '{TableKeys.Quote(partition)}' and RowKey lt '{CommuneState.RowKey}'", cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(Submission.FromEntity(entity));
        return [.. list.OrderByDescending(s => s.UploadSequence)];
    }

    /// <summary>Submissions not final and not changed since <paramref name="before"/>, across all communes.</summary>
    public async IAsyncEnumerable<Submission> StalledAsync(DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"(Status eq {SubmissionStatus.Received.Code()} or Status eq {SubmissionStatus.Processing.Code()}) and UpdatedAt lt {before}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            yield return Submission.FromEntity(entity);
    }

    /// <summary>Every commune-year state that has a counted submission.</summary>
    public async IAsyncEnumerable<CommuneState> CountedStatesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>($"RowKey eq '{CommuneState.RowKey}'", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var state = CommuneState.FromEntity(entity);
            if (state.CountedShortHash is not null)
                yield return state;
        }
    }

    /// <summary>Applies a change to a submission and its commune-year state in one transaction, retrying on concurrent changes.</summary>
    /// <param name="key">The submission.</param>
    /// <param name="newState">Makes the state for the first upload of the commune-year.</param>
    /// <param name="change">Given the current submission (null if none yet) and the state, changes the state and returns the
    /// submission to store, or null to store nothing. Runs again on a fresh read after a conflict, so it must be repeatable.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The submission and state as stored (the submission is null when the change stored nothing and none existed).</returns>
    public async Task<(Submission? Submission, CommuneState State)> ChangeAsync(
        SubmissionKey key,
        Func<CommuneState> newState,
        Func<Submission?, CommuneState, Submission?> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stateEntity = await GetAsync(key.PartitionKey, CommuneState.RowKey, cancellationToken).ConfigureAwait(false);
            var submissionEntity = await GetAsync(key.PartitionKey, key.ShortHash, cancellationToken).ConfigureAwait(false);
            var state = stateEntity is null ? newState() : CommuneState.FromEntity(stateEntity);
            var current = submissionEntity is null ? null : Submission.FromEntity(submissionEntity);
            var updated = change(current, state);
            if (updated is null)
                return (current, state);

            var actions = new List<TableTransactionAction>(2)
            {
                stateEntity is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, state.ToEntity())
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state.ToEntity(), stateEntity.ETag),
                submissionEntity is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, updated.ToEntity())
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated.ToEntity(), submissionEntity.ETag),
            };
            try
            {
                await TableBatches.SubmitAsync(_table, actions, cancellationToken).ConfigureAwait(false);
                return (updated, state);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                // Someone else changed the commune-year in between: read again and redo the change.
                await Task.Delay(Random.Shared.Next(5, 20 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Locks the commune-year to uploads (<paramref name="value"/> set) or opens it (null); creates the state if the
    /// commune has no upload yet. Idempotent: setting what is stored changes nothing.</summary>
    /// <param name="year">Review year.</param>
    /// <param name="commune">The commune (its province and district go into a new state).</param>
    /// <param name="value">The lock, or null to open.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The state as stored.</returns>
    public async Task<CommuneState> SetLockAsync(int year, AdminUnit commune, CommuneLock? value, CancellationToken cancellationToken)
    {
        var partition = SubmissionKey.CommuneYearPartition(year, commune.Code);
        for (var attempt = 0; ; attempt++)
        {
            var entity = await GetAsync(partition, CommuneState.RowKey, cancellationToken).ConfigureAwait(false);
            var state = entity is null
                ? new CommuneState { Year = year, CommuneCode = commune.Code, ProvinceCode = commune.ProvinceCode, DistrictCode = commune.DistrictCode }
                : CommuneState.FromEntity(entity);
            if (entity is not null && state.Lock?.Reason == value?.Reason)
                return state;
            state.Lock = value;
            try
            {
                if (entity is null)
                    await _table.AddEntityAsync(state.ToEntity(), cancellationToken).ConfigureAwait(false);
                else
                    await _table.UpdateEntityAsync(state.ToEntity(), entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return state;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                // An upload changed the commune-year in between: read again so its change is kept.
                await Task.Delay(Random.Shared.Next(5, 20 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}
