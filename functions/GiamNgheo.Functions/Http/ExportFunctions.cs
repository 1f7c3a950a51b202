using System.Diagnostics.CodeAnalysis;
using GiamNgheo.Access.Authorization;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;

namespace GiamNgheo.Functions.Http;

/// <summary>The province's Power BI model for analysts, as an asynchronous request-reply: the workbook (or, with
/// <c>?format=parquet</c>, the zip of its Parquet files) at once when it is current, otherwise <c>202 Accepted</c> with a
/// status URL that shows the build's progress and leads to the file when it is done. One build makes both formats.</summary>
public sealed class ExportFunctions(ProvinceExportJobs exports, ApiAccess access, RequestRateLimits rateLimits, AdminUnitCatalog units, StandardCatalog standards)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary><c>GET /api/exports/{year}/{provinceCode}</c>: the workbook of what counts now.</summary>
    [ApiOperation(Tags.Exports, "Yêu cầu bộ dữ liệu Power BI của tỉnh", Description = "Trả tệp ngay khi đã có bản mới nhất; nếu chưa, trả 202 với Location và Retry-After đến trạng thái bản dựng. Hộ được ghi bằng mã ẩn danh, không có tên.")]
    [ApiQuery("format", "Định dạng tệp: xlsx (mặc định) hoặc parquet (zip các tệp Parquet).", Values = ["xlsx", "parquet"])]
    [ApiResponse(200, "Tệp Excel của tỉnh.", ContentType = ApiMediaTypes.Xlsx)]
    [ApiResponse(200, "Tệp zip các tệp Parquet (format=parquet).", ContentType = ApiMediaTypes.Zip)]
    [ApiResponse(202, "Đang tạo tệp; theo dõi ở statusUrl.", Type = typeof(ExportBuildView))]
    [ApiProblems("yeu-cau-khong-hop-le", "qua-nhieu-yeu-cau", "khong-tim-thay", "trich-xuat-that-bai")]
    [Function("province-export")]
    public async Task<IResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exports/{year:int}/{provinceCode}")] HttpRequest request,
        int year,
        string provinceCode,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        if (!TryFormat(request, out var format, out var badFormat))
            return badFormat;
        if (await access.CheckAsync(request, Operation.DownloadExport, new UnitTarget(provinceCode, reviewYear), "export.request", $"{year}/{provinceCode}", cancellationToken) is { } denied)
            return denied;
        if (rateLimits.TryAcquire(ApiAccess.Caller(request), LimitedRequest.Export) is { } tooMany)
            return tooMany;
        if (units.FindProvince(provinceCode, reviewYear.ReferenceDate) is null)
            return Problems.NotFound($"Mã tỉnh \"{provinceCode}\" không có trong danh mục hành chính ngày 01/09/{year}.");
        var state = await exports.RequestAsync(reviewYear, provinceCode, durable, cancellationToken);
        return await AnswerAsync(request, state, format, cancellationToken);
    }

    /// <summary><c>GET /api/exports/{year}/{provinceCode}/builds/{buildId}</c>: progress while building, then <c>303 See Other</c> to the file.</summary>
    [ApiOperation(Tags.Exports, "Theo dõi bản dựng tệp trích xuất", Description = "202 với tiến độ khi đang tạo; 303 See Other đến tệp khi xong; bản dựng lỗi là 500 (yêu cầu lại tệp để chạy lại).")]
    [ApiQuery("format", "Định dạng tệp: xlsx (mặc định) hoặc parquet.", Values = ["xlsx", "parquet"])]
    [ApiResponse(202, "Đang tạo tệp: giai đoạn và số xã đã xong.", Type = typeof(ExportBuildView))]
    [ApiResponse(303, "Đã xong; Location là địa chỉ tệp.", ContentType = null)]
    [ApiProblems("yeu-cau-khong-hop-le", "khong-tim-thay", "trich-xuat-that-bai")]
    [Function("export-build-status")]
    public async Task<IResult> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exports/{year:int}/{provinceCode}/builds/{buildId}")] HttpRequest request,
        int year,
        string provinceCode,
        string buildId,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var (state, format, problem) = await BuildAsync(request, year, provinceCode, buildId, durable, cancellationToken);
        return state is null ? problem! : state is ExportReady ? new SeeOtherResult(FileUrl(state.Build, format)) : Progress(state, format);
    }

    /// <summary><c>GET /api/exports/{year}/{provinceCode}/builds/{buildId}/file</c>: the finished workbook of a build; every download is audited.</summary>
    [ApiOperation(Tags.Exports, "Tải tệp của một bản dựng", Description = "Mỗi lần tải được ghi nhật ký.")]
    [ApiQuery("format", "Định dạng tệp: xlsx (mặc định) hoặc parquet.", Values = ["xlsx", "parquet"])]
    [ApiResponse(200, "Tệp Excel của tỉnh.", ContentType = ApiMediaTypes.Xlsx)]
    [ApiResponse(200, "Tệp zip các tệp Parquet (format=parquet).", ContentType = ApiMediaTypes.Zip)]
    [ApiResponse(202, "Bản dựng chưa xong.", Type = typeof(ExportBuildView))]
    [ApiProblems("yeu-cau-khong-hop-le", "khong-tim-thay", "trich-xuat-that-bai")]
    [Function("export-build-file")]
    public async Task<IResult> FileAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/exports/{year:int}/{provinceCode}/builds/{buildId}/file")] HttpRequest request,
        int year,
        string provinceCode,
        string buildId,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var (state, format, problem) = await BuildAsync(request, year, provinceCode, buildId, durable, cancellationToken);
        return state is null ? problem! : await AnswerAsync(request, state, format, cancellationToken);
    }

    private async Task<(ExportState? State, ExportFormat Format, IResult? Problem)> BuildAsync(HttpRequest request, int year, string provinceCode, string buildId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return (null, default, badYear);
        if (!TryFormat(request, out var format, out var badFormat))
            return (null, default, badFormat);
        if (await access.CheckAsync(request, Operation.DownloadExport, new UnitTarget(provinceCode, reviewYear), "export.download", $"{year}/{provinceCode}/{buildId}", cancellationToken) is { } denied)
            return (null, format, denied);
        if (!ExportBuildId.TryCreate(reviewYear, provinceCode, buildId, out var build) || await exports.StatusAsync(build, durable, cancellationToken) is not { } state)
            return (null, format, Problems.NotFound($"Không có bản trích xuất \"{buildId}\" của tỉnh {provinceCode} năm {year}."));
        return (state, format, null);
    }

    /// <summary>Reads <c>?format=</c>: absent or <c>xlsx</c> for the workbook, <c>parquet</c> for the zip of Parquet files.</summary>
    private static bool TryFormat(HttpRequest request, out ExportFormat format, [NotNullWhen(false)] out IResult? problem)
    {
        var text = request.Query["format"].ToString();
        (format, problem) = text switch
        {
            "" or "xlsx" => (ExportFormat.Xlsx, null),
            "parquet" => (ExportFormat.Parquet, null),
            _ => (ExportFormat.Xlsx, Problems.BadRequest($"Định dạng \"{text}\" không được hỗ trợ; hãy dùng format=xlsx hoặc format=parquet.")),
        };
        return problem is null;
    }

    private async Task<IResult> AnswerAsync(HttpRequest request, ExportState state, ExportFormat format, CancellationToken cancellationToken)
    {
        if (state is not ExportReady ready)
            return Progress(state, format);
        await access.RecordAsync(request, "export.download", new UnitTarget(ready.Build.ProvinceCode, ReviewYear.Of(ready.Build.Year)), ready.Build.Fingerprint, AuditEntry.Done, cancellationToken);
        if (format == ExportFormat.Parquet)
            return Results.File(await ready.ParquetZip.OpenReadAsync(cancellationToken: cancellationToken), ProvinceWorkbookBuilder.ZipContentType, ready.Build.ParquetZipFileName);
        var content = await ready.Workbook.OpenReadAsync(cancellationToken: cancellationToken);
        return Results.File(content, ProvinceWorkbookBuilder.XlsxContentType, ready.Build.FileName);
    }

    private static IResult Progress(ExportState state, ExportFormat format)
    {
        var statusUrl = StatusUrl(state.Build, format);
        if (state is ExportFailed failed)
        {
            return Problems.Create("trich-xuat-that-bai", 500, "Không tạo được bản trích xuất",
                "Tạo tệp Excel của tỉnh không thành công; hãy yêu cầu lại tệp để chạy lại. Chi tiết kỹ thuật: " + failed.Reason,
                new Dictionary<string, object?> { ["buildId"] = state.Build.Fingerprint, ["retryUrl"] = $"/api/exports/{state.Build.Year}/{state.Build.ProvinceCode}" + Query(format) });
        }

        var progress = (state as ExportBuilding)?.Progress;
        var body = new ExportBuildView(
            state.Build.Fingerprint,
            progress?.Phase ?? "pending",
            progress?.CommunesDone ?? 0,
            progress?.CommunesTotal,
            statusUrl,
            FileUrl(state.Build, format));
        // 202 with Location and Retry-After, as clients of the async request-reply pattern expect.
        return new HeaderResult(Results.Accepted(statusUrl, body), HeaderNames.RetryAfter, ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string StatusUrl(ExportBuildId build, ExportFormat format) => $"/api/exports/{build.Year}/{build.ProvinceCode}/builds/{build.Fingerprint}" + Query(format);

    private static string FileUrl(ExportBuildId build, ExportFormat format) => $"/api/exports/{build.Year}/{build.ProvinceCode}/builds/{build.Fingerprint}/file" + Query(format);

    private static string Query(ExportFormat format) => format == ExportFormat.Parquet ? "?format=parquet" : "";

    private enum ExportFormat
    {
        Xlsx,
        Parquet,
    }

    /// <summary>303 See Other: the build is done, the file is elsewhere (RFC 9110 §15.4.4; clients follow it with GET).</summary>
    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

/// <summary>A workbook build in progress, as the API shows it.</summary>
/// <param name="BuildId">The build (the fingerprint of what counted when it was requested).</param>
/// <param name="Phase"><c>pending</c>, <c>communes</c> (extracting) or <c>assembling</c>.</param>
/// <param name="CommunesDone">Communes extracted so far.</param>
/// <param name="CommunesTotal">Communes in the build, once known.</param>
/// <param name="StatusUrl">Where to follow it.</param>
/// <param name="FileUrl">Where the file will be.</param>
public sealed record ExportBuildView(string BuildId, string Phase, int CommunesDone, int? CommunesTotal, string StatusUrl, string FileUrl);
