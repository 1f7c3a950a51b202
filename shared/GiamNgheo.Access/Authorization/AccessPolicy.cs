using GiamNgheo.Access.Callers;
using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Access.Authorization;

/// <summary>Who may do what where: the role grants of issue 10 and the unit scopes, resolved on the year's reference date.</summary>
/// <remarks>A province or a pre-2025 district in a caller's units covers the communes (and districts) inside it on the reference
/// date of the year asked about, so a 2024 scope of district 271 reaches its communes of 2024 and nothing after the reform.</remarks>
public sealed class AccessPolicy(AdminUnitCatalog units)
{
    /// <summary>The roles each operation is granted to: the matrix docs/access.md shows and the authorisation tests walk.</summary>
    public static IReadOnlyDictionary<Operation, IReadOnlySet<Role>> Grants { get; } = new Dictionary<Operation, IReadOnlySet<Role>>
    {
        [Operation.ReadForms] = Set(Role.CommuneOfficer, Role.ProvinceOfficer, Role.Analyst, Role.Agency, Role.Admin),
        [Operation.UploadSurvey] = Set(Role.CommuneOfficer, Role.ProvinceOfficer, Role.Admin),
        [Operation.ReadSubmission] = Set(Role.CommuneOfficer, Role.ProvinceOfficer, Role.Admin),
        [Operation.ReadHouseholds] = Set(Role.CommuneOfficer, Role.ProvinceOfficer, Role.Admin),
        [Operation.ReadHeadNames] = Set(Role.CommuneOfficer, Role.ProvinceOfficer),
        [Operation.ReadSummary] = Set(Role.CommuneOfficer, Role.ProvinceOfficer, Role.Analyst, Role.Admin),
        [Operation.DownloadExport] = Set(Role.ProvinceOfficer, Role.Analyst, Role.Admin),
        [Operation.ReadReview] = Set(Role.CommuneOfficer, Role.ProvinceOfficer, Role.Analyst, Role.Admin),
        [Operation.RecordReviewStep] = Set(Role.CommuneOfficer, Role.ProvinceOfficer, Role.Admin),
        [Operation.ControlReview] = Set(Role.ProvinceOfficer, Role.Admin),
        [Operation.ReadPlan] = Set(Role.CommuneOfficer, Role.ProvinceOfficer, Role.Analyst, Role.Agency, Role.Admin),
        [Operation.ManagePlans] = Set(Role.ProvinceOfficer, Role.Admin),
        [Operation.ReadPlanReports] = Set(Role.ProvinceOfficer, Role.Analyst, Role.Admin),
        [Operation.SubmitReport] = Set(Role.CommuneOfficer, Role.ProvinceOfficer, Role.Agency, Role.Admin),
        [Operation.ReadAudit] = Set(Role.Admin),
    };

    /// <summary>Whether the caller may do <paramref name="operation"/>, on <paramref name="target"/> when the action touches a unit.</summary>
    public AccessDecision Decide(Caller caller, Operation operation, UnitTarget? target = null)
    {
        if (!Grants[operation].Overlaps(caller.Roles))
            return DenyRole(caller);
        if (target is not { } unit || IsUnrestricted(caller, operation))
            return AccessDecision.Allow;
        return Covers(caller, unit) ? AccessDecision.Allow : DenyScope(caller, unit);
    }

    /// <summary>Whether the caller may read a plan: its unit is in scope, or the caller is one of its reporters.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="operation"><see cref="Operation.ReadPlan"/>, <see cref="Operation.ManagePlans"/> or <see cref="Operation.ReadPlanReports"/>.</param>
    /// <param name="plan">The plan's unit and year.</param>
    /// <param name="reporters">The plan's reporters (unit code, email); only reading a plan is open to them.</param>
    public AccessDecision DecidePlan(Caller caller, Operation operation, UnitTarget plan, IEnumerable<ReporterIdentity> reporters)
    {
        var decision = Decide(caller, operation, plan);
        if (decision.Allowed || operation != Operation.ReadPlan || !Grants[operation].Overlaps(caller.Roles))
            return decision;
        return reporters.Any(r => IsReporter(caller, r)) ? AccessDecision.Allow : decision;
    }

    /// <summary>Whether the caller may submit the report of one reporter: the reporter itself (same commune or email), an officer of
    /// the plan's province on its behalf, or an admin.</summary>
    public AccessDecision DecideReport(Caller caller, UnitTarget plan, ReporterIdentity reporter)
    {
        if (!Grants[Operation.SubmitReport].Overlaps(caller.Roles))
            return DenyRole(caller);
        if (caller.Has(Role.Admin) || IsReporter(caller, reporter) || (caller.Has(Role.ProvinceOfficer) && Covers(caller, plan)))
            return AccessDecision.Allow;
        return AccessDecision.Deny("Bạn không phải đơn vị báo cáo này và đơn vị ban hành kế hoạch không thuộc phạm vi của bạn.");
    }

    /// <summary>Whether one of the caller's units is the target or contains it on the year's reference date.</summary>
    public bool Covers(Caller caller, UnitTarget target)
    {
        var unit = units.Find(target.Code, target.Year.ReferenceDate);
        var (province, district) = unit is null || unit.Level == AdminLevel.Province ? (null, null) : (unit.ProvinceCode, unit.DistrictCode);
        foreach (var scope in caller.Units)
        {
            if (scope == target.Code || scope == province || (district is not null && scope == district))
                return true;
        }

        return false;
    }

    /// <summary>Whether the caller's email or commune names the reporter.</summary>
    private static bool IsReporter(Caller caller, ReporterIdentity reporter) =>
        (reporter.Email is { Length: > 0 } email && string.Equals(email, caller.Email, StringComparison.OrdinalIgnoreCase))
        || (reporter.UnitCode is { Length: > 0 } unit && caller.Units.Contains(unit, StringComparer.Ordinal));

    private static bool IsUnrestricted(Caller caller, Operation operation) =>
        caller.Has(Role.Admin) && Grants[operation].Contains(Role.Admin);

    private static AccessDecision DenyRole(Caller caller) => AccessDecision.Deny(
        caller.Roles.Count == 0
            ? "Tài khoản chưa được giao vai trò nào trong hệ thống."
            : $"Vai trò {string.Join(", ", caller.Roles.Select(r => r.Label()))} không được phép thực hiện thao tác này.");

    private static AccessDecision DenyScope(Caller caller, UnitTarget target) => AccessDecision.Deny(
        $"Đơn vị {target.Code} năm {target.Year} nằm ngoài phạm vi được giao ({(caller.Units.Count == 0 ? "chưa giao đơn vị nào" : string.Join(", ", caller.Units))}).");

    private static HashSet<Role> Set(params Role[] roles) => [.. roles];
}

/// <summary>How a plan names a reporter, for matching it to a caller.</summary>
/// <param name="UnitCode">The reporter's commune or district, when it is one.</param>
/// <param name="Email">The reporter's email address.</param>
public readonly record struct ReporterIdentity(string? UnitCode, string? Email);
