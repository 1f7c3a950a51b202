using GiamNgheo.Pipeline.Retention;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.Triggers;

/// <summary>Deleting what is kept no longer: raw uploads and built exports past their retention period.</summary>
public sealed class RetentionTriggers(RetentionSweeper sweeper, ILogger<RetentionTriggers> logger)
{
    /// <summary>Every night at 19:00 UTC (02:00 in Vietnam, outside office hours): deletes expired files.</summary>
    [Function("sweep-retention")]
    public async Task SweepAsync([TimerTrigger("0 0 19 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await sweeper.SweepAsync(cancellationToken);
        logger.RetentionSwept(timer.IsPastDue, result.RawUploads, result.ExportFiles);
    }
}
