using GiamNgheo.Access.Authorization;
using GiamNgheo.Access.Callers;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Access.Tests;

public sealed class AccessPolicyTests
{
    private static readonly AdminUnitCatalog Units = AdminUnitCatalog.Default;
    private static readonly AccessPolicy Policy = new(Units);
    private static readonly ReviewYear Y2024 = ReviewYear.Of(2024);
    private static readonly ReviewYear Y2025 = ReviewYear.Of(2025);

    private static Caller Of(Role role, params string[] units) => new("id", "Tên", null, new HashSet<Role> { role }, units);

    [Fact]
    public void A_province_scope_covers_its_communes_and_not_another_provinces()
    {
        var inside = Units.CommunesOf("01", Y2025.ReferenceDate)[0].Code;
        var outside = Units.CommunesOf("04", Y2025.ReferenceDate)[0].Code;
        var officer = Of(Role.ProvinceOfficer, "01");
        Assert.True(Policy.Decide(officer, Operation.ReadHouseholds, new UnitTarget(inside, Y2025)).Allowed);
        var refused = Policy.Decide(officer, Operation.ReadHouseholds, new UnitTarget(outside, Y2025));
        Assert.False(refused.Allowed);
        Assert.Contains("nằm ngoài phạm vi", refused.Reason);
    }

    [Fact]
    public void A_pre_2025_district_scope_covers_its_communes_on_the_2024_reference_date_only()
    {
        var district = Units.DistrictsOf("01", Y2024.ReferenceDate)[0];
        var commune = Units.CommunesOf("01", Y2024.ReferenceDate).First(c => c.DistrictCode == district.Code);
        var officer = Of(Role.CommuneOfficer, district.Code);
        Assert.True(Policy.Decide(officer, Operation.UploadSurvey, new UnitTarget(commune.Code, Y2024)).Allowed);
        Assert.True(Policy.Decide(officer, Operation.ReadSummary, new UnitTarget(district.Code, Y2024)).Allowed);
        // After the reform districts are gone: the same scope reaches nothing of 2025.
        Assert.False(Policy.Decide(officer, Operation.UploadSurvey, new UnitTarget(commune.Code, Y2025)).Allowed);
    }

    [Fact]
    public void A_commune_scope_does_not_reach_its_province()
    {
        var commune = Units.CommunesOf("01", Y2025.ReferenceDate)[0].Code;
        var officer = Of(Role.CommuneOfficer, commune);
        Assert.True(Policy.Decide(officer, Operation.ReadSummary, new UnitTarget(commune, Y2025)).Allowed);
        Assert.False(Policy.Decide(officer, Operation.ReadSummary, new UnitTarget("01", Y2025)).Allowed);
    }

    [Theory]
    [InlineData(Role.CommuneOfficer, true)]
    [InlineData(Role.ProvinceOfficer, true)]
    [InlineData(Role.Analyst, false)]
    [InlineData(Role.Agency, false)]
    [InlineData(Role.Admin, false)]
    public void Only_commune_and_province_officers_see_head_of_household_names(Role role, bool sees) =>
        Assert.Equal(sees, Policy.Decide(Of(role, "01"), Operation.ReadHeadNames).Allowed);

    [Fact]
    public void An_admin_reaches_every_unit_without_a_scope_but_a_caller_without_roles_reaches_nothing()
    {
        var admin = new Caller("a", "Quản trị", null, new HashSet<Role> { Role.Admin }, []);
        Assert.True(Policy.Decide(admin, Operation.DownloadExport, new UnitTarget("96", Y2025)).Allowed);
        var nobody = new Caller("n", "Không vai trò", null, new HashSet<Role>(), ["01"]);
        var refused = Policy.Decide(nobody, Operation.ReadForms);
        Assert.False(refused.Allowed);
        Assert.Contains("chưa được giao vai trò", refused.Reason);
    }

    [Fact]
    public void An_agency_submits_only_for_the_reporter_its_email_names_and_reads_plans_it_reports_under()
    {
        var agency = new Caller("s", "Sở Y tế", "so-y-te@example.vn", new HashSet<Role> { Role.Agency }, ["04"]);
        var plan = new UnitTarget("01", Y2025);
        var itself = new ReporterIdentity(null, "SO-Y-TE@example.vn");
        var other = new ReporterIdentity(null, "so-gd@example.vn");
        Assert.True(Policy.DecideReport(agency, plan, itself).Allowed);
        Assert.False(Policy.DecideReport(agency, plan, other).Allowed);
        Assert.True(Policy.DecidePlan(agency, Operation.ReadPlan, plan, [other, itself]).Allowed);
        Assert.False(Policy.DecidePlan(agency, Operation.ReadPlan, plan, [other]).Allowed);
        Assert.False(Policy.DecidePlan(agency, Operation.ManagePlans, plan, [itself]).Allowed);
    }

    [Fact]
    public void A_province_officer_submits_on_behalf_of_any_reporter_of_its_provinces_plans()
    {
        var officer = Of(Role.ProvinceOfficer, "01");
        Assert.True(Policy.DecideReport(officer, new UnitTarget("01", Y2025), new ReporterIdentity(null, "x@example.vn")).Allowed);
        Assert.False(Policy.DecideReport(officer, new UnitTarget("04", Y2025), new ReporterIdentity(null, "x@example.vn")).Allowed);
    }

    [Fact]
    public void Every_operation_has_grants_and_the_audit_is_for_admins_alone()
    {
        Assert.All(Enum.GetValues<Operation>(), o => Assert.True(AccessPolicy.Grants.ContainsKey(o), o.ToString()));
        Assert.Equal([Role.Admin], AccessPolicy.Grants[Operation.ReadAudit]);
    }
}
