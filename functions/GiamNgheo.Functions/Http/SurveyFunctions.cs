using GiamNgheo.Access.Authorization;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Retention;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Template;
using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Http;

/// <summary>The commune officer's side: the survey template, uploads, and the status of submissions.</summary>
public sealed class SurveyFunctions(
    SubmissionIntake intake,
    SubmissionStore submissions,
    SubmissionReportStore reports,
    StandardCatalog standards,
    SurveyLimits limits,
    ApiAccess access,
    RequestRateLimits rateLimits,
    RetentionPolicy retention,
    TimeProvider clock)
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary><c>GET /api/template?year=YYYY</c>: the blank survey of that year.</summary>
    [ApiOperation(Tags.Survey, "Tải mẫu phiếu rà soát của năm", Description = "Tệp Excel trống với nhãn tiếng Việt, danh sách chọn và trang hướng dẫn.")]
    [ApiQuery("year", "Năm rà soát, ví dụ 2025.", Required = true, Whole = true)]
    [ApiResponse(200, "Mẫu phiếu rà soát (.xlsx).", ContentType = ApiMediaTypes.Xlsx)]
    [ApiProblems("yeu-cau-khong-hop-le", "nam-khong-ho-tro")]
    [Function("template")]
    public async Task<IResult> TemplateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/template")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await access.CheckAsync(request, Operation.ReadForms, null, "template.read", "template", cancellationToken) is { } denied)
            return denied;
        if (!int.TryParse(request.Query["year"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y))
            return Problems.BadRequest("Thiếu tham số year (năm rà soát), ví dụ ?year=2025.");
        if (!HttpRoutes.TryYear(y, standards, out _, out var badYear))
            return badYear;

        var stream = new MemoryStream();
        SurveyTemplate.Write(stream, y, standards);
        stream.Position = 0;
        return Results.File(stream, XlsxType, $"mau-phieu-ra-soat-{y}.xlsx");
    }

    /// <summary><c>POST /api/surveys/{year}/{communeCode}</c> with multipart field <c>file</c>: stores the raw file first, checks what
    /// can be checked at once, and answers 202 with the submission to follow; scoring runs from the blob trigger.</summary>
    [ApiOperation(Tags.Survey, "Tải lên phiếu khảo sát của xã", Description = "Tệp được lưu trước, kiểm tra nhanh ngay; việc chấm điểm chạy sau, theo dõi ở statusUrl. Tệp có năm hoặc mã xã khác địa chỉ, mã không tồn tại hoặc không phải phiếu rà soát bị từ chối ngay kèm danh sách lỗi (sheet, dòng, cột).")]
    [ApiBody(ApiMediaTypes.Multipart, "Trường file: tệp .xlsx hoặc .zip các tệp CSV.")]
    [ApiResponse(202, "Đã nhận tệp; theo dõi lần nộp ở statusUrl (duplicate: tệp giống hệt đã nộp trước).", Type = typeof(UploadAccepted))]
    [ApiProblems("qua-nhieu-yeu-cau", "ma-xa-khong-ton-tai", "tep-rong", "xa-da-khoa", "tep-khong-phai-khao-sat", "sai-nam-ra-soat", "sai-ma-don-vi", "thong-tin-chung-khong-hop-le")]
    [Function("upload-survey")]
    public async Task<IResult> UploadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/surveys/{year:int}/{communeCode}")] HttpRequest request,
        int year,
        string communeCode,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        var target = new UnitTarget(communeCode, reviewYear);
        if (await access.CheckAsync(request, Operation.UploadSurvey, target, "survey.upload", $"{year}/{communeCode}", cancellationToken) is { } denied)
            return denied;
        if (rateLimits.TryAcquire(ApiAccess.Caller(request), LimitedRequest.Upload) is { } tooMany)
            return tooMany;
        if (intake.CheckTarget(reviewYear, communeCode) is { } refused)
            return Problems.From(refused, null);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = limits.MaxFileBytes + (1 << 20);

        // The file is streamed section by section, never buffered whole in memory: communes upload tens of megabytes.
        return await MultipartUpload.WithFileAsync(request, "tệp .xlsx hoặc .zip các tệp CSV", async (file, fileName) =>
        {
            var result = await intake.ReceiveAsync(reviewYear, communeCode, file, fileName, cancellationToken);
            await access.RecordAsync(request, "survey.upload", target, result.Submission?.Key.Id ?? $"{year}/{communeCode}", result.Rejection?.Code ?? AuditEntry.Done, cancellationToken);
            if (result.Rejection is { } rejection)
                return Problems.From(rejection, result.Submission);
            var submission = result.Submission!;
            var url = $"/api/submissions/{submission.Key.Id}";
            return Results.Accepted(url, new UploadAccepted(submission.Key.Id, submission.Status.Code(), result.Duplicate, url));
        }, cancellationToken);
    }

    /// <summary><c>GET /api/submissions/{submissionId}</c>: status, errors and warnings with their places, counts per class.</summary>
    [ApiOperation(Tags.Survey, "Xem trạng thái một lần nộp", Description = "Trạng thái (received, processing, scored, rejected, failed), có được tính hay không, lỗi và cảnh báo theo sheet, dòng, cột, số hộ theo phân loại và thời hạn lưu tệp gốc.")]
    [ApiResponse(200, "Lần nộp với lỗi, cảnh báo và số hộ theo phân loại.", Type = typeof(SubmissionView))]
    [ApiProblems("khong-tim-thay")]
    [Function("get-submission")]
    public async Task<IResult> GetSubmissionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/submissions/{submissionId}")] HttpRequest request,
        string submissionId,
        CancellationToken cancellationToken)
    {
        var submission = await submissions.FindAsync(submissionId, cancellationToken);
        if (submission is null)
            return Problems.NotFound($"Không có lần nộp \"{submissionId}\".");
        var target = new UnitTarget(submission.Key.CommuneCode, ReviewYear.Of(submission.Key.Year));
        if (await access.CheckAsync(request, Operation.ReadSubmission, target, "submission.read", submissionId, cancellationToken) is { } denied)
            return denied;
        var state = await submissions.FindStateAsync(submission.Key.Year, submission.Key.CommuneCode, cancellationToken);
        var counted = state?.CountedShortHash == submission.Key.ShortHash;
        var lockedOut = submission.Status == SubmissionStatus.Scored && !counted && submission.UploadSequence > state?.CountedSequence ? state.Lock : null;
        var report = submission.ErrorCount > 0 || submission.WarningCount > 0
            ? await reports.ReadAsync(submission.Key, cancellationToken)
            : SubmissionReport.Empty;
        await access.RecordAsync(request, "submission.read", target, submissionId, AuditEntry.Done, cancellationToken);
        return Results.Ok(SubmissionView.From(submission, counted, report, RawFileView.Of(submission, retention, clock.GetUtcNow()), lockedOut));
    }
}
