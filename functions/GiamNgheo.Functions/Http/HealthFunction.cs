using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Http;

/// <summary>Liveness for load balancers and <c>./run.sh</c>.</summary>
public sealed class HealthFunction
{
    /// <summary><c>GET /api/health</c>.</summary>
    [ApiOperation(Tags.System, "Kiểm tra hệ thống còn hoạt động", Description = "Không cần đăng nhập; dùng cho bộ cân bằng tải và ./run.sh.")]
    [ApiResponse(200, "Hệ thống hoạt động: {\"status\":\"ok\"}.")]
    [Function("health")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        Results.Ok(new { status = "ok" });
}
