using GiamNgheo.Access.Authorization;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Http;

/// <summary>The analysts' reports of a commune, a pre-2025 district or a province (docs/reports.md).</summary>
public sealed class ReportFunctions(UnitReports reports, ChangeSources changes, AdminUnitCatalog units, StandardCatalog standards, ApiAccess access)
{
    /// <summary><c>GET /api/units/{year}/{unitCode}/reports/{report}</c>: <c>mpi</c> (Alkire–Foster H, A, M0, per indicator and
    /// subgroup, change from the year before), <c>thieu-hut</c> (poor and near-poor households deprived per indicator),
    /// <c>bien-dong</c> (changes over the year per class), <c>nhom-dac-thu</c> (groups, rates without người có công) or
    /// <c>lao-dong</c> (members by labour and employment).</summary>
    [Function("unit-report")]
    public async Task<IResult> ReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "units/{year:int}/{unitCode}/reports/{report}")] HttpRequest request,
        int year,
        string unitCode,
        string report,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        if (await access.CheckAsync(request, Operation.ReadSummary, new UnitTarget(unitCode, reviewYear), "report.read", $"{year}/{unitCode}/{report}", cancellationToken) is { } denied)
            return denied;
        if (!UnitReports.Names.Contains(report, StringComparer.Ordinal))
            return Problems.NotFound($"Không có báo cáo \"{report}\"; các báo cáo: {string.Join(", ", UnitReports.Names)}.");

        var unit = units.Find(unitCode, reviewYear.ReferenceDate) is { } found
            ? new ReportUnit(year, found.Level switch { AdminLevel.Commune => UnitLevel.Commune, AdminLevel.District => UnitLevel.District, _ => UnitLevel.Province }, found.Code, found.ProvinceCode)
            : null;
        if (unit is null)
            return Problems.NotFound($"Mã đơn vị \"{unitCode}\" không có trong danh mục hành chính ngày 01/09/{year} (2 chữ số: tỉnh, 3: huyện trước 2025, 5: xã).");

        object? body = report switch
        {
            UnitReports.MpiName => await reports.MpiAsync(unit, cancellationToken),
            UnitReports.GroupsName => await reports.GroupsAsync(unit, cancellationToken),
            UnitReports.LabourName => await reports.LabourAsync(unit, cancellationToken),
            UnitReports.ChangesName => await reports.ChangesAsync(unit, changes, cancellationToken),
            _ => await reports.DeprivationsAsync(unit, cancellationToken),
        };
        return Results.Ok(body);
    }
}
