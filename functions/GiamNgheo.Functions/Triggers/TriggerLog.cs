using GiamNgheo.Pipeline.Processing;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.Triggers;

/// <summary>The triggers' log lines.</summary>
internal static partial class TriggerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {Survey}: {Result}.")]
    public static partial void Scored(this ILogger logger, string survey, ProcessingResult result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: dropped a malformed message ({Reason}).")]
    public static partial void DroppedMessage(this ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Province {Year}/{Province}: {Refreshed}.")]
    public static partial void ProvinceRefreshedCore(this ILogger logger, int year, string province, string refreshed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep{PastDue}: {Stalled} stalled submissions, {StaleCommunes} stale commune summaries, {StaleProvinces} stale provinces re-queued.")]
    public static partial void SweptCore(this ILogger logger, string pastDue, int stalled, int staleCommunes, int staleProvinces);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep{PastDue}: {RawUploads} raw uploads and {ExportFiles} export files deleted.")]
    public static partial void RetentionSweptCore(this ILogger logger, string pastDue, int rawUploads, int exportFiles);

    public static void RetentionSwept(this ILogger logger, bool pastDue, int rawUploads, int exportFiles) =>
        logger.RetentionSweptCore(pastDue ? " (past due)" : string.Empty, rawUploads, exportFiles);

    public static void ProvinceRefreshed(this ILogger logger, int year, string province, bool refreshed) =>
        logger.ProvinceRefreshedCore(year, province, refreshed ? "refreshed" : "already current");

    public static void Swept(this ILogger logger, bool pastDue, int stalled, int staleCommunes, int staleProvinces) =>
        logger.SweptCore(pastDue ? " (past due)" : string.Empty, stalled, staleCommunes, staleProvinces);
}
