using System.Text.Json;
using GiamNgheo.Access.Authorization;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Review;
using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.Functions.Http;

/// <summary>The annual review of a province: start it, record each commune's steps, read a commune and the province's progress.</summary>
/// <remarks>Thin: <see cref="ReviewService"/> decides; refusals map to 400 (malformed body, located issues), 404 (unknown
/// unit or step, review not started when reading) and 409 (a step the commune's state refuses, with the Vietnamese reason).</remarks>
public sealed class ReviewFunctions(ReviewService reviews, ReminderScheduler scheduler, ApiAccess access, StandardCatalog standards)
{
    /// <summary><c>POST /api/reviews/{year}/{provinceCode}</c> with optional milestones, posting length, reminders and contacts:
    /// 201 for the first start, 200 when a later start replaced the settings (communes' progress is kept).</summary>
    [ApiOperation(Tags.Review, "Bắt đầu kỳ rà soát của tỉnh", Description = "Khung thời gian 01/09–14/12; bắt đầu lại thì thay cài đặt, giữ tiến độ các xã (docs/review.md).")]
    [ApiBody(ApiMediaTypes.Json, "Tùy chọn: milestones, postingWorkingDays, reminders, supervisor, contacts.", Optional = true)]
    [ApiResponse(201, "Kỳ rà soát với các mốc thời gian.")]
    [ApiResponse(200, "Đã bắt đầu trước đó; cài đặt được thay.")]
    [ApiProblems("yeu-cau-khong-hop-le", "yeu-cau-qua-lon", "ma-tinh-khong-ton-tai")]
    [Function("review-start")]
    public async Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reviews/{year:int}/{provinceCode}")] HttpRequest request,
        int year,
        string provinceCode,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        if (await access.CheckAsync(request, Operation.ControlReview, new UnitTarget(provinceCode, reviewYear), "review.start", $"{year}/{provinceCode}", cancellationToken) is { } denied)
            return denied;
        var (body, problem) = await ReadBodyAsync(request, cancellationToken);
        if (problem is not null)
            return problem;
        var result = await reviews.StartAsync(reviewYear, provinceCode, body, ApiAccess.Actor(request), cancellationToken);
        if (result.Value is not { } started)
            return Answer(result.Refusal!);

        // One reminder workflow per milestone; a second start (new milestones or contacts) wakes them to look again.
        await scheduler.EnsureAsync(durable, new ScheduleRef(ScheduleRef.ReviewKind, started.ReviewId), [], cancellationToken);
        return started.Created
            ? Results.Created($"/api/reviews/{started.Year}/{started.ProvinceCode}/progress", started)
            : Results.Ok(started);
    }

    /// <summary><c>POST /api/reviews/{year}/{communeCode}/steps/{step}</c> with the step's facts: the commune's review after the step.</summary>
    [ApiOperation(Tags.Review, "Ghi nhận một bước rà soát của xã", Description = "Bước sai thứ tự hoặc sai ngày bị từ chối kèm lý do; quyet-dinh khóa số liệu của xã đến khi mo-lai.")]
    [ApiBody(ApiMediaTypes.Json, "Dữ kiện của bước: danh-sach {}, hop-dan {thon, ngay, thamDu, dongY}, niem-yet {batDau, soNgayLamViec}, phuc-tra {soDon, ngay, ketQua}, quyet-dinh {so, ngay}, mo-lai {lyDo}.")]
    [ApiResponse(200, "Tình hình rà soát của xã sau bước này.")]
    [ApiProblems("yeu-cau-khong-hop-le", "yeu-cau-qua-lon", "ma-xa-khong-ton-tai", "buoc-khong-ton-tai", "buoc-khong-hop-le", "buoc-tu-dong")]
    [ApiProblems("chua-bat-dau-ra-soat", Status = 409)]
    [Function("review-step")]
    public async Task<IResult> StepAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reviews/{year:int}/{communeCode}/steps/{step}")] HttpRequest request,
        int year,
        string communeCode,
        string step,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        var operation = ReviewSteps.Controls(step) ? Operation.ControlReview : Operation.RecordReviewStep;
        if (await access.CheckAsync(request, operation, new UnitTarget(communeCode, reviewYear), "review." + step, $"{year}/{communeCode}", cancellationToken) is { } denied)
            return denied;
        var (body, problem) = await ReadBodyAsync(request, cancellationToken);
        if (problem is not null)
            return problem;
        var result = await reviews.RecordStepAsync(reviewYear, communeCode, step, body, ApiAccess.Actor(request), cancellationToken);
        if (result.Value is not { } report)
            return Answer(result.Refusal!);

        // The milestone's workflow looks again at once, so a commune that just finished a step is not reminded of it.
        await scheduler.WakeAsync(durable, new ScheduleRef(ScheduleRef.ReviewKind, report.ReviewId), step, cancellationToken);
        return Results.Ok(report);
    }

    /// <summary><c>GET /api/reviews/{year}/{communeCode}</c>: each step with its facts (the posting's computed <c>ketThuc</c>), what is next, the lock and the trail.</summary>
    [ApiOperation(Tags.Review, "Xem tình hình rà soát của xã", Description = "Từng bước đã làm hay chưa với dữ kiện, bước tiếp theo, khóa số liệu, các lần mở lại và nhật ký.")]
    [ApiResponse(200, "Tình hình rà soát của xã.")]
    [ApiProblems("ma-xa-khong-ton-tai", "chua-bat-dau-ra-soat")]
    [Function("review-commune")]
    public async Task<IResult> CommuneAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reviews/{year:int}/{communeCode}")] HttpRequest request,
        int year,
        string communeCode,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        if (await access.CheckAsync(request, Operation.ReadReview, new UnitTarget(communeCode, reviewYear), "review.read", $"{year}/{communeCode}", cancellationToken) is { } denied)
            return denied;
        var result = await reviews.CommuneAsync(reviewYear, communeCode, cancellationToken);
        return result.Value is { } report ? Results.Ok(report) : Answer(result.Refusal!);
    }

    /// <summary><c>GET /api/reviews/{year}/{provinceCode}/progress</c>: per commune each step done or not, dates, lock, late milestones; totals per step.</summary>
    [ApiOperation(Tags.Review, "Xem tiến độ rà soát các xã của tỉnh", Description = "Từng xã: ngày của mỗi bước, mốc và việc trễ hạn, khóa hay chưa, bước tiếp theo; tổng theo bước.")]
    [ApiResponse(200, "Tiến độ rà soát của tỉnh.")]
    [ApiProblems("ma-tinh-khong-ton-tai", "chua-bat-dau-ra-soat")]
    [Function("review-progress")]
    public async Task<IResult> ProgressAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reviews/{year:int}/{provinceCode}/progress")] HttpRequest request,
        int year,
        string provinceCode,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        if (await access.CheckAsync(request, Operation.ReadReview, new UnitTarget(provinceCode, reviewYear), "review.progress", $"{year}/{provinceCode}", cancellationToken) is { } denied)
            return denied;
        var result = await reviews.ProgressAsync(reviewYear, provinceCode, cancellationToken);
        return result.Value is { } report ? Results.Ok(report) : Answer(result.Refusal!);
    }

    private static async Task<(JsonElement? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 14];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ReviewRequests.MaxBodyBytes)
                return (null, Problems.Create("yeu-cau-qua-lon", 413, "Yêu cầu quá lớn", $"Nội dung yêu cầu vượt quá {ReviewRequests.MaxBodyBytes / 1024} KB."));
            buffer.Write(chunk, 0, read);
        }

        var (body, issues) = ReviewRequests.ParseJson(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        return issues.Count == 0
            ? (body, null)
            : (null, Answer(new ReviewRefusal("yeu-cau-khong-hop-le", ReviewRefusalKind.Invalid, "Yêu cầu không hợp lệ", issues[0].Message, issues)));
    }

    private static IResult Answer(ReviewRefusal refusal) => Problems.Create(
        refusal.Code,
        refusal.Kind switch
        {
            ReviewRefusalKind.Invalid => StatusCodes.Status400BadRequest,
            ReviewRefusalKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        },
        refusal.Title,
        refusal.Detail,
        refusal.Issues.Count == 0 ? null : new Dictionary<string, object?> { ["errors"] = refusal.Issues });
}
