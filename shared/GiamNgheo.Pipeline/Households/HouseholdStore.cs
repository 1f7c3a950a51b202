using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;

namespace GiamNgheo.Pipeline.Households;

/// <summary>One page of households and the token for the next.</summary>
/// <param name="Items">The households of this page.</param>
/// <param name="NextPageToken">Opaque token for the next page, or null on the last page.</param>
public sealed record HouseholdPage(IReadOnlyList<HouseholdRecord> Items, string? NextPageToken);

/// <summary>A page token that this store did not issue (edited, truncated, or from another list).</summary>
public sealed class InvalidPageTokenException(Exception inner) : Exception("The page token is not valid for this list.", inner);

/// <summary>Reads and removes the stored households of a submission.</summary>
/// <remarks>A submission's households share the commune-year partition under a RowKey prefix of the submission's hash,
/// so reading one commune's year is one partition range, and a replaced file's rows never mix with the new ones.</remarks>
public sealed class HouseholdStore
{
    private readonly TableClient _table;

    /// <summary>Creates the store over the households table.</summary>
    public HouseholdStore(PipelineStorage storage) => _table = storage.Households;

    /// <summary>The table households are written to.</summary>
    public TableClient Table => _table;

    /// <summary>One page of a submission's households in household-code order, with the head's name only for <see cref="HouseholdView.WithHeadName"/>.</summary>
    /// <exception cref="InvalidPageTokenException">The page token was not produced by this method.</exception>
    public async Task<HouseholdPage> PageAsync(SubmissionKey key, int pageSize, string? pageToken, string? classCode, HouseholdView view, CancellationToken cancellationToken)
    {
        string? continuation;
        try
        {
            // The storage continuation token holds spaces and '='; callers get it URL-safe.
            continuation = pageToken is null ? null : System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(pageToken));
        }
        catch (FormatException ex)
        {
            throw new InvalidPageTokenException(ex);
        }

        var filter = TableKeys.PrefixFilter(key.PartitionKey, HouseholdRecord.RowKeyPrefix(key.ShortHash));
        if (classCode is not null)
            filter += $" and Class eq '{TableKeys.Quote(classCode)}'";
        try
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize).ConfigureAwait(false))
            {
                var next = page.ContinuationToken is { } token ? System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(token)) : null;
                return new HouseholdPage([.. page.Values.Select(e => HouseholdRecord.FromEntity(e, view))], next);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 400 && continuation is not null)
        {
            // Storage refuses a continuation token it did not issue.
            throw new InvalidPageTokenException(ex);
        }

        return new HouseholdPage([], null);
    }

    /// <summary>Every household of a submission, streamed.</summary>
    public IAsyncEnumerable<HouseholdRecord> AllAsync(SubmissionKey key, HouseholdView view, CancellationToken cancellationToken) =>
        AllAsync(key.Year, key.CommuneCode, key.ShortHash, view, cancellationToken);

    /// <summary>Every household of the commune-year submission with this short hash (as a summary names it), streamed.</summary>
    public async IAsyncEnumerable<HouseholdRecord> AllAsync(int year, string communeCode, string shortHash, HouseholdView view, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in EntitiesAsync(year, communeCode, shortHash, cancellationToken).ConfigureAwait(false))
            yield return HouseholdRecord.FromEntity(entity, view);
    }

    /// <summary>The stored entities of a submission's households, as the table returns them (to build its digest).</summary>
    public IAsyncEnumerable<TableEntity> EntitiesAsync(int year, string communeCode, string shortHash, CancellationToken cancellationToken)
    {
        var filter = TableKeys.PrefixFilter(SubmissionKey.CommuneYearPartition(year, communeCode), HouseholdRecord.RowKeyPrefix(shortHash));
        return _table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken);
    }

    /// <summary>Removes a submission's households (those of a rejected file, which must never be listed or counted).</summary>
    public async Task<int> DeleteAsync(SubmissionKey key, CancellationToken cancellationToken)
    {
        var filter = TableKeys.PrefixFilter(key.PartitionKey, HouseholdRecord.RowKeyPrefix(key.ShortHash));
        var deletes = new List<TableTransactionAction>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
            deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, Azure.ETag.All));
        await TableBatches.SubmitAsync(_table, deletes, cancellationToken).ConfigureAwait(false);
        return deletes.Count;
    }
}
