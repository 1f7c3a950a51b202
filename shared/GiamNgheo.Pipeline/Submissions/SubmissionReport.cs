using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Surveys.Reading;

namespace GiamNgheo.Pipeline.Submissions;

/// <summary>One problem found in a file, where it is and why, in Vietnamese.</summary>
/// <param name="Sheet">Sheet (or CSV file) name.</param>
/// <param name="Row">Row number as Excel shows it.</param>
/// <param name="Column">Column letter.</param>
/// <param name="Key">Column key.</param>
/// <param name="Message">The reason, in Vietnamese.</param>
public sealed record ReportedIssue(string? Sheet, int? Row, string? Column, string? Key, string Message)
{
    /// <summary>Copies a survey issue.</summary>
    public static ReportedIssue From(SurveyIssue issue) => new(issue.Sheet, issue.Row, issue.Column, issue.Key, issue.Message);
}

/// <summary>The errors and warnings of one submission, kept as a JSON blob because a long listing exceeds a table property.</summary>
/// <param name="ErrorCount">All errors found (more than are listed when the listing was capped).</param>
/// <param name="WarningCount">All warnings found.</param>
/// <param name="Errors">The listed errors.</param>
/// <param name="Warnings">The listed warnings.</param>
/// <param name="Omitted">A Vietnamese note on how many were counted but not listed, if any.</param>
public sealed record SubmissionReport(int ErrorCount, int WarningCount, IReadOnlyList<ReportedIssue> Errors, IReadOnlyList<ReportedIssue> Warnings, string? Omitted)
{
    /// <summary>An empty report.</summary>
    public static SubmissionReport Empty { get; } = new(0, 0, [], [], null);

    /// <summary>Builds the report of a survey's issues.</summary>
    public static SubmissionReport From(SurveyIssues issues) => new(
        issues.ErrorCount,
        issues.WarningCount,
        [.. issues.Errors.Select(ReportedIssue.From)],
        [.. issues.Warnings.Select(ReportedIssue.From)],
        issues.OmittedSummary());
}

/// <summary>Stores and reads <see cref="SubmissionReport"/>s.</summary>
public sealed class SubmissionReportStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly BlobContainerClient _container;

    /// <summary>Creates the store over the reports container.</summary>
    public SubmissionReportStore(PipelineStorage storage) => _container = storage.Reports;

    /// <summary>Writes (or overwrites: the same file always yields the same report) the report of a submission.</summary>
    public async Task SaveAsync(SubmissionKey key, SubmissionReport report, CancellationToken cancellationToken)
    {
        var data = BinaryData.FromObjectAsJson(report, Json);
        await _container.GetBlobClient(Name(key)).UploadAsync(data, overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report of a submission, or an empty one when it has none.</summary>
    public async Task<SubmissionReport> ReadAsync(SubmissionKey key, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(Name(key)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<SubmissionReport>(Json) ?? SubmissionReport.Empty;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return SubmissionReport.Empty;
        }
    }

    private static string Name(SubmissionKey key) => $"{key.Year}/{key.CommuneCode}/{key.ShortHash}.json";
}
