using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Http;

/// <summary>Liveness for load balancers and <c>./run.sh</c>.</summary>
public sealed class HealthFunction
{
    /// <summary><c>GET /api/health</c>.</summary>
    [Function("health")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        Results.Ok(new { status = "ok" });
}
