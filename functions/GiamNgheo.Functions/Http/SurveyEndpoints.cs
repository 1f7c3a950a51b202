using GiamNgheo.Pipeline.Submissions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GiamNgheo.Functions.Api;

/// <summary>Uploads of commune surveys and the status of submissions.</summary>
public static class SurveyEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api, long maxUploadBytes)
    {
        api.MapPost("/surveys/{year:int}/{communeCode}", (HttpContext context, int year, string communeCode, SubmissionIntake intake, CancellationToken ct) =>
            UploadAsync(context, year, communeCode, intake, maxUploadBytes, ct));
        api.MapGet("/submissions/{submissionId}", GetSubmissionAsync);
    }

    private static async Task<IResult> UploadAsync(HttpContext context, int year, string communeCode, SubmissionIntake intake, long maxUploadBytes, CancellationToken ct)
    {
        if (intake.CheckTarget(year, communeCode) is { } refused)
            return Problems.From(refused, null);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxUploadBytes + (1 << 20);

        var boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary) || mediaType?.MediaType.Value?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problems.Create("can-multipart", 415, "Sai kiểu dữ liệu tải lên",
                "Hãy gửi tệp dưới dạng multipart/form-data, trường \"file\" (tệp .xlsx hoặc .zip các tệp CSV).");
        }

        // The file is streamed section by section, never buffered whole in memory: communes upload tens of megabytes.
        var reader = new MultipartReader(boundary, context.Request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data")
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            var result = await intake.ReceiveAsync(year, communeCode, section.Body, Path.GetFileName(fileName), ct);
            if (result.Rejection is { } rejection)
                return Problems.From(rejection, result.Submission);
            var submission = result.Submission!;
            var url = $"/api/submissions/{submission.Key.Id}";
            return Results.Accepted(url, new UploadAccepted(submission.Key.Id, submission.Status.Code(), result.Duplicate, url));
        }

        return Problems.Create("thieu-tep", 400, "Thiếu tệp", "Yêu cầu không có trường \"file\" chứa tệp khảo sát.");
    }

    private static async Task<IResult> GetSubmissionAsync(string submissionId, SubmissionStore submissions, SubmissionReportStore reports, CancellationToken ct)
    {
        var submission = await submissions.FindAsync(submissionId, ct);
        if (submission is null)
            return Problems.NotFound($"Không có lần nộp \"{submissionId}\".");
        var state = await submissions.FindStateAsync(submission.Key.Year, submission.Key.CommuneCode, ct);
        var counted = state?.CountedShortHash == submission.Key.ShortHash;
        var report = submission.ErrorCount > 0 || submission.WarningCount > 0
            ? await reports.ReadAsync(submission.Key, ct)
            : SubmissionReport.Empty;
        return Results.Ok(SubmissionView.From(submission, counted, report));
    }
}
