using System.Text.Json;
using GiamNgheo.Pipeline.Recovery;
using GiamNgheo.Pipeline.Summaries;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.Triggers;

/// <summary>Keeping aggregates current: the province refresh queue and the timer that re-queues stalled work.</summary>
public sealed class SummaryTriggers(SummaryStore summaries, SubmissionSweeper sweeper, ILogger<SummaryTriggers> logger)
{
    /// <summary>Recomputes a province's stored aggregate (and, before 2025, its districts) after a commune changed.</summary>
    [Function("refresh-summaries")]
    public async Task RefreshSummariesAsync(
        [QueueTrigger("summary-refresh", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        SummaryRefreshMessage parsed;
        try
        {
            parsed = SummaryRefreshMessage.Parse(message);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            logger.DroppedMessage("refresh-summaries", ex.Message);
            return;
        }

        var refreshed = await summaries.RefreshProvinceAsync(parsed.Year, parsed.ProvinceCode, cancellationToken);
        logger.ProvinceRefreshed(parsed.Year, parsed.ProvinceCode, refreshed);
    }

    /// <summary>Every five minutes: re-queues submissions that stalled and summaries that lag (lost events, poison messages).</summary>
    [Function("sweep-submissions")]
    public async Task SweepAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await sweeper.SweepAsync(cancellationToken);
        logger.Swept(timer.IsPastDue, result.StalledSubmissions, result.StaleCommuneSummaries, result.StaleProvinces);
    }
}
