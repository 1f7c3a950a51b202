using System.Security.Claims;
using System.Text.Json;
using GiamNgheo.Access.Callers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace GiamNgheo.Access.Tokens;

/// <summary>Checks a bearer token's signature, issuer, audience and lifetime, and reads the caller from its claims.</summary>
/// <remarks>Only the claims of a validated token are trusted; headers a client can set (<c>X-MS-CLIENT-PRINCIPAL-NAME</c>) never are.
/// Lifetimes are checked against the machine's clock, not the app's injected business clock: a token's expiry is a fact of
/// the real world, and tests that move the business clock through a year must still sign in.</remarks>
public sealed class AccessTokenValidator
{
    private static readonly string[] IdClaims = ["oid", "sub"];
    private static readonly string[] EmailClaims = ["email", "preferred_username", "upn"];
    private static readonly char[] UnitSeparators = [' ', ',', ';'];

    private readonly AccessTokenOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Creates the validator; with an authority, its OpenID metadata is fetched on first use and cached.</summary>
    public AccessTokenValidator(AccessTokenOptions options)
    {
        _options = options;
        if (options.Authority is { } authority)
        {
            var metadata = new Uri(authority.ToString().TrimEnd('/') + "/.well-known/openid-configuration");
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(metadata.ToString(), new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true });
        }
    }

    /// <summary>Validates the token and reads the caller, or says why it is refused.</summary>
    public async Task<TokenCheck> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidAudiences = _options.Audiences,
            ValidateAudience = true,
            ValidateIssuer = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = _options.ClockSkew,
        };
        if (_metadata is not null)
        {
            var configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            parameters.ValidIssuer = configuration.Issuer;
            parameters.IssuerSigningKeys = configuration.SigningKeys;
        }
        else
        {
            parameters.ValidIssuers = _options.Issuers;
            parameters.IssuerSigningKeys = _options.SigningKeys;
        }

        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
            return TokenCheck.Refused(Describe(result.Exception));
        return ReadCaller(result.ClaimsIdentity) is { } caller
            ? TokenCheck.Valid(caller)
            : TokenCheck.Refused("Mã truy cập không có định danh người dùng (oid hoặc sub).");
    }

    private Caller? ReadCaller(ClaimsIdentity identity)
    {
        var id = IdClaims.Select(c => identity.FindFirst(c)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (id is null)
            return null;
        var email = EmailClaims.Select(c => identity.FindFirst(c)?.Value).FirstOrDefault(v => v?.Contains('@', StringComparison.Ordinal) == true);
        var name = identity.FindFirst("name")?.Value is { Length: > 0 } n ? n : email ?? id;
        var roles = identity.FindAll(_options.RolesClaim).SelectMany(c => Values(c.Value)).Select(RoleCodes.FromCode).OfType<Role>().ToHashSet();
        var units = identity.FindAll(_options.UnitsClaim).SelectMany(c => Values(c.Value))
            .Where(u => u.Length is 2 or 3 or 5 && u.All(char.IsAsciiDigit))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new Caller(id, name, email, roles, units);
    }

    private static string[] Values(string value)
    {
        // A claim array arrives as one claim per element, but a string-typed directory attribute arrives as one joined string.
        if (value.StartsWith('['))
        {
            using var array = JsonDocument.Parse(value);
            return [.. array.RootElement.EnumerateArray().Select(e => e.ToString())];
        }

        return value.Split(UnitSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "Mã truy cập đã hết hạn; hãy đăng nhập lại.",
        SecurityTokenNotYetValidException => "Mã truy cập chưa có hiệu lực.",
        SecurityTokenInvalidLifetimeException => "Mã truy cập đã hết hạn hoặc chưa có hiệu lực; hãy đăng nhập lại.",
        SecurityTokenInvalidAudienceException => "Mã truy cập không dành cho hệ thống này.",
        SecurityTokenInvalidIssuerException => "Mã truy cập do nơi cấp không được chấp nhận.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "Chữ ký của mã truy cập không hợp lệ.",
        SecurityTokenMalformedException or ArgumentException => "Mã truy cập không đúng định dạng JWT.",
        _ => "Mã truy cập không hợp lệ.",
    };
}
