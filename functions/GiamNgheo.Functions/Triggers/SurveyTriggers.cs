using System.Text.Json;
using Azure.Storage.Blobs;
using GiamNgheo.Pipeline.Processing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.Triggers;

/// <summary>Where uploaded surveys get scored: the blob trigger on the raw file, and the queue that scores a stored file again.</summary>
/// <remarks>A thrown exception makes the host retry (and, after host.json <c>maxDequeueCount</c>, poison); a message that
/// can never succeed is logged and acknowledged. Scoring itself is idempotent (ADR 0004).</remarks>
public sealed class SurveyTriggers(SurveyProcessor processor, ILogger<SurveyTriggers> logger)
{
    /// <summary>Container path the blob trigger watches (the raw uploads, named by content).</summary>
    public const string SurveyBlobPath = "surveys/{year}/{communeCode}/{name}";

    /// <summary>Scores a newly stored upload. On Flex Consumption blob triggers run only from Event Grid notifications.</summary>
    [Function("score-survey")]
    public async Task ScoreSurveyAsync(
        [BlobTrigger(SurveyBlobPath, Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        CancellationToken cancellationToken)
    {
        var result = await processor.ProcessAsync(blob, cancellationToken);
        logger.Scored(blob.Name, result);
    }

    /// <summary>Scores a stored submission again (sent by the sweeper and when a failed file is uploaded again).</summary>
    [Function("rescore-survey")]
    public async Task RescoreSurveyAsync(
        [QueueTrigger("survey-rescore", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        RescoreMessage parsed;
        try
        {
            parsed = RescoreMessage.Parse(message);
            _ = parsed.Key;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            logger.DroppedMessage("rescore-survey", ex.Message);
            return;
        }

        var result = await processor.ProcessStoredAsync(parsed.Key, cancellationToken);
        logger.Scored(parsed.Key.Id, result);
    }
}
