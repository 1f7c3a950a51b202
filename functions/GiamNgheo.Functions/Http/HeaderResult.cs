using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.Http;

/// <summary>An answer with one more response header: <c>Retry-After</c> on a 202 or 429, <c>WWW-Authenticate</c> on a 401.</summary>
internal sealed class HeaderResult(IResult inner, string name, string value) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers[name] = value;
        return inner.ExecuteAsync(httpContext);
    }
}
