using Azure.Storage.Blobs;
using GiamNgheo.Pipeline.Storage;

namespace GiamNgheo.Pipeline.Retention;

/// <summary>What one retention sweep deleted.</summary>
/// <param name="RawUploads">Raw uploads deleted.</param>
/// <param name="ExportFiles">Export blobs (workbooks, manifests, leftover extracts) deleted.</param>
public sealed record RetentionSweepResult(int RawUploads, int ExportFiles);

/// <summary>Deletes raw uploads and export files older than the <see cref="RetentionPolicy"/>.</summary>
/// <remarks>Azure's lifecycle rules do the same in the cloud, but only once a day at a time of their choosing and not at all
/// on Azurite: the sweep makes the local run and Azure behave alike, and the rules are the backstop if the app is down.</remarks>
public sealed class RetentionSweeper(PipelineStorage storage, RetentionPolicy policy, TimeProvider clock)
{
    /// <summary>Deletes every expired blob of both containers.</summary>
    public async Task<RetentionSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var raw = await DeleteOlderThanAsync(storage.Surveys, now.AddDays(-policy.RawUploadDays), cancellationToken).ConfigureAwait(false);
        var exports = await DeleteOlderThanAsync(storage.Exports, now.AddDays(-policy.ExportDays), cancellationToken).ConfigureAwait(false);
        return new RetentionSweepResult(raw, exports);
    }

    private static async Task<int> DeleteOlderThanAsync(BlobContainerClient container, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (blob.Properties.LastModified is not { } modified || modified >= cutoff)
                continue;
            // Only the version that was listed: a blob written again since (a file uploaded anew) starts a new period.
            var conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfMatch = blob.Properties.ETag };
            try
            {
                if ((await container.DeleteBlobIfExistsAsync(blob.Name, conditions: conditions, cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
                    deleted++;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 412)
            {
                // Changed since it was listed: kept for a new period.
            }
        }

        return deleted;
    }
}
