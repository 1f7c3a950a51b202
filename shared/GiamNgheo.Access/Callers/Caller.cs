namespace GiamNgheo.Access.Callers;

/// <summary>The verified person behind a request: who (from a validated token, never from a header the client sets), their roles and the units they work for.</summary>
/// <param name="Id">Stable identifier of the person at the issuer (Entra object id, or the development token's subject).</param>
/// <param name="Name">Display name, for the audit log and the review trail.</param>
/// <param name="Email">Email address when the token has one; matches an agency to a plan's reporter.</param>
/// <param name="Roles">The roles the token grants.</param>
/// <param name="Units">Unit codes the person works for: provinces (2 digits), pre-2025 districts (3) or communes (5).</param>
public sealed record Caller(string Id, string Name, string? Email, IReadOnlySet<Role> Roles, IReadOnlyList<string> Units)
{
    /// <summary>Whether the caller holds the role.</summary>
    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>How the audit and the review trail name the caller: the display name and the stable id.</summary>
    public string AuditName => Name == Id ? Id : $"{Name} ({Id})";
}
