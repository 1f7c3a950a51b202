using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Functions.Api;

/// <summary>Results of a commune, district or province: summaries and household lists.</summary>
public static class UnitEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    /// <summary>Maps the endpoints.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/units/{year:int}/{unitCode}/summary", SummaryAsync);
        api.MapGet("/units/{year:int}/{communeCode}/households", HouseholdsAsync);
    }

    private static async Task<IResult> SummaryAsync(int year, string unitCode, SummaryStore summaries, AdminUnitCatalog units, StandardCatalog standards, CancellationToken ct)
    {
        var on = new DateOnly(year, 9, 1);
        switch (unitCode.Length)
        {
            case 5 when units.FindCommune(unitCode, on)?.Unit is { } commune:
            {
                var summary = await summaries.CommuneAsync(year, commune.ProvinceCode, commune.Code, ct);
                return summary is null
                    ? NoResults($"Xã {commune.Code} ({commune.Name}) chưa có lần nộp nào được chấm điểm cho năm {year}.")
                    : Results.Ok(UnitSummaryView.From(summary, commune.Name, null, standards.Indicators));
            }

            case 3 when units.FindDistrict(unitCode, on) is { } district:
            {
                var communes = await summaries.CommunesAsync(year, district.ProvinceCode, ct);
                var (_, districts) = SummaryStore.Aggregate(year, district.ProvinceCode, communes.Where(c => c.DistrictCode == district.Code));
                var summary = districts.Count > 0 ? districts[0] : new UnitSummary(year, UnitLevel.District, district.Code, district.ProvinceCode) { DistrictCode = district.Code };
                var total = units.CommunesOf(district.ProvinceCode, on).Count(c => c.DistrictCode == district.Code);
                return Results.Ok(UnitSummaryView.From(summary, district.Name, total, standards.Indicators));
            }

            case 2 when units.FindProvince(unitCode, on) is { } province:
            {
                var communes = await summaries.CommunesAsync(year, province.Code, ct);
                var (summary, _) = SummaryStore.Aggregate(year, province.Code, communes);
                return Results.Ok(UnitSummaryView.From(summary, province.Name, units.CommunesOf(province.Code, on).Count, standards.Indicators));
            }

            default:
                return Problems.NotFound($"Mã đơn vị \"{unitCode}\" không có trong danh mục hành chính ngày 01/09/{year} (2 chữ số: tỉnh, 3: huyện trước 2025, 5: xã).");
        }
    }

    private static async Task<IResult> HouseholdsAsync(
        HttpContext context, int year, string communeCode, int? pageSize, string? pageToken, string? @class,
        SubmissionStore submissions, HouseholdStore households, AuditLog audit, AdminUnitCatalog units, CancellationToken ct)
    {
        if (pageSize is < 1 or > MaxPageSize)
            return Problems.BadRequest($"pageSize phải từ 1 đến {MaxPageSize}.");
        if (@class is not null && HouseholdClasses.FromCode(@class) is null)
            return Problems.BadRequest($"class phải là một trong: {string.Join(", ", HouseholdClasses.All.Select(c => c.Code()))}.");
        if (units.FindCommune(communeCode, new DateOnly(year, 9, 1))?.Unit is not { } commune)
            return Problems.NotFound($"Mã xã \"{communeCode}\" không có trong danh mục hành chính ngày 01/09/{year}.");

        var counted = await submissions.FindCountedAsync(year, commune.Code, ct);
        if (counted is null)
            return NoResults($"Xã {commune.Code} ({commune.Name}) chưa có lần nộp nào được chấm điểm cho năm {year}.");

        HouseholdPage page;
        try
        {
            page = await households.PageAsync(counted.Key, pageSize ?? DefaultPageSize, pageToken, @class, ct);
        }
        catch (Exception ex) when (ex is FormatException || ex is Azure.RequestFailedException { Status: 400 })
        {
            return Problems.BadRequest("pageToken không hợp lệ; hãy bắt đầu lại từ trang đầu.");
        }

        await audit.RecordAsync("households.list", $"{year}/{commune.Code}", Principal(context), ct);
        return Results.Ok(new { year, communeCode = commune.Code, submissionId = counted.Key.Id, items = page.Items, nextPageToken = page.NextPageToken });
    }

    /// <summary>The signed-in user as the platform's authentication reports it, or <c>anonymous</c>.</summary>
    internal static string Principal(HttpContext context) =>
        context.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].FirstOrDefault() is { Length: > 0 } name ? name : "anonymous";

    private static IResult NoResults(string detail) => Problems.Create("chua-co-ket-qua", 404, "Chưa có kết quả", detail);
}
