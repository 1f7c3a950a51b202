using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;

namespace GiamNgheo.Pipeline.Exports;

/// <summary>The two steps of a workbook build, each idempotent so a retried or replayed activity does the same once:
/// extract one commune's counted households, then assemble the workbook from the extracts.</summary>
public sealed class ProvinceWorkbookBuilder
{
    /// <summary>Content type of the workbook blob.</summary>
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Content type of the Parquet zip.</summary>
    public const string ZipContentType = "application/zip";

    private const string ParquetContentType = "application/vnd.apache.parquet";

    private const string RowsMetadata = "rows";

    private readonly PipelineStorage _storage;
    private readonly HouseholdStore _households;
    private readonly ProvinceWorkbook _workbook;

    /// <summary>Creates the builder.</summary>
    public ProvinceWorkbookBuilder(PipelineStorage storage, HouseholdStore households, ProvinceWorkbook workbook)
    {
        _storage = storage;
        _households = households;
        _workbook = workbook;
    }

    /// <summary>Stores the extract of one commune of the build (once: an existing extract is kept); returns its household count.</summary>
    /// <exception cref="InvalidDataException">The stored households are not those the commune's counted tally counts (rows lost).</exception>
    public async Task<long> ExtractCommuneAsync(ExportBuildId build, string communeCode, CancellationToken cancellationToken)
    {
        using var span = PipelineTelemetry.Source.StartActivity("export.extract-commune");
        span?.SetTag(PipelineTelemetry.ExportBuildTag, build.InstanceId);
        span?.SetTag(PipelineTelemetry.CommuneTag, communeCode);

        var blob = _storage.Exports.GetBlobClient(build.ExtractBlobName(communeCode));
        if (await RowsOfAsync(blob, cancellationToken).ConfigureAwait(false) is { } existing)
            return existing;

        var manifest = await ReadManifestAsync(build, cancellationToken).ConfigureAwait(false);
        var commune = manifest.Communes.FirstOrDefault(c => c.Code == communeCode)
            ?? throw new InvalidOperationException($"Commune {communeCode} is not in the manifest of {build.InstanceId}.");
        if (!SubmissionKey.TryParseId(commune.SubmissionId, out var year, out var code, out var shortHash))
            throw new InvalidDataException($"The manifest of {build.InstanceId} names an invalid submission '{commune.SubmissionId}'.");

        using var temp = new TemporaryFile("giamngheo-extract-");
        long rows;
        await using (var file = temp.Create())
            rows = await HouseholdExtract.WriteAsync(file, _households.AllAsync(year, code, shortHash, HouseholdView.WithoutHeadName, cancellationToken), cancellationToken).ConfigureAwait(false);

        // The unit sheets carry the counted tally; a workbook whose household sheet disagrees with them must not be built.
        var counted = commune.Counts.Households.Values.Sum();
        if (rows != counted)
            throw new InvalidDataException($"Submission {commune.SubmissionId} counts {counted} households but {rows} are stored; the build of {build.InstanceId} cannot go on.");
        await UploadOnceAsync(blob, temp.Path, "application/gzip", new Dictionary<string, string> { [RowsMetadata] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Writes the workbook and the Parquet files of the model from the extracts and stores them (once): each Parquet
    /// file under the build's year/province prefix, their zip, and the workbook last, whose existence marks the build complete.
    /// Then removes the extracts; returns the workbook's size in bytes.</summary>
    public async Task<long> AssembleAsync(ExportBuildId build, CancellationToken cancellationToken)
    {
        using var span = PipelineTelemetry.Source.StartActivity("export.assemble");
        span?.SetTag(PipelineTelemetry.ExportBuildTag, build.InstanceId);

        var target = _storage.Exports.GetBlobClient(build.WorkbookBlobName);
        if (await SizeOfAsync(target, cancellationToken).ConfigureAwait(false) is not { } size)
        {
            var manifest = await ReadManifestAsync(build, cancellationToken).ConfigureAwait(false);
            using var temp = new TemporaryFile("giamngheo-export-");
            using var parquetFiles = new TemporaryFile("giamngheo-parquet-");
            var parquet = new ParquetStarOutput(ScratchFiles.Folder, Path.GetFileName(parquetFiles.Path) + "-");
            try
            {
                await using (var file = temp.Create())
                    await _workbook.WriteAsync(file, parquet, manifest, commune => ReadExtractAsync(build, commune.Code, cancellationToken), cancellationToken).ConfigureAwait(false);
                await StoreParquetAsync(build, parquet, parquetFiles.Path, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                foreach (var table in PowerBiModel.Tables)
                    File.Delete(parquet.PathOf(table));
            }

            await UploadOnceAsync(target, temp.Path, XlsxContentType, null, cancellationToken).ConfigureAwait(false);
            size = new FileInfo(temp.Path).Length;
        }

        await DeleteExtractsAsync(build, cancellationToken).ConfigureAwait(false);
        return size;
    }

    /// <summary>Stores each Parquet file under the build's prefix and their zip (stored, not deflated: Parquet pages are
    /// compressed already), which <c>?format=parquet</c> serves.</summary>
    private async Task StoreParquetAsync(ExportBuildId build, ParquetStarOutput parquet, string zipPath, CancellationToken cancellationToken)
    {
        await using (var zipFile = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        await using (var zip = new ZipArchive(zipFile, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in PowerBiModel.Tables)
            {
                var path = parquet.PathOf(table);
                var name = table.FileName + ".parquet";
                await UploadOnceAsync(_storage.Exports.GetBlobClient(build.ParquetPrefix + name), path, ParquetContentType, null, cancellationToken).ConfigureAwait(false);
                await using var entry = await zip.CreateEntry(name, CompressionLevel.NoCompression).OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var source = File.OpenRead(path);
                await source.CopyToAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }

        await UploadOnceAsync(_storage.Exports.GetBlobClient(build.ParquetZipBlobName), zipPath, ZipContentType, null, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<HouseholdRecord> ReadExtractAsync(ExportBuildId build, string communeCode, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blob = _storage.Exports.GetBlobClient(build.ExtractBlobName(communeCode));
        using var download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        await foreach (var household in HouseholdExtract.ReadAsync(download.Content, cancellationToken).ConfigureAwait(false))
            yield return household;
    }

    private async Task<ExportManifest> ReadManifestAsync(ExportBuildId build, CancellationToken cancellationToken)
    {
        var content = await _storage.Exports.GetBlobClient(build.ManifestBlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return ExportManifest.Parse(content.Value.Content);
    }

    private async Task DeleteExtractsAsync(ExportBuildId build, CancellationToken cancellationToken)
    {
        await foreach (var item in _storage.Exports.GetBlobsAsync(new GetBlobsOptions { Prefix = build.WorkPrefix + "communes/" }, cancellationToken).ConfigureAwait(false))
            await _storage.Exports.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long?> RowsOfAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.Metadata.TryGetValue(RowsMetadata, out var rows) ? long.Parse(rows, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static async Task<long?> SizeOfAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ContentLength;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static async Task UploadOnceAsync(BlobClient blob, string path, string contentType, IDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata,
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await blob.UploadAsync(path, options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Written meanwhile by a redelivered activity from the same immutable input: that copy is as good.
        }
    }

    /// <summary>A temporary file deleted on dispose: big intermediate files go to disk, never to memory.</summary>
    private sealed class TemporaryFile(string prefix) : IDisposable
    {
        public string Path { get; } = ScratchFiles.NewPath(prefix);

        public FileStream Create() => new(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);

        public void Dispose() => File.Delete(Path);
    }
}
