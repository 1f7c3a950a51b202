using System.Globalization;
using Azure.Data.Tables;
using GiamNgheo.Pipeline.Storage;

namespace GiamNgheo.Pipeline.Audit;

/// <summary>Records who read which household-level data, because households are personal data.</summary>
/// <remarks>Partitioned by day, newest first within a day, so an auditor reads a day in one query.</remarks>
public sealed class AuditLog
{
    private readonly TableClient _table;
    private readonly TimeProvider _clock;

    /// <summary>Creates the log over the audit table.</summary>
    public AuditLog(PipelineStorage storage, TimeProvider clock)
    {
        _table = storage.Audit;
        _clock = clock;
    }

    /// <summary>Records one access.</summary>
    /// <param name="action">What was done, e.g. <c>export.download</c>.</param>
    /// <param name="resource">What was read, e.g. <c>2025/01</c>.</param>
    /// <param name="principal">Who: the signed-in user when the platform supplies one, else <c>anonymous</c>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task RecordAsync(string action, string resource, string principal, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var entity = new TableEntity(
            now.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            (DateTimeOffset.MaxValue.Ticks - now.Ticks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"))
        {
            ["At"] = now,
            ["Action"] = action,
            ["Resource"] = resource,
            ["Principal"] = principal,
        };
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }
}
