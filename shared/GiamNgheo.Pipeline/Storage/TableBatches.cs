using Azure.Data.Tables;

namespace GiamNgheo.Pipeline.Storage;

/// <summary>Writes entity changes as transactions of at most 100 changes, each within one partition, as Azure requires.</summary>
/// <remarks>Azurite accepts batches that mix partitions; Azure rejects them. The check here keeps tests honest.</remarks>
public static class TableBatches
{
    /// <summary>The most changes one entity group transaction may hold.</summary>
    public const int MaxChanges = 100;

    /// <summary>Submits the changes of one partition in transactions of at most <see cref="MaxChanges"/>.</summary>
    public static async Task SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
            return;
        var partition = actions[0].Entity.PartitionKey;
        foreach (var action in actions)
        {
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
                throw new ArgumentException($"A transaction must stay in one partition; got '{partition}' and '{action.Entity.PartitionKey}'.", nameof(actions));
        }

        for (var start = 0; start < actions.Count; start += MaxChanges)
        {
            var chunk = actions.Skip(start).Take(MaxChanges).ToList();
            await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }
}
