using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;

namespace GiamNgheo.Pipeline.Households;

/// <summary>Stores and reads the household digests of submissions (ADR 0011).</summary>
/// <remarks>A submission's households never change (it is keyed by its content), so its digest never goes stale; only a
/// change of <see cref="HouseholdRecord"/> does, and that changes <see cref="HouseholdDigest.Version"/> in the name.</remarks>
public sealed class HouseholdDigestStore
{
    private readonly BlobContainerClient _container;
    private readonly HouseholdStore _households;

    /// <summary>Creates the store over the digests container and the households table it is built from.</summary>
    public HouseholdDigestStore(PipelineStorage storage, HouseholdStore households)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _container = storage.Digests;
        _households = households;
    }

    /// <summary>The blob name of a submission's digest in the current format version.</summary>
    public static string BlobName(int year, string communeCode, string shortHash) =>
        FormattableString.Invariant($"{year}/{communeCode}/{shortHash}.{HouseholdDigest.Version}.digest");

    /// <summary>Stores the digest written while the submission was scored; <paramref name="content"/> is read from its start.</summary>
    /// <remarks>Called before the submission is marked scored, so a counted submission has its digest; a redelivered file
    /// overwrites it with the same households.</remarks>
    public async Task PublishAsync(SubmissionKey key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        content.Position = 0;
        await _container.GetBlobClient(BlobName(key.Year, key.CommuneCode, key.ShortHash)).UploadAsync(content, overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The digest of a counted submission; built from its table rows and stored when it has none (submissions
    /// stored before digests existed, or before the record last changed).</summary>
    public async Task<HouseholdDigest> OpenAsync(int year, string communeCode, string shortHash, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(BlobName(year, communeCode, shortHash));
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new HouseholdDigest(content.Value.Content.ToArray());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return await BuildAsync(blob, year, communeCode, shortHash, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HouseholdDigest> BuildAsync(BlobClient blob, int year, string communeCode, string shortHash, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new HouseholdDigestWriter(buffer))
        {
            await foreach (var entity in _households.EntitiesAsync(year, communeCode, shortHash, cancellationToken).ConfigureAwait(false))
                writer.Add(entity);
            writer.Complete();
        }

        var bytes = buffer.ToArray();
        try
        {
            // The first writer wins; another reader building the same digest at once stored the same households.
            await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already stored meanwhile.
        }

        return new HouseholdDigest(bytes);
    }
}
