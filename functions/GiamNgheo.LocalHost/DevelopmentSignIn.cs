using System.Text.Json;
using GiamNgheo.Access.Callers;
using GiamNgheo.Access.Tokens;

namespace GiamNgheo.LocalHost;

/// <summary>A person the web app's local sign-in offers (the ones <c>./run.sh</c> prints), signed by the development issuer.</summary>
/// <param name="Label">What the sign-in screen shows, e.g. "Cán bộ xã 00004".</param>
/// <param name="Roles">Role codes (<c>commune-officer</c>…).</param>
/// <param name="Units">Unit codes the person covers.</param>
/// <param name="Name">Display name in the token.</param>
/// <param name="Email">Email in the token (names an agency as a plan's reporter).</param>
public sealed record DemoIdentity(string Label, IReadOnlyList<string> Roles, IReadOnlyList<string> Units, string? Name = null, string? Email = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The identities of a JSON file (an array of these records).</summary>
    public static IReadOnlyList<DemoIdentity> Load(string path) =>
        JsonSerializer.Deserialize<List<DemoIdentity>>(File.ReadAllText(path), Json)
            ?? throw new InvalidOperationException($"{path} holds no sign-in identities.");
}

/// <summary>The local host's sign-in for the web app: <c>GET /dev/sign-in</c> lists the demo identities with a fresh token
/// each. Only the local host maps it; in Azure the app signs in with Entra ID (ADR 0009, ADR 0012).</summary>
internal static class DevelopmentSignIn
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static void Map(WebApplication app, LocalHostOptions options)
    {
        var tokens = DevelopmentTokens.Open(options.DevelopmentKeyFile, TimeProvider.System);
        app.MapGet("/dev/sign-in", () => Results.Ok(new
        {
            mode = "development",
            identities = options.DemoIdentities.Select(i => new
            {
                label = i.Label,
                name = i.Name ?? i.Label,
                roles = i.Roles,
                units = i.Units,
                token = tokens.Issue(
                    [.. i.Roles.Select(r => RoleCodes.FromCode(r) ?? throw new InvalidOperationException($"Unknown role '{r}' in the demo identities."))],
                    i.Units, i.Name ?? i.Label, i.Email, Lifetime),
            }),
        }));
    }
}
