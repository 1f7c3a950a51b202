using GiamNgheo.Access.Callers;
using GiamNgheo.Access.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GiamNgheo.Functions.Http.Security;

/// <summary>Signs a request in: checks its bearer token and attaches the verified caller, or answers 401. Both hosts run it before
/// any HTTP function (the worker through <see cref="AuthenticationMiddleware"/>, the local host in its HTTP adapter).</summary>
public sealed class RequestAuthenticator(AccessTokenValidator validator)
{
    private static readonly object CallerKey = new();

    /// <summary>Functions open without a token: the health probe, the web app's files and how to sign in (they hold no data).</summary>
    public static IReadOnlySet<string> AnonymousFunctions { get; } = new HashSet<string>(StringComparer.Ordinal) { "health", "web-app", "sign-in-options" };

    /// <summary>Null when the request may go on to the function (the caller is attached), else the 401 to answer.</summary>
    public async Task<IResult?> AuthenticateAsync(string functionName, HttpContext context)
    {
        if (AnonymousFunctions.Contains(functionName))
            return null;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            return Unauthorized("chua-dang-nhap", "Chưa đăng nhập", "Yêu cầu cần mã truy cập (Authorization: Bearer …); hãy đăng nhập.", null);

        var check = await validator.ValidateAsync(header[7..].Trim(), context.RequestAborted);
        if (check.Caller is not { } caller)
            return Unauthorized("ma-truy-cap-khong-hop-le", "Mã truy cập không hợp lệ", check.Failure!, "invalid_token");
        context.Items[CallerKey] = caller;
        return null;
    }

    /// <summary>The caller <see cref="AuthenticateAsync"/> attached; a function reached without one is a wiring fault, not a user's.</summary>
    public static Caller CallerOf(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(CallerKey, out var value) && value is Caller caller
            ? caller
            : throw new InvalidOperationException("The request reached a function without being signed in: the host did not run RequestAuthenticator.");

    private static HeaderResult Unauthorized(string code, string title, string detail, string? error) =>
        new(Problems.Create(code, StatusCodes.Status401Unauthorized, title, detail), HeaderNames.WWWAuthenticate, error is null ? "Bearer" : $"Bearer error=\"{error}\"");
}
