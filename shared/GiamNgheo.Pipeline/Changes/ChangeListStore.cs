using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Surveys.Changes;
using GiamNgheo.Surveys.Reading;

namespace GiamNgheo.Pipeline.Changes;

/// <summary>What the store made of an uploaded start-of-period list or declaration file.</summary>
/// <param name="RawBlob">Where the raw file is kept, whatever its content.</param>
/// <param name="Rows">Rows read (and, when there is no error, now in force).</param>
/// <param name="Issues">Every problem, located by sheet, row and column.</param>
public sealed record ChangeListUpload(string RawBlob, int Rows, SurveyIssues Issues);

/// <summary>The start-of-period lists and declared changes communes upload for the <c>bien-dong</c> report: each raw file kept
/// first and immutable in <see cref="PipelineStorage.ChangeListsContainer"/>, then the rows of the last valid one in force.</summary>
/// <remarks>Blob names: <c>{year}/{commune}/{dau_ky|bien_dong}/{sha256}</c> for raw files and <c>{year}/{commune}/{…}.json</c>
/// for the list in force. The files hold household codes and classes, no names, so they are kept like the scored results.</remarks>
public sealed class ChangeListStore(PipelineStorage storage)
{
    /// <summary>The largest file accepted: a list of 250,000 households (the survey's limit) as CSV is about 10 MB.</summary>
    public const long MaxFileBytes = 32L << 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static SurveyLimits Limits { get; } = SurveyLimits.Default with { MaxFileBytes = MaxFileBytes };

    /// <summary>Stores a start-of-period list; when it has no error it replaces the commune-year's list in force.</summary>
    public Task<ChangeListUpload> SaveStartListAsync(int year, string communeCode, Stream file, string? fileName, CancellationToken cancellationToken) =>
        SaveAsync(year, communeCode, ChangeListReader.StartSheet, file, fileName, (stream, name) => ChangeListReader.ReadStartList(stream, name, Limits) is var r ? (r.Rows, r.Issues) : default, cancellationToken);

    /// <summary>Stores a declaration file; when it has no error it replaces the commune-year's declarations in force.</summary>
    public Task<ChangeListUpload> SaveDeclarationsAsync(int year, string communeCode, Stream file, string? fileName, CancellationToken cancellationToken) =>
        SaveAsync(year, communeCode, ChangeListReader.ChangesSheet, file, fileName, (stream, name) => ChangeListReader.ReadDeclarations(stream, name, Limits) is var r ? (r.Rows, r.Issues) : default, cancellationToken);

    /// <summary>The start-of-period list in force, or null when the commune uploaded none for the year.</summary>
    public async Task<IReadOnlyList<StartListEntry>?> StartListAsync(int year, string communeCode, CancellationToken cancellationToken) =>
        await ReadAsync<StartListEntry>(year, communeCode, ChangeListReader.StartSheet, cancellationToken).ConfigureAwait(false);

    /// <summary>The declared changes in force; empty when the commune declared none.</summary>
    public async Task<IReadOnlyList<DeclaredChange>> DeclarationsAsync(int year, string communeCode, CancellationToken cancellationToken) =>
        await ReadAsync<DeclaredChange>(year, communeCode, ChangeListReader.ChangesSheet, cancellationToken).ConfigureAwait(false) ?? [];

    private async Task<ChangeListUpload> SaveAsync<T>(int year, string communeCode, string kind, Stream file, string? fileName, Func<Stream, string, (IReadOnlyList<T> Rows, SurveyIssues Issues)> read, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? kind : Path.GetFileName(fileName);
        await using var buffer = new MemoryStream();
        await CopyLimitedAsync(file, buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length > MaxFileBytes)
        {
            var tooLarge = new SurveyIssues();
            tooLarge.Error(null, null, null, null, $"Tệp \"{name}\" quá lớn; giới hạn là {MaxFileBytes >> 20} MB.");
            return new ChangeListUpload("", 0, tooLarge);
        }

        buffer.Position = 0;
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(buffer, cancellationToken).ConfigureAwait(false));
        var rawBlob = $"{year}/{communeCode}/{kind}/{hash}";
        buffer.Position = 0;
        try
        {
            await storage.ChangeLists.GetBlobClient(rawBlob).UploadAsync(buffer, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { ["fileName"] = Uri.EscapeDataString(name) },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // The same content was uploaded before: the raw file is already kept.
        }

        buffer.Position = 0;
        var (rows, issues) = read(buffer, name);
        if (!issues.HasErrors)
        {
            var current = new StoredList<T>(rawBlob, name, DateTimeOffset.UtcNow, rows);
            await storage.ChangeLists.GetBlobClient($"{year}/{communeCode}/{kind}.json")
                .UploadAsync(BinaryData.FromObjectAsJson(current, Json), overwrite: true, cancellationToken).ConfigureAwait(false);
        }

        return new ChangeListUpload(rawBlob, rows.Count, issues);
    }

    private async Task<IReadOnlyList<T>?> ReadAsync<T>(int year, string communeCode, string kind, CancellationToken cancellationToken)
    {
        try
        {
            var content = await storage.ChangeLists.GetBlobClient($"{year}/{communeCode}/{kind}.json").DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<StoredList<T>>(Json)!.Rows;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Copies at most one byte past the limit, so an oversized upload is detected without being read whole.</summary>
    private static async Task CopyLimitedAsync(Stream source, MemoryStream target, CancellationToken cancellationToken)
    {
        var chunk = new byte[1 << 16];
        int read;
        while (target.Length <= MaxFileBytes && (read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            target.Write(chunk, 0, read);
    }

    /// <summary>The list in force and the raw file it was read from.</summary>
    private sealed record StoredList<T>(string RawBlob, string FileName, DateTimeOffset StoredAt, IReadOnlyList<T> Rows);
}
