using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using GiamNgheo.Pipeline.Storage;

namespace GiamNgheo.Workflows.Review;

/// <summary>One entry of a commune's review trail: who recorded which step when, with what facts.</summary>
/// <param name="Sequence">1 for the commune's first step, then one more per step.</param>
/// <param name="Step">The step id.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
/// <param name="Summary">Vietnamese: what was recorded.</param>
/// <param name="Facts">The step's facts as sent (and completed, e.g. the default posting length).</param>
public sealed record ReviewEvent(int Sequence, string Step, DateTimeOffset At, string By, string Summary, JsonElement Facts);

/// <summary>A commune's stored state and the version a conditional write must match.</summary>
/// <param name="State">The state.</param>
/// <param name="Version">Opaque version (the row's ETag).</param>
public sealed record StoredCommune(CommuneReview State, string Version);

/// <summary>The <c>reviews</c> table: per province-year partition, a settings row, a row per commune and the communes' trails.</summary>
/// <remarks>A commune's state and its new trail entry are written in one transaction, conditional on the version read, so
/// two steps recorded at once cannot both apply to the same state and no step is recorded without its trail entry.
/// The table is created on first use (in Azure the Bicep creates it too).</remarks>
public sealed class ReviewStore
{
    /// <summary>Name of the table.</summary>
    public const string TableName = "reviews";

    private const string SettingsRow = "~review";
    private const string CommuneKind = "xa";
    private const string EventKind = "su-kien";
    private const int MaxConflictRetries = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table;
    private Task? _created;

    /// <summary>Creates the store over the storage account's table service.</summary>
    public ReviewStore(PipelineStorage storage) => _table = storage.Tables.GetTableClient(TableName);

    /// <summary>The review's settings, or null when the province has not started a review for the year.</summary>
    public async Task<ReviewSettings?> FindSettingsAsync(int year, string provinceCode, CancellationToken cancellationToken)
    {
        var entity = await GetAsync(Partition(year, provinceCode), SettingsRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Deserialize<ReviewSettings>(entity.GetString("Settings"));
    }

    /// <summary>The settings of every started review (one query over the settings rows of all partitions).</summary>
    public async Task<IReadOnlyList<ReviewSettings>> ListSettingsAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var list = new List<ReviewSettings>();
        await foreach (var entity in _table.QueryAsync<TableEntity>($"RowKey eq '{SettingsRow}'", select: ["Settings"], cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(Deserialize<ReviewSettings>(entity.GetString("Settings")));
        return list;
    }

    /// <summary>Creates or replaces the settings, retrying on concurrent starts.</summary>
    /// <param name="year">Review year.</param>
    /// <param name="provinceCode">The province.</param>
    /// <param name="change">Given the stored settings (null when none), the settings to store; may run again after a conflict.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The settings stored, and whether they were created (the first start).</returns>
    public async Task<(ReviewSettings Settings, bool Created)> SaveSettingsAsync(int year, string provinceCode, Func<ReviewSettings?, ReviewSettings> change, CancellationToken cancellationToken)
    {
        var partition = Partition(year, provinceCode);
        for (var attempt = 0; ; attempt++)
        {
            var entity = await GetAsync(partition, SettingsRow, cancellationToken).ConfigureAwait(false);
            var settings = change(entity is null ? null : Deserialize<ReviewSettings>(entity.GetString("Settings")));
            var row = new TableEntity(partition, SettingsRow) { ["Settings"] = JsonSerializer.Serialize(settings, Json) };
            try
            {
                if (entity is null)
                    await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                else
                    await _table.UpdateEntityAsync(row, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return (settings, entity is null);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                await Backoff(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A commune's state and version, or null when it has recorded nothing.</summary>
    public async Task<StoredCommune?> FindCommuneAsync(int year, string provinceCode, string communeCode, CancellationToken cancellationToken)
    {
        var entity = await GetAsync(Partition(year, provinceCode), communeCode, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new StoredCommune(Deserialize<CommuneReview>(entity.GetString("State")), entity.ETag.ToString());
    }

    /// <summary>Every commune of the review that has recorded something.</summary>
    public async Task<IReadOnlyList<CommuneReview>> CommunesAsync(int year, string provinceCode, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var filter = $"PartitionKey eq '{TableKeys.Quote(Partition(year, provinceCode))}' and Kind eq '{CommuneKind}'";
        var list = new List<CommuneReview>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["State"], cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(Deserialize<CommuneReview>(entity.GetString("State")));
        return list;
    }

    /// <summary>A commune's trail, oldest first.</summary>
    public async Task<IReadOnlyList<ReviewEvent>> TrailAsync(int year, string provinceCode, string communeCode, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var list = new List<ReviewEvent>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableKeys.PrefixFilter(Partition(year, provinceCode), communeCode + "-"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            using var facts = JsonDocument.Parse(e.GetString("Facts") ?? "{}");
            list.Add(new ReviewEvent(e.GetInt32("Sequence") ?? 0, e.GetString("Step"), e.GetDateTimeOffset("At") ?? default, e.GetString("By"), e.GetString("Summary"), facts.RootElement.Clone()));
        }

        return [.. list.OrderBy(e => e.Sequence)];
    }

    /// <summary>Writes a commune's new state with its trail entry if the stored version is still <paramref name="expectedVersion"/>.</summary>
    /// <param name="state">The new state; its <see cref="CommuneReview.EventCount"/> is the entry's sequence.</param>
    /// <param name="expectedVersion">The version read, or null when the commune had no row.</param>
    /// <param name="entry">The trail entry.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>False when someone changed the commune in between: read again and decide again.</returns>
    public async Task<bool> TryWriteAsync(CommuneReview state, string? expectedVersion, ReviewEvent entry, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var partition = Partition(state.Year, state.ProvinceCode);
        var row = new TableEntity(partition, state.CommuneCode)
        {
            ["Kind"] = CommuneKind,
            ["State"] = JsonSerializer.Serialize(state, Json),
            ["Locked"] = state.IsLocked(),
            ["EventCount"] = state.EventCount,
        };
        var trail = new TableEntity(partition, EventRow(state.CommuneCode, entry.Sequence))
        {
            ["Kind"] = EventKind,
            ["Sequence"] = entry.Sequence,
            ["Step"] = entry.Step,
            ["At"] = entry.At,
            ["By"] = entry.By,
            ["Summary"] = entry.Summary,
            ["Facts"] = entry.Facts.GetRawText(),
        };
        List<TableTransactionAction> actions =
        [
            expectedVersion is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(expectedVersion)),
            new TableTransactionAction(TableTransactionActionType.Add, trail),
        ];
        try
        {
            await TableBatches.SubmitAsync(_table, actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Waits a little before the next attempt after a conflict, longer each time.</summary>
    public static Task Backoff(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(5, 20 * (attempt + 1)), cancellationToken);

    private static string Partition(int year, string provinceCode) => string.Create(CultureInfo.InvariantCulture, $"{year}-{provinceCode}");

    private static string EventRow(string communeCode, int sequence) => string.Create(CultureInfo.InvariantCulture, $"{communeCode}-{sequence:D6}");

    private static T Deserialize<T>(string? json) =>
        JsonSerializer.Deserialize<T>(json ?? throw new InvalidDataException("A review row has no JSON."), Json)
        ?? throw new InvalidDataException("A review row holds JSON null.");

    private async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private Task EnsureCreatedAsync()
    {
        // Once per process; a failed attempt is retried by the next call. Not cancellable: callers share it.
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
            _created = created = _table.CreateIfNotExistsAsync(CancellationToken.None);
        return created;
    }
}
