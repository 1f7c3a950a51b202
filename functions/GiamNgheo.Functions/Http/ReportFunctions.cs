using GiamNgheo.Access.Authorization;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Pipeline.Reports.Workbook;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Http;

/// <summary>The analysts' reports of a commune, a pre-2025 district or a province (docs/reports.md).</summary>
public sealed class ReportFunctions(UnitReports reports, ChangeSources changes, AdminUnitCatalog units, StandardCatalog standards, PlanStore plans, ApiAccess access)
{
    /// <summary><c>GET /api/units/{year}/{unitCode}/reports/{report}</c>: <c>mpi</c> (Alkire–Foster H, A, M0, per indicator and
    /// subgroup, change from the year before), <c>thieu-hut</c> (poor and near-poor households deprived per indicator),
    /// <c>bien-dong</c> (changes over the year per class), <c>nhom-dac-thu</c> (groups, rates without người có công),
    /// <c>lao-dong</c> (members by labour and employment) or <c>chi-tieu</c> (the published plans' targets against the actual results).</summary>
    [ApiOperation(Tags.Reports, "Xem một báo cáo phân tích của đơn vị", Description = "mpi (H, A, M0 theo Alkire–Foster), thieu-hut, bien-dong, nhom-dac-thu, lao-dong, chi-tieu; định nghĩa trong docs/reports.md.")]
    [ApiResponse(200, "Báo cáo dạng JSON.")]
    [ApiProblems("khong-tim-thay")]
    [Function("unit-report")]
    public async Task<IResult> ReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{year:int}/{unitCode}/reports/{report}")] HttpRequest request,
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
        if (Unit(year, unitCode, reviewYear.ReferenceDate) is not { } found)
            return UnknownUnit(year, unitCode);

        var unit = found.Unit;
        object? body = report switch
        {
            UnitReports.MpiName => await reports.MpiAsync(unit, cancellationToken),
            UnitReports.GroupsName => await reports.GroupsAsync(unit, cancellationToken),
            UnitReports.LabourName => await reports.LabourAsync(unit, cancellationToken),
            UnitReports.ChangesName => await reports.ChangesAsync(unit, changes, cancellationToken),
            UnitReports.TargetsName => await reports.TargetsAsync(unit, await PublishedPlansAsync(unit, cancellationToken), changes, cancellationToken),
            _ => await reports.DeprivationsAsync(unit, cancellationToken),
        };
        return Results.Ok(body);
    }

    /// <summary><c>GET /api/units/{year}/{unitCode}/reports.xlsx</c>: every report as a sheet of one printable Vietnamese
    /// workbook laid out as the review's report forms (title block, units, signature blocks, A4).</summary>
    [ApiOperation(Tags.Reports, "Tải sổ báo cáo Excel của đơn vị", Description = "Mỗi báo cáo một trang theo mẫu biểu của kỳ rà soát (khối tiêu đề, đơn vị, chữ ký, khổ A4); mỗi lần tải được ghi nhật ký.")]
    [ApiResponse(200, "Sổ báo cáo (.xlsx).", ContentType = ApiMediaTypes.Xlsx)]
    [ApiProblems("khong-tim-thay")]
    [Function("unit-reports-workbook")]
    public async Task<IResult> WorkbookAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{year:int}/{unitCode}/reports.xlsx")] HttpRequest request,
        int year,
        string unitCode,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        if (await access.CheckAsync(request, Operation.ReadSummary, new UnitTarget(unitCode, reviewYear), "report.workbook", $"{year}/{unitCode}", cancellationToken) is { } denied)
            return denied;
        if (Unit(year, unitCode, reviewYear.ReferenceDate) is not { } found)
            return UnknownUnit(year, unitCode);

        var context = new ReportWorkbookContext(reports, found.Unit, found.Name, await PublishedPlansAsync(found.Unit, cancellationToken), changes);
        var stream = new MemoryStream();
        await ReportWorkbook.WriteAsync(stream, context, cancellationToken);
        stream.Position = 0;
        // A downloaded file leaves the service, so it is recorded like an export download; the JSON reports are not.
        await access.RecordAsync(request, "report.workbook", new UnitTarget(found.Unit.Code, reviewYear), $"{year}/{found.Unit.Code}", AuditEntry.Done, cancellationToken);
        return Results.File(stream, ReportWorkbook.ContentType, ReportWorkbook.FileName(found.Unit));
    }

    private (ReportUnit Unit, string Name)? Unit(int year, string unitCode, DateOnly referenceDate) =>
        units.Find(unitCode, referenceDate) is { } found
            ? (new ReportUnit(year, found.Level switch { AdminLevel.Commune => UnitLevel.Commune, AdminLevel.District => UnitLevel.District, _ => UnitLevel.Province }, found.Code, found.ProvinceCode), found.Name)
            : null;

    private static IResult UnknownUnit(int year, string unitCode) =>
        Problems.NotFound($"Mã đơn vị \"{unitCode}\" không có trong danh mục hành chính ngày 01/09/{year} (2 chữ số: tỉnh, 3: huyện trước 2025, 5: xã).");

    /// <summary>The unit's published plans of the year; drafts are not the unit's commitments yet.</summary>
    private async Task<IReadOnlyList<ReportPlan>> PublishedPlansAsync(ReportUnit unit, CancellationToken cancellationToken)
    {
        var published = new List<ReportPlan>();
        foreach (var listing in await plans.ListAsync(unit.Code, unit.Year, cancellationToken))
        {
            if (listing.PublishedAt is null || await plans.FindAsync(listing.Id, cancellationToken) is not { IsPublished: true } stored)
                continue;
            published.Add(new ReportPlan(stored.Plan.Id, stored.Plan.Title,
                stored.Plan.Targets.Select(t => new ReportTarget(t.Id, t.Label, t.Measure, t.Value, t.Unit, t.Base)).ToList()));
        }

        return published;
    }
}
