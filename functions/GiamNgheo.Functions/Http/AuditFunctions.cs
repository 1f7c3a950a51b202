using System.Globalization;
using GiamNgheo.Access.Authorization;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Http;

/// <summary>The audit log for administrators.</summary>
public sealed class AuditFunctions(AuditLog audit, ApiAccess access)
{
    private const int DefaultPageSize = 200;

    /// <summary><c>GET /api/audit?unitCode=&amp;from=YYYY-MM-DD&amp;to=YYYY-MM-DD&amp;pageSize=&amp;pageToken=</c>: who did what, where, when and how
    /// it ended; a province's code includes its communes; days are Vietnamese calendar days (default: the last 7).</summary>
    [ApiOperation(Tags.Audit, "Xem nhật ký truy cập", Description = "Chỉ quản trị viên: ai, làm gì, đơn vị và năm nào, khi nào, kết quả; mã tỉnh gồm cả các xã của tỉnh.")]
    [ApiQuery("unitCode", "Mã tỉnh (2 chữ số), huyện (3) hoặc xã (5).")]
    [ApiQuery("from", "Từ ngày (YYYY-MM-DD, mặc định 6 ngày trước ngày to).")]
    [ApiQuery("to", "Đến ngày (YYYY-MM-DD, mặc định hôm nay).")]
    [ApiQuery("pageSize", "Số dòng mỗi trang.", Whole = true)]
    [ApiQuery("pageToken", "Mã trang tiếp theo.")]
    [ApiResponse(200, "Một trang nhật ký: entries và nextPageToken.")]
    [ApiProblems("yeu-cau-khong-hop-le")]
    [Function("audit-log")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await access.CheckAsync(request, Operation.ReadAudit, null, "audit.read", request.QueryString.Value ?? string.Empty, cancellationToken) is { } denied)
            return denied;
        var today = audit.Today();
        if (!TryDate(request, "to", today, out var to) || !TryDate(request, "from", to.AddDays(-6), out var from))
            return Problems.BadRequest("from và to là ngày dạng YYYY-MM-DD.");
        if (from > to)
            return Problems.BadRequest("from phải không sau to.");
        var pageSize = DefaultPageSize;
        if (request.Query["pageSize"].FirstOrDefault() is { } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > AuditLog.MaxPageSize))
            return Problems.BadRequest($"pageSize phải từ 1 đến {AuditLog.MaxPageSize}.");
        var unitCode = request.Query["unitCode"].FirstOrDefault() is { Length: > 0 } unit ? unit : null;
        if (unitCode is not null && (unitCode.Length is not (2 or 3 or 5) || !unitCode.All(char.IsAsciiDigit)))
            return Problems.BadRequest("unitCode là mã tỉnh (2 chữ số), huyện (3) hoặc xã (5).");

        var page = await audit.QueryAsync(unitCode, from, to, pageSize, request.Query["pageToken"].FirstOrDefault(), cancellationToken);
        await access.RecordAsync(request, "audit.read", null, $"{unitCode ?? "*"}/{from:yyyy-MM-dd}/{to:yyyy-MM-dd}", AuditEntry.Done, cancellationToken);
        return Results.Ok(new { from, to, unitCode, entries = page.Entries, nextPageToken = page.NextPageToken });
    }

    private static bool TryDate(HttpRequest request, string name, DateOnly fallback, out DateOnly value)
    {
        value = fallback;
        return request.Query[name].FirstOrDefault() is not { Length: > 0 } text
            || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
