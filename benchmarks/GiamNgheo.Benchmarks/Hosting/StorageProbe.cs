using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GiamNgheo.LocalHost;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;

namespace GiamNgheo.Benchmarks.Hosting;

/// <summary>One export build as storage records it.</summary>
/// <param name="Manifests">Manifest blobs of the province (one per build requested).</param>
/// <param name="Workbooks">Finished workbooks of the province.</param>
/// <param name="Instances">Orchestration instances <c>export-{year}-{province}-*</c> with their runtime status.</param>
/// <param name="Households">Households the completed build reported writing (its output), summed over instances.</param>
internal sealed record ExportRecord(int Manifests, int Workbooks, IReadOnlyList<string> Instances, long Households)
{
    public override string ToString() =>
        $"{Manifests} manifest(s), {Workbooks} workbook(s), {Instances.Count} instance(s) [{string.Join(", ", Instances)}], {Households:N0} households written";
}

/// <summary>Reads what the pipeline stored, straight from Azurite, to check what the API says.</summary>
internal sealed class StorageProbe(string connectionString)
{
    private readonly TableServiceClient _tables = new(connectionString);
    private readonly BlobServiceClient _blobs = new(connectionString);

    /// <summary>Household rows stored in a commune-year partition (all submissions of the commune).</summary>
    public Task<int> HouseholdRowsAsync(string communeCode, int stopAt = int.MaxValue) =>
        CountAsync(_tables.GetTableClient(PipelineStorage.HouseholdsTable), SubmissionKey.CommuneYearPartition(HostApi.Year, communeCode), stopAt);

    /// <summary>Submission rows of a commune-year (its state row excluded).</summary>
    public async Task<int> SubmissionRowsAsync(string communeCode) =>
        await CountAsync(_tables.GetTableClient(PipelineStorage.SubmissionsTable), SubmissionKey.CommuneYearPartition(HostApi.Year, communeCode), int.MaxValue) - 1;

    /// <summary>True when the submission is its commune's counted one (read from the commune-year state row, as the API does).</summary>
    public async Task<bool> SubmissionCountedAsync(string submissionId)
    {
        if (!SubmissionKey.TryParseId(submissionId, out var year, out var commune, out var shortHash))
            throw new ArgumentException($"Not a submission id: {submissionId}", nameof(submissionId));
        var state = await _tables.GetTableClient(PipelineStorage.SubmissionsTable)
            .GetEntityIfExistsAsync<TableEntity>(SubmissionKey.CommuneYearPartition(year, commune), CommuneState.RowKey);
        return state.HasValue && CommuneState.FromEntity(state.Value!).CountedShortHash == shortHash;
    }

    /// <summary>What storage holds of a province's export builds.</summary>
    public async Task<ExportRecord> ExportAsync(string provinceCode)
    {
        var exports = _blobs.GetBlobContainerClient(PipelineStorage.ExportsContainer);
        var manifests = 0;
        var workbooks = 0;
        await foreach (var blob in exports.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{HostApi.Year}/{provinceCode}/" }))
        {
            if (blob.Name.EndsWith("/manifest.json", StringComparison.Ordinal))
                manifests++;
            else if (blob.Name.EndsWith(".xlsx", StringComparison.Ordinal))
                workbooks++;
        }

        var hub = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json")).TaskHubName;
        var prefix = $"export-{HostApi.Year}-{provinceCode}-";
        var instances = new List<string>();
        long households = 0;
        var filter = $"PartitionKey ge '{prefix}' and PartitionKey lt '{prefix[..^1]}.'";
        await foreach (var row in _tables.GetTableClient(hub + "Instances").QueryAsync<TableEntity>(filter))
        {
            instances.Add(row.GetString("RuntimeStatus") ?? "?");
            // The output is the orchestration's ExportBuildResult as the Durable data converter wrote it (property case varies).
            if (row.GetString("Output") is { Length: > 0 } output && JsonDocument.Parse(output).RootElement is { ValueKind: JsonValueKind.Object } result)
            {
                households += result.EnumerateObject().Where(p => p.Name.Equals("households", StringComparison.OrdinalIgnoreCase)).Sum(p => p.Value.GetInt64());
            }
        }

        return new ExportRecord(manifests, workbooks, instances, households);
    }

    private static async Task<int> CountAsync(TableClient table, string partition, int stopAt)
    {
        var count = 0;
        await foreach (var page in table.QueryAsync<TableEntity>($"PartitionKey eq '{partition}'", 1000, ["RowKey"]).AsPages())
        {
            count += page.Values.Count;
            if (count >= stopAt)
                break;
        }

        return count;
    }
}
