using System.Threading.Channels;
using Azure.Data.Tables;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Pipeline.Households;

/// <summary>Receives scored households from the (synchronous) scorer and writes them to the table in full batches,
/// several batches in flight at once.</summary>
/// <remarks>Scoring is CPU work and storage is I/O: a bounded channel lets both run together without holding a whole
/// commune in memory. Rows are upserted under the submission's prefix, so a redelivered file rewrites the same rows.</remarks>
public sealed class HouseholdTableWriter : IScoredHouseholdSink, IAsyncDisposable
{
    private readonly SubmissionKey _key;
    private readonly HouseholdDigestWriter? _digest;
    private readonly Channel<List<TableTransactionAction>> _batches;
    private readonly Task[] _writers;
    private readonly CancellationTokenSource _failed;
    private List<TableTransactionAction> _current = new(TableBatches.MaxChanges);

    /// <summary>Starts <paramref name="parallelism"/> writers over the households table; every entity also goes to
    /// <paramref name="digest"/> when given.</summary>
    public HouseholdTableWriter(TableClient table, SubmissionKey key, int parallelism, CancellationToken cancellationToken, HouseholdDigestWriter? digest = null)
    {
        _key = key;
        _digest = digest;
        _failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _batches = Channel.CreateBounded<List<TableTransactionAction>>(new BoundedChannelOptions(parallelism * 2) { SingleWriter = true });
        _writers = [.. Enumerable.Range(0, parallelism).Select(_ => Task.Run(() => WriteAsync(table), CancellationToken.None))];
    }

    /// <summary>Households handed over so far.</summary>
    public int Count { get; private set; }

    /// <summary>Cancelled when a write fails, so the scorer stops early.</summary>
    public CancellationToken Aborted => _failed.Token;

    /// <inheritdoc />
    public void Add(SurveyHousehold household, ScoredHousehold result)
    {
        var entity = HouseholdRecord.From(household, result).ToEntity(_key);
        _digest?.Add(entity);
        _current.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        Count++;
        if (_current.Count == TableBatches.MaxChanges)
            Flush();
    }

    /// <summary>Writes what is left and waits for every batch to be stored; throws the first write failure.</summary>
    public async Task CompleteAsync()
    {
        if (_current.Count > 0)
            Flush();
        _batches.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _batches.Writer.TryComplete();
        await _failed.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_writers).ConfigureAwait(false);
        }
        catch (Exception) when (_failed.IsCancellationRequested)
        {
            // The failure was already reported by CompleteAsync or the scorer; disposal only waits for the writers to stop.
        }

        _failed.Dispose();
    }

    private void Flush()
    {
        var batch = _current;
        _current = new List<TableTransactionAction>(TableBatches.MaxChanges);
        // The scorer is synchronous and runs on its own worker thread, so waiting here is the back-pressure.
        _batches.Writer.WriteAsync(batch, _failed.Token).AsTask().GetAwaiter().GetResult();
    }

    private async Task WriteAsync(TableClient table)
    {
        try
        {
            await foreach (var batch in _batches.Reader.ReadAllAsync(_failed.Token).ConfigureAwait(false))
                await table.SubmitTransactionAsync(batch, _failed.Token).ConfigureAwait(false);
        }
        catch
        {
            await _failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
