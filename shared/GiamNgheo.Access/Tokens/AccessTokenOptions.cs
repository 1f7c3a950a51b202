using Microsoft.IdentityModel.Tokens;

namespace GiamNgheo.Access.Tokens;

/// <summary>Which bearer tokens the API accepts and where it reads the caller's roles and units in them.</summary>
public sealed record AccessTokenOptions
{
    /// <summary>The OpenID Connect authority (Entra: <c>https://login.microsoftonline.com/{tenant}/v2.0</c>); its metadata gives
    /// the issuer and the signing keys, refreshed as Entra rotates them. Null when <see cref="SigningKeys"/> are given instead.</summary>
    public Uri? Authority { get; init; }

    /// <summary>Issuers accepted when there is no authority (the local development issuer).</summary>
    public IReadOnlyList<string> Issuers { get; init; } = [];

    /// <summary>Keys accepted when there is no authority.</summary>
    public IReadOnlyList<SecurityKey> SigningKeys { get; init; } = [];

    /// <summary>Audiences accepted: the API's application id URI and/or client id.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>Claim holding the role codes (Entra app roles arrive as <c>roles</c>).</summary>
    public string RolesClaim { get; init; } = "roles";

    /// <summary>Claim holding the unit codes: an array, or one string separated by spaces or commas (ADR 0009).</summary>
    public string UnitsClaim { get; init; } = "units";

    /// <summary>Clock skew tolerated between the issuer and this app.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(2);
}
