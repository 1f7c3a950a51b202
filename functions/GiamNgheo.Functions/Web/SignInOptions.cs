using GiamNgheo.Functions.Configuration;
using Microsoft.Extensions.Configuration;

namespace GiamNgheo.Functions.Web;

/// <summary>What the web app needs to sign a person in with Microsoft Entra ID (authorization code flow with PKCE), or
/// <c>development</c> when the host has no web sign-in configured (the local host, whose <c>/dev/sign-in</c> offers demo
/// identities). None of it is secret: a public client's id, the tenant's endpoints and the API's scope (ADR 0012).</summary>
/// <param name="Mode"><c>entra</c> or <c>development</c>.</param>
/// <param name="ClientId">The web app's client id (its app registration's SPA platform has the site root as redirect URI).</param>
/// <param name="Authority">The tenant's authority, e.g. <c>https://login.microsoftonline.com/{tenant}</c>.</param>
/// <param name="AuthorizeEndpoint">Where the browser is sent to sign in.</param>
/// <param name="TokenEndpoint">Where the page redeems the code for the API's access token (CORS-enabled for SPA registrations).</param>
/// <param name="Scopes">The API's scope first, then <c>openid profile</c>.</param>
/// <param name="UnitsClaim">The access token's claim holding the person's unit codes (the menus read it; the API decides).</param>
public sealed record SignInOptions(
    string Mode,
    string? ClientId = null,
    string? Authority = null,
    string? AuthorizeEndpoint = null,
    string? TokenEndpoint = null,
    IReadOnlyList<string>? Scopes = null,
    string? UnitsClaim = null)
{
    /// <summary>The API accepts v2.0 tokens, whose issuer is the authority with this suffix; the flow's endpoints are under the authority without it.</summary>
    private const string IssuerSuffix = "/v2.0";

    /// <summary>No web sign-in configured: the app offers the local host's demo identities.</summary>
    public static SignInOptions Development { get; } = new("development");

    /// <summary>The options of <c>WebApp__ClientId</c>, <c>WebApp__ApiScope</c> and the API's <c>Auth__Authority</c>; development when any is missing.</summary>
    public static SignInOptions From(IConfiguration configuration)
    {
        var clientId = configuration[AppSettings.WebAppClientId.ConfigurationKey]?.Trim();
        var scope = configuration[AppSettings.WebAppApiScope.ConfigurationKey]?.Trim();
        var issuer = configuration[AppSettings.AuthAuthority.ConfigurationKey]?.Trim();
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(scope)
            || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            return Development;
        var authority = uri.AbsoluteUri.TrimEnd('/');
        if (authority.EndsWith(IssuerSuffix, StringComparison.OrdinalIgnoreCase))
            authority = authority[..^IssuerSuffix.Length];
        var unitsClaim = configuration[AppSettings.AuthUnitsClaim.ConfigurationKey] is { Length: > 0 } claim ? claim : "units";
        return new("entra", clientId, authority, authority + "/oauth2/v2.0/authorize", authority + "/oauth2/v2.0/token", [scope, "openid", "profile"], unitsClaim);
    }

    /// <summary>The origin the page's token request goes to, for the app's Content-Security-Policy; null in development.</summary>
    public string? TokenOrigin => TokenEndpoint is null ? null : new Uri(TokenEndpoint).GetLeftPart(UriPartial.Authority);
}
