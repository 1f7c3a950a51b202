using GiamNgheo.Access.Authorization;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Changes;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Http;

/// <summary>The files a commune uploads for the <c>bien-dong</c> report: its start-of-period list when the previous year is not
/// in the system, and the changes it declares (docs/changes-format.md).</summary>
public sealed class ChangeListFunctions(ChangeListStore lists, AdminUnitCatalog units, StandardCatalog standards, ApiAccess access)
{
    /// <summary><c>POST /api/units/{year}/{communeCode}/start-list</c> with multipart field <c>file</c> (sheet or CSV <c>dau_ky</c>).</summary>
    [ApiOperation(Tags.Results, "Tải lên danh sách hộ đầu kỳ của xã", Description = "Khi năm trước chưa có trong hệ thống; dùng cho báo cáo bien-dong (docs/changes-format.md).")]
    [ApiBody(ApiMediaTypes.Multipart, "Trường file: sheet dau_ky trong tệp .xlsx, hoặc tệp CSV.")]
    [ApiResponse(200, "Danh sách đang dùng: số dòng, tệp gốc đã lưu, cảnh báo.", Type = typeof(ChangeListAccepted))]
    [ApiProblems("khong-tim-thay", "danh-sach-khong-hop-le")]
    [Function("upload-start-list")]
    public Task<IResult> UploadStartListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/units/{year:int}/{communeCode}/start-list")] HttpRequest request,
        int year,
        string communeCode,
        CancellationToken cancellationToken) =>
        UploadAsync(request, year, communeCode, "start-list.upload", lists.SaveStartListAsync, cancellationToken);

    /// <summary><c>POST /api/units/{year}/{communeCode}/changes</c> with multipart field <c>file</c> (sheet or CSV <c>bien_dong</c>).</summary>
    [ApiOperation(Tags.Results, "Tải lên các biến động khai báo của xã", Description = "Đổi mã, chuyển đi, nhập, tách, hộ không còn; dùng cho báo cáo bien-dong (docs/changes-format.md).")]
    [ApiBody(ApiMediaTypes.Multipart, "Trường file: sheet bien_dong trong tệp .xlsx, hoặc tệp CSV.")]
    [ApiResponse(200, "Danh sách đang dùng: số dòng, tệp gốc đã lưu, cảnh báo.", Type = typeof(ChangeListAccepted))]
    [ApiProblems("khong-tim-thay", "danh-sach-khong-hop-le")]
    [Function("upload-declared-changes")]
    public Task<IResult> UploadChangesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/units/{year:int}/{communeCode}/changes")] HttpRequest request,
        int year,
        string communeCode,
        CancellationToken cancellationToken) =>
        UploadAsync(request, year, communeCode, "changes.upload", lists.SaveDeclarationsAsync, cancellationToken);

    private async Task<IResult> UploadAsync(
        HttpRequest request,
        int year,
        string communeCode,
        string action,
        Func<int, string, Stream, string?, CancellationToken, Task<ChangeListUpload>> save,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        var target = new UnitTarget(communeCode, reviewYear);
        if (await access.CheckAsync(request, Operation.UploadSurvey, target, action, $"{year}/{communeCode}", cancellationToken) is { } denied)
            return denied;
        if (communeCode.Length != 5 || units.FindCommune(communeCode, reviewYear.ReferenceDate) is null)
            return Problems.NotFound($"Mã xã \"{communeCode}\" không có trong danh mục hành chính ngày 01/09/{year}.");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ChangeListStore.MaxFileBytes + (1 << 20);

        return await MultipartUpload.WithFileAsync(request, "tệp .xlsx hoặc .csv", async (file, fileName) =>
        {
            var upload = await save(year, communeCode, file, fileName, cancellationToken);
            var issues = upload.Issues;
            await access.RecordAsync(request, action, target, upload.RawBlob.Length > 0 ? upload.RawBlob : $"{year}/{communeCode}",
                issues.HasErrors ? "danh-sach-khong-hop-le" : AuditEntry.Done, cancellationToken);
            if (issues.HasErrors)
            {
                return Problems.Create("danh-sach-khong-hop-le", StatusCodes.Status422UnprocessableEntity, "Tệp không hợp lệ",
                    $"Tệp có {issues.ErrorCount} lỗi; danh sách đang dùng không thay đổi. Hãy sửa theo từng lỗi (sheet, dòng, cột) rồi tải lên lại.",
                    new Dictionary<string, object?> { ["errors"] = issues.Listed, ["omitted"] = issues.OmittedSummary() });
            }

            return Results.Ok(new ChangeListAccepted(upload.Rows, upload.RawBlob, issues.Warnings.ToList()));
        }, cancellationToken);
    }
}

/// <summary>An accepted start-of-period list or declaration file: the rows now in force and where the raw file is kept.</summary>
public sealed record ChangeListAccepted(int Rows, string RawFile, IReadOnlyList<GiamNgheo.Surveys.Reading.SurveyIssue> Warnings);
