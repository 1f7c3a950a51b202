namespace GiamNgheo.Access.Callers;

/// <summary>What a signed-in person does in the system; a token carries one or more.</summary>
public enum Role
{
    /// <summary><c>commune-officer</c>: uploads its communes' surveys, reads their households, records review steps, reports for its plans.</summary>
    CommuneOfficer,

    /// <summary><c>province-officer</c>: every commune of its province, plus review control (start, lock, reopen) and plans.</summary>
    ProvinceOfficer,

    /// <summary><c>analyst</c>: its provinces' summaries, reports and pseudonymised extracts; never a name.</summary>
    Analyst,

    /// <summary><c>agency</c>: the plans it reports under: read their periods, submit its reports.</summary>
    Agency,

    /// <summary><c>admin</c>: everything, and the audit log; household lists without names.</summary>
    Admin,
}

/// <summary>The stable codes of <see cref="Role"/> as tokens and the API spell them.</summary>
public static class RoleCodes
{
    private static readonly (Role Role, string Code)[] Codes =
    [
        (Role.CommuneOfficer, "commune-officer"),
        (Role.ProvinceOfficer, "province-officer"),
        (Role.Analyst, "analyst"),
        (Role.Agency, "agency"),
        (Role.Admin, "admin"),
    ];

    /// <summary>Every role, in the order of the codes.</summary>
    public static IReadOnlyList<Role> All { get; } = [.. Codes.Select(c => c.Role)];

    /// <summary>The code of a role, e.g. <c>commune-officer</c>.</summary>
    public static string Code(this Role role) => Codes.First(c => c.Role == role).Code;

    /// <summary>The role with this code (case-insensitive), or null.</summary>
    public static Role? FromCode(string? code) =>
        Codes.FirstOrDefault(c => string.Equals(c.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Code: not null } match ? match.Role : null;

    /// <summary>The Vietnamese name of a role, for messages.</summary>
    public static string Label(this Role role) => role switch
    {
        Role.CommuneOfficer => "cán bộ xã",
        Role.ProvinceOfficer => "cán bộ tỉnh",
        Role.Analyst => "chuyên viên phân tích",
        Role.Agency => "cơ quan báo cáo",
        Role.Admin => "quản trị",
        _ => role.ToString(),
    };
}
