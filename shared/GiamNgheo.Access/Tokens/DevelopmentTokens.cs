using System.Security.Cryptography;
using GiamNgheo.Access.Callers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GiamNgheo.Access.Tokens;

/// <summary>The development issuer of a local run: signs tokens with a key kept in a file on this machine, which only the
/// local host trusts (the function app in Azure never registers it). <c>giamngheo token</c> and <c>./run.sh</c> use it.</summary>
public sealed class DevelopmentTokens
{
    /// <summary>The issuer the tokens name.</summary>
    public const string Issuer = "https://giamngheo.local/dev";

    /// <summary>The audience the tokens name and the local host accepts.</summary>
    public const string Audience = "api://giamngheo-local";

    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _clock;

    private DevelopmentTokens(SymmetricSecurityKey key, TimeProvider clock)
    {
        _key = key;
        _clock = clock;
    }

    /// <summary>Where the key lives unless a path is given: per user, so the CLI and the local host of one person agree.</summary>
    public static string DefaultKeyFile =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "giamngheo", "dev-token-key");

    /// <summary>The issuer over the key in <paramref name="keyFile"/>, creating a random 256-bit key (readable by the user only) the first time.</summary>
    public static DevelopmentTokens Open(string keyFile, TimeProvider clock)
    {
        var bytes = LoadOrCreateKey(keyFile);
        return new DevelopmentTokens(new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] }, clock);
    }

    /// <summary>What the local host accepts: this issuer, audience and key.</summary>
    public AccessTokenOptions ValidationOptions => new() { Issuers = [Issuer], Audiences = [Audience], SigningKeys = [_key] };

    /// <summary>A signed token for a person with these roles and units.</summary>
    public string Issue(IReadOnlyCollection<Role> roles, IReadOnlyCollection<string> units, string? name = null, string? email = null, TimeSpan? lifetime = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var subject = "dev-" + string.Join("-", roles.Select(r => r.Code()).Concat(units));
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["name"] = name ?? subject,
            ["roles"] = roles.Select(r => r.Code()).ToArray(),
            ["units"] = units.ToArray(),
        };
        if (email is not null)
            claims["email"] = email;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static byte[] LoadOrCreateKey(string keyFile)
    {
        if (File.Exists(keyFile))
            return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = keyFile + "." + Guid.NewGuid().ToString("N")[..8];
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(temp, options)))
            writer.Write(Convert.ToBase64String(key));
        try
        {
            // Two processes starting at once (the CLI and the host) must end with one key: the first rename wins.
            File.Move(temp, keyFile, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(keyFile))
        {
            File.Delete(temp);
            return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        }
    }
}
