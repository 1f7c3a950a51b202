using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using GiamNgheo.Functions.Http;

namespace GiamNgheo.Functions.Web;

/// <summary>Serves the Vietnamese web app at the site's root from the app itself, so one deployment and one origin carry
/// both the app and the API it calls (ADR 0012). Open without a token: the files hold no data.</summary>
public sealed class WebAppFunction(WebAssets assets, SignInOptions signIn)
{
    /// <summary>Paths another part of the site answers; a miss there is a 404 problem, never the app's page.</summary>
    private static readonly string[] ReservedPrefixes = ["api/", "runtime/", "admin/"];

    /// <summary><c>GET /{path}</c>: a file of the web app, compressed as the browser accepts, 304 when unchanged.</summary>
    [Function("web-app")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{*path}")] HttpRequest request, string? path)
    {
        if (path is not null && ReservedPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase) || path + "/" == p))
            return Problems.NotFound($"Không có địa chỉ /{path}.");
        if (assets.Find(path) is not { } asset)
            return Problems.NotFound($"Không có tệp /{path} trong ứng dụng web.");

        var response = request.HttpContext.Response;
        response.Headers.ETag = asset.ETag;
        // Revalidated at every use (a 304 costs a few bytes), so a new deployment reaches every phone at once.
        response.Headers.CacheControl = "no-cache";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.XContentTypeOptions = "nosniff";
        // Everything the app needs is its own: no script, style, font or image from another origin. The one exception is
        // Entra's token endpoint, which the page posts its sign-in code to (ADR 0012).
        response.Headers.ContentSecurityPolicy = signIn.TokenOrigin is { } tokenOrigin
            ? $"default-src 'self'; connect-src 'self' {tokenOrigin}; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
            : "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
        if (request.Headers.IfNoneMatch.Any(tag => tag == asset.ETag))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        var accepted = request.Headers.AcceptEncoding.ToString();
        var (body, encoding) = accepted.Contains("br", StringComparison.OrdinalIgnoreCase) ? (asset.Brotli, "br")
            : accepted.Contains("gzip", StringComparison.OrdinalIgnoreCase) ? (asset.Gzip, "gzip")
            : (asset.Content, null);
        if (encoding is not null && body.Length < asset.Content.Length)
            response.Headers.ContentEncoding = encoding;
        else
            body = asset.Content;
        return Results.Bytes(body, asset.ContentType);
    }
}
