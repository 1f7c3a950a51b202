using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Pipeline.Audit;

/// <summary>The append-only record of who did or read what, where, and with which outcome: households are personal data.</summary>
/// <remarks>Partitioned by Vietnamese calendar day, newest first within a day, so an auditor reads a period in one range query.
/// Entries are only ever added (an insert fails rather than overwrite), and each carries the unit's province and pre-2025
/// district so a province's log includes its communes.</remarks>
public sealed class AuditLog
{
    /// <summary>The largest page <see cref="QueryAsync"/> returns.</summary>
    public const int MaxPageSize = 1000;

    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private readonly TableClient _table;
    private readonly AdminUnitCatalog _units;
    private readonly TimeProvider _clock;

    /// <summary>Creates the log over the audit table.</summary>
    public AuditLog(PipelineStorage storage, AdminUnitCatalog units, TimeProvider clock)
    {
        _table = storage.Audit;
        _units = units;
        _clock = clock;
    }

    /// <summary>Appends one entry, stamped with the current time.</summary>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var (province, district) = Parents(entry.UnitCode, entry.Year);
        var row = new TableEntity(
            Day(DayOf(now)),
            (DateTimeOffset.MaxValue.Ticks - now.Ticks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"))
        {
            ["At"] = now,
            ["Action"] = entry.Action,
            ["Outcome"] = entry.Outcome,
            ["Unit"] = entry.UnitCode,
            ["Province"] = province,
            ["District"] = district,
            ["Year"] = entry.Year?.Value,
            ["Resource"] = entry.Resource,
            ["PrincipalId"] = entry.Actor.Id,
            ["Principal"] = entry.Actor.Name,
        };
        await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Today as the log's days count: the Vietnamese calendar day.</summary>
    public DateOnly Today() => DayOf(_clock.GetUtcNow());

    /// <summary>Entries from <paramref name="from"/> to <paramref name="to"/> (Vietnamese calendar days, inclusive), of a unit and
    /// the units inside it when <paramref name="unitCode"/> is given; by day, newest first within a day.</summary>
    public async Task<AuditPage> QueryAsync(string? unitCode, DateOnly from, DateOnly to, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Day(from)} and PartitionKey le {Day(to)}");
        if (unitCode is not null)
            filter += " and " + TableClient.CreateQueryFilter($"(Unit eq {unitCode} or Province eq {unitCode} or District eq {unitCode})");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, Math.Clamp(pageSize, 1, MaxPageSize), cancellationToken: cancellationToken)
                           .AsPages(pageToken, Math.Clamp(pageSize, 1, MaxPageSize)).ConfigureAwait(false))
        {
            return new AuditPage([.. page.Values.Select(Read)], page.ContinuationToken);
        }

        return new AuditPage([], null);
    }

    private static AuditRecord Read(TableEntity row) => new(
        row.GetDateTimeOffset("At") ?? default,
        row.GetString("Action"),
        row.GetString("Outcome"),
        row.GetString("Unit"),
        row.GetInt32("Year"),
        row.GetString("Resource"),
        row.GetString("PrincipalId"),
        row.GetString("Principal"));

    private (string? Province, string? District) Parents(string? unitCode, ReviewYear? year)
    {
        var on = year?.ReferenceDate ?? DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        return unitCode is not null && _units.Find(unitCode, on) is { Level: not AdminLevel.Province } unit ? (unit.ProvinceCode, unit.DistrictCode) : (null, null);
    }

    private static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(VietnamOffset).DateTime);

    private static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

/// <summary>What one audited request did.</summary>
/// <param name="Action">What was done, e.g. <c>survey.upload</c>, <c>households.list</c>, <c>review.quyet-dinh</c>.</param>
/// <param name="UnitCode">The unit it touched, when one.</param>
/// <param name="Year">The review year it concerned, when one.</param>
/// <param name="Resource">What exactly, e.g. a submission or build id.</param>
/// <param name="Actor">The verified caller.</param>
/// <param name="Outcome"><c>ok</c>, <c>tu-choi</c> (refused by role or scope) or a refusal code of the action.</param>
public sealed record AuditEntry(string Action, string? UnitCode, ReviewYear? Year, string Resource, AuditActor Actor, string Outcome)
{
    /// <summary>The outcome of an action that went ahead.</summary>
    public const string Done = "ok";

    /// <summary>The outcome of a request refused by role or scope.</summary>
    public const string Refused = "tu-choi";
}

/// <summary>Who acted, as a validated token names them: never a name the client sent in a header.</summary>
/// <param name="Id">Stable id at the issuer.</param>
/// <param name="Name">Display name.</param>
public sealed record AuditActor(string Id, string Name);

/// <summary>An entry as read back.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Action">What was done.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="UnitCode">The unit.</param>
/// <param name="Year">The review year.</param>
/// <param name="Resource">What exactly.</param>
/// <param name="PrincipalId">Who (stable id).</param>
/// <param name="Principal">Who (display name).</param>
public sealed record AuditRecord(DateTimeOffset At, string? Action, string? Outcome, string? UnitCode, int? Year, string? Resource, string? PrincipalId, string? Principal);

/// <summary>One page of the audit log and the token of the next.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="NextPageToken">Null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Entries, string? NextPageToken);
