using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Workflows.Storage;

namespace GiamNgheo.Workflows.Plans;

/// <summary>A plan as stored: its current content, version and whether it is published.</summary>
/// <param name="Plan">The current content.</param>
/// <param name="Version">1 for the first content; each replacement adds one.</param>
/// <param name="PublishedAt">When it was published (reminders run only for published plans), or null for a draft.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When its content last changed.</param>
public sealed record StoredPlan(ReportingPlan Plan, int Version, DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Whether reminders run for it.</summary>
    public bool IsPublished => PublishedAt is not null;
}

/// <summary>Why a plan change was not applied.</summary>
public enum PlanChangeRefusal
{
    /// <summary>A plan with that id exists already.</summary>
    AlreadyExists,

    /// <summary>No plan has that id.</summary>
    NotFound,

    /// <summary>The change would move the plan to another unit or year: a different plan.</summary>
    IdentityChanged,

    /// <summary>Someone changed the plan at the same moment; read it again and retry.</summary>
    Concurrent,
}

/// <summary>The outcome of a plan change: the stored plan and the one it replaced, or why it was refused.</summary>
/// <param name="Plan">The plan after the change, or null when refused.</param>
/// <param name="Previous">The plan before the change (null when created).</param>
/// <param name="Refusal">Why it was refused, or null.</param>
public sealed record PlanChange(StoredPlan? Plan, StoredPlan? Previous, PlanChangeRefusal? Refusal);

/// <summary>Keeps plans: every version as an immutable JSON blob, the current one named by a table row.</summary>
/// <remarks>The row's ETag serialises changes; a version blob has a unique name, so two writers racing for the same version
/// never overwrite each other's content and the row always names the content that won.</remarks>
public sealed class PlanStore(WorkflowStorage storage, TimeProvider clock)
{
    private const string CurrentRow = "hien-tai";

    /// <summary>Stores a new plan as an unpublished draft.</summary>
    public async Task<PlanChange> CreateAsync(ReportingPlan plan, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var blob = await WriteVersionAsync(plan, 1, cancellationToken).ConfigureAwait(false);
        var stored = new StoredPlan(plan, 1, null, now, now);
        try
        {
            await storage.Plans.AddEntityAsync(ToEntity(stored, blob), cancellationToken).ConfigureAwait(false);
            return new PlanChange(stored, null, null);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return new PlanChange(null, null, PlanChangeRefusal.AlreadyExists);
        }
    }

    /// <summary>Replaces a plan's content; a published plan stays published (its reminders are rescheduled by the caller).</summary>
    public async Task<PlanChange> ReplaceAsync(ReportingPlan plan, CancellationToken cancellationToken)
    {
        var current = await FindEntityAsync(plan.Id, cancellationToken).ConfigureAwait(false);
        if (current is null)
            return new PlanChange(null, null, PlanChangeRefusal.NotFound);
        var previous = await ReadAsync(current, cancellationToken).ConfigureAwait(false);
        if (previous.Plan.Year != plan.Year || previous.Plan.UnitCode != plan.UnitCode)
            return new PlanChange(null, previous, PlanChangeRefusal.IdentityChanged);

        var stored = previous with { Plan = plan, Version = previous.Version + 1, UpdatedAt = clock.GetUtcNow() };
        var blob = await WriteVersionAsync(plan, stored.Version, cancellationToken).ConfigureAwait(false);
        return await UpdateAsync(current, stored, blob, previous, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes a plan; publishing a published plan changes nothing.</summary>
    public async Task<PlanChange> PublishAsync(string planId, CancellationToken cancellationToken)
    {
        var current = await FindEntityAsync(planId, cancellationToken).ConfigureAwait(false);
        if (current is null)
            return new PlanChange(null, null, PlanChangeRefusal.NotFound);
        var previous = await ReadAsync(current, cancellationToken).ConfigureAwait(false);
        if (previous.IsPublished)
            return new PlanChange(previous, previous, null);
        var stored = previous with { PublishedAt = clock.GetUtcNow() };
        return await UpdateAsync(current, stored, current.GetString("Blob"), previous, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plan with that id, or null.</summary>
    public async Task<StoredPlan?> FindAsync(string planId, CancellationToken cancellationToken)
    {
        var entity = await FindEntityAsync(planId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : await ReadAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plans of a unit and/or a year (both optional), without their content: id, title, version, state.</summary>
    public async Task<IReadOnlyList<PlanListing>> ListAsync(string? unitCode, int? year, CancellationToken cancellationToken)
    {
        var filters = new List<string> { $"RowKey eq '{CurrentRow}'" };
        if (unitCode is not null)
            filters.Add(TableClient.CreateQueryFilter($"UnitCode eq {unitCode}"));
        if (year is not null)
            filters.Add(TableClient.CreateQueryFilter($"Year eq {year.Value}"));
        var list = new List<PlanListing>();
        await foreach (var e in storage.Plans.QueryAsync<TableEntity>(string.Join(" and ", filters), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new PlanListing(e.PartitionKey, e.GetString("Title"), e.GetInt32("Year")!.Value, e.GetString("UnitCode"),
                e.GetInt32("Version")!.Value, e.GetDateTimeOffset("PublishedAt"), e.GetDateTimeOffset("UpdatedAt")!.Value));
        }

        return list;
    }

    private async Task<PlanChange> UpdateAsync(TableEntity current, StoredPlan stored, string blob, StoredPlan previous, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Plans.UpdateEntityAsync(ToEntity(stored, blob), current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new PlanChange(stored, previous, null);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return new PlanChange(null, previous, PlanChangeRefusal.Concurrent);
        }
    }

    private async Task<string> WriteVersionAsync(ReportingPlan plan, int version, CancellationToken cancellationToken)
    {
        var name = $"{plan.Id}/{version.ToString("D4", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.json";
        using var content = new MemoryStream();
        PlanDocument.Write(content, plan, indented: false);
        content.Position = 0;
        await storage.PlanVersions.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken).ConfigureAwait(false);
        return name;
    }

    private async Task<StoredPlan> ReadAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var content = await storage.PlanVersions.GetBlobClient(entity.GetString("Blob")).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        // Stored plans passed validation when written; reading them validates again, so a stored version that a later rule
        // refuses fails loudly here rather than sending reminders from a plan the API would no longer accept.
        var read = PlanDocument.Read(content.Value.Content.ToMemory().Span);
        if (!read.IsValid)
            throw new InvalidDataException($"Stored plan {entity.PartitionKey} ({entity.GetString("Blob")}) no longer validates: {string.Join("; ", read.Issues)}");
        return new StoredPlan(
            read.Plan,
            entity.GetInt32("Version")!.Value,
            entity.GetDateTimeOffset("PublishedAt"),
            entity.GetDateTimeOffset("CreatedAt")!.Value,
            entity.GetDateTimeOffset("UpdatedAt")!.Value);
    }

    private async Task<TableEntity?> FindEntityAsync(string planId, CancellationToken cancellationToken)
    {
        var response = await storage.Plans.GetEntityIfExistsAsync<TableEntity>(planId, CurrentRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static TableEntity ToEntity(StoredPlan stored, string blob) => new(stored.Plan.Id, CurrentRow)
    {
        ["Title"] = stored.Plan.Title,
        ["Year"] = stored.Plan.Year,
        ["UnitCode"] = stored.Plan.UnitCode,
        ["Version"] = stored.Version,
        ["Blob"] = blob,
        ["PublishedAt"] = stored.PublishedAt,
        ["CreatedAt"] = stored.CreatedAt,
        ["UpdatedAt"] = stored.UpdatedAt,
    };
}

/// <summary>A plan in a list: what identifies it, without its content.</summary>
/// <param name="Id">Plan id.</param>
/// <param name="Title">Title.</param>
/// <param name="Year">Year.</param>
/// <param name="UnitCode">Publishing unit.</param>
/// <param name="Version">Current version.</param>
/// <param name="PublishedAt">When published, or null for a draft.</param>
/// <param name="UpdatedAt">When last changed.</param>
public sealed record PlanListing(string Id, string Title, int Year, string UnitCode, int Version, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt);
