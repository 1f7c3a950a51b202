using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Http;

/// <summary>The API description (OpenAPI 3.1) in both hosts: the document the local host generates from the functions' attributes,
/// checked in and embedded, because the worker cannot run the generator over endpoint routing (ADR 0012).</summary>
public sealed class OpenApiFunction
{
    /// <summary>The embedded document's resource name.</summary>
    public const string ResourceName = "GiamNgheo.Functions.openapi.json";

    /// <summary><c>GET /api/openapi.json</c>.</summary>
    [ApiOperation(Tags.System, "Tải mô tả API (OpenAPI 3.1)", Description = "Không cần đăng nhập. Trên máy phát triển, trang tham khảo ở /api-docs.")]
    [ApiResponse(200, "Tài liệu OpenAPI 3.1 của toàn bộ API.")]
    [Function("openapi")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request) =>
        Results.Stream(Open(), "application/json; charset=utf-8");

    /// <summary>The embedded document.</summary>
    public static Stream Open() =>
        typeof(OpenApiFunction).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The API description is not embedded as {ResourceName}.");
}
