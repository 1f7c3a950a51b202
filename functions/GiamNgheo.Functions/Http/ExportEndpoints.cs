using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Template;

namespace GiamNgheo.Functions.Api;

/// <summary>Files to download: the survey template and the province workbook.</summary>
public static class ExportEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/template", Template);
        api.MapGet("/exports/{year:int}/{provinceCode}", ExportAsync);
    }

    private static IResult Template(int? year, StandardCatalog standards)
    {
        if (year is not { } y)
            return Problems.BadRequest("Thiếu tham số year (năm rà soát), ví dụ ?year=2025.");
        if (standards.NationalFor(y) is null)
        {
            var years = standards.NationalYears().ToList();
            return Problems.Create("nam-khong-ho-tro", 400, "Năm rà soát chưa được hỗ trợ", $"Chưa có chuẩn nghèo cho năm {y}; hệ thống hỗ trợ các năm {years.Min()}–{years.Max()}.");
        }

        var stream = new MemoryStream();
        SurveyTemplate.Write(stream, y, standards);
        stream.Position = 0;
        return Results.File(stream, XlsxType, $"mau-phieu-ra-soat-{y}.xlsx");
    }

    private static async Task<IResult> ExportAsync(HttpContext context, int year, string provinceCode, ProvinceExporter exporter, AuditLog audit, AdminUnitCatalog units, CancellationToken ct)
    {
        if (units.FindProvince(provinceCode, new DateOnly(year, 9, 1)) is null)
            return Problems.NotFound($"Mã tỉnh \"{provinceCode}\" không có trong danh mục hành chính ngày 01/09/{year}.");
        var export = await exporter.GetOrBuildAsync(year, provinceCode, ct);
        await audit.RecordAsync("export.download", $"{year}/{provinceCode}", UnitEndpoints.Principal(context), ct);
        var content = await export.Blob.OpenReadAsync(cancellationToken: ct);
        return Results.File(content, XlsxType, export.FileName);
    }
}
