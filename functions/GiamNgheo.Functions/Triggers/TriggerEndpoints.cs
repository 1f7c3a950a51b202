using System.Net;
using System.Text.Json;
using GiamNgheo.Functions.HostProtocol;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Recovery;
using GiamNgheo.Pipeline.Summaries;

namespace GiamNgheo.Functions.Triggers;

/// <summary>The non-HTTP functions: the host POSTs each trigger to <c>/{function name}</c> with its JSON payload.</summary>
/// <remarks>A non-2xx answer makes the host retry (and, after its limit, poison the event), so failures that a retry
/// can cure are thrown; a message that can never succeed (malformed) is logged and acknowledged.</remarks>
public static class TriggerEndpoints
{
    /// <summary>Maps one POST endpoint per trigger function, named as the function folders.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/score-survey", ScoreSurveyAsync);
        app.MapPost("/rescore-survey", RescoreSurveyAsync);
        app.MapPost("/refresh-summaries", RefreshSummariesAsync);
        app.MapPost("/sweep-submissions", SweepAsync);
    }

    private static async Task<IResult> ScoreSurveyAsync(HttpRequest request, SurveyProcessor processor, CancellationToken ct)
    {
        using var invocation = await InvocationRequest.ReadAsync(request, ct);
        var content = invocation.RequiredDataBytes("survey");
        var blobName = $"{invocation.RequiredMetadataString("year")}/{invocation.RequiredMetadataString("communeCode")}/{invocation.RequiredMetadataString("name")}";
        var fileName = invocation.MetadataObject("Metadata") is { ValueKind: JsonValueKind.Object } metadata
            && metadata.TryGetProperty("filename", out var name) && name.ValueKind == JsonValueKind.String
                ? WebUtility.UrlDecode(name.GetString())
                : null;
        var result = await processor.ProcessAsync(blobName, content, string.IsNullOrEmpty(fileName) ? null : fileName, ct);
        return InvocationResult.Completed([$"score-survey {blobName}: {result}"]);
    }

    private static async Task<IResult> RescoreSurveyAsync(HttpRequest request, SurveyProcessor processor, CancellationToken ct)
    {
        using var invocation = await InvocationRequest.ReadAsync(request, ct);
        var text = invocation.RequiredDataString("message");
        RescoreMessage message;
        try
        {
            message = RescoreMessage.Parse(text);
            _ = message.Key;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return InvocationResult.Completed([$"rescore-survey: dropped a malformed message ({ex.Message})."]);
        }

        var result = await processor.ProcessStoredAsync(message.Key, ct);
        return InvocationResult.Completed([$"rescore-survey {message.Key.Id}: {result}"]);
    }

    private static async Task<IResult> RefreshSummariesAsync(HttpRequest request, SummaryStore summaries, CancellationToken ct)
    {
        using var invocation = await InvocationRequest.ReadAsync(request, ct);
        var text = invocation.RequiredDataString("message");
        SummaryRefreshMessage message;
        try
        {
            message = SummaryRefreshMessage.Parse(text);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return InvocationResult.Completed([$"refresh-summaries: dropped a malformed message ({ex.Message})."]);
        }

        var refreshed = await summaries.RefreshProvinceAsync(message.Year, message.ProvinceCode, ct);
        return InvocationResult.Completed([$"refresh-summaries {message.Year}/{message.ProvinceCode}: {(refreshed ? "refreshed" : "already current")}"]);
    }

    private static async Task<IResult> SweepAsync(HttpRequest request, SubmissionSweeper sweeper, CancellationToken ct)
    {
        using var invocation = await InvocationRequest.ReadAsync(request, ct);
        var timer = invocation.DataTimer("timer");
        var result = await sweeper.SweepAsync(ct);
        return InvocationResult.Completed([
            $"sweep-submissions{(timer?.IsPastDue == true ? " (past due)" : string.Empty)}: {result.StalledSubmissions} stalled submissions, {result.StaleCommuneSummaries} stale commune summaries, {result.StaleProvinces} stale provinces re-queued.",
        ]);
    }
}
