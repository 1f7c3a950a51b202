using GiamNgheo.Access.Authorization;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Functions.Http;

/// <summary>Results of a commune, district or province: summaries and household lists.</summary>
public sealed class UnitFunctions(
    SummaryStore summaries,
    SubmissionStore submissions,
    HouseholdStore households,
    ApiAccess access,
    AdminUnitCatalog units,
    StandardCatalog standards)
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    /// <summary><c>GET /api/units/{year}/{unitCode}/summary</c>: a commune (5 digits), district (3, before 2025) or province (2).</summary>
    [ApiOperation(Tags.Results, "Tổng hợp kết quả của xã, huyện hoặc tỉnh", Description = "Số hộ và nhân khẩu theo phân loại, tỷ lệ trên tổng số hộ cư trú, số hộ nghèo và cận nghèo thiếu hụt theo từng chỉ số; với tỉnh và huyện, kèm số liệu từng xã đã có kết quả (communes).")]
    [ApiResponse(200, "Tổng hợp của đơn vị.", Type = typeof(UnitSummaryView))]
    [ApiProblems("khong-tim-thay", "chua-co-ket-qua")]
    [Function("unit-summary")]
    public async Task<IResult> SummaryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{year:int}/{unitCode}/summary")] HttpRequest request,
        int year,
        string unitCode,
        CancellationToken cancellationToken)
    {
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        if (await access.CheckAsync(request, Operation.ReadSummary, new UnitTarget(unitCode, reviewYear), "summary.read", $"{year}/{unitCode}", cancellationToken) is { } denied)
            return denied;
        var on = reviewYear.ReferenceDate;
        switch (unitCode.Length)
        {
            case 5 when units.FindCommune(unitCode, on)?.Unit is { } commune:
            {
                var summary = await summaries.CountedCommuneAsync(year, commune.Code, cancellationToken);
                return summary is null
                    ? NoResults($"Xã {commune.Code} ({commune.Name}) chưa có lần nộp nào được chấm điểm cho năm {year}.")
                    : Results.Ok(UnitSummaryView.From(summary, commune.Name, null, standards.Indicators));
            }

            case 3 when units.FindDistrict(unitCode, on) is { } district:
            {
                var communes = (await summaries.CommunesAsync(year, district.ProvinceCode, cancellationToken)).Where(c => c.DistrictCode == district.Code).ToList();
                var (_, districts) = SummaryStore.Aggregate(year, district.ProvinceCode, communes);
                var summary = districts.Count > 0 ? districts[0] : new UnitSummary(year, UnitLevel.District, district.Code, district.ProvinceCode) { DistrictCode = district.Code };
                var total = units.CommunesOf(district.ProvinceCode, on).Count(c => c.DistrictCode == district.Code);
                return Results.Ok(UnitSummaryView.From(summary, district.Name, total, standards.Indicators, Figures(communes, on)));
            }

            case 2 when units.FindProvince(unitCode, on) is { } province:
            {
                var communes = await summaries.CommunesAsync(year, province.Code, cancellationToken);
                var (summary, _) = SummaryStore.Aggregate(year, province.Code, communes);
                return Results.Ok(UnitSummaryView.From(summary, province.Name, units.CommunesOf(province.Code, on).Count, standards.Indicators, Figures(communes, on)));
            }

            default:
                return Problems.NotFound($"Mã đơn vị \"{unitCode}\" không có trong danh mục hành chính ngày 01/09/{year} (2 chữ số: tỉnh, 3: huyện trước 2025, 5: xã).");
        }
    }

    private List<CommuneFigures> Figures(IEnumerable<UnitSummary> communes, DateOnly on) =>
        [.. communes.OrderBy(c => c.UnitCode, StringComparer.Ordinal).Select(c => CommuneFigures.From(c, units.FindCommune(c.UnitCode, on)?.Unit.Name))];

    /// <summary><c>GET /api/units/{year}/{communeCode}/households?pageSize=&amp;pageToken=&amp;class=</c>: the counted submission's
    /// households with their explanations, paged; every read is audited.</summary>
    [ApiOperation(Tags.Results, "Danh sách hộ của xã kèm giải thích kết quả", Description = "Các hộ của lần nộp được tính, có phân trang; thành viên chỉ ghi quan hệ và tuổi, không ghi tên; tên chủ hộ chỉ cho cán bộ xã và tỉnh.")]
    [ApiQuery("pageSize", "Số hộ mỗi trang (1–1000, mặc định 100).", Whole = true)]
    [ApiQuery("pageToken", "Mã trang tiếp theo (nextPageToken của trang trước).")]
    [ApiQuery("class", "Chỉ lấy hộ thuộc phân loại này.", Values = ["ngheo", "can_ngheo", "muc_song_trung_binh", "khong_ngheo"])]
    [ApiResponse(200, "Một trang hộ: items và nextPageToken.")]
    [ApiProblems("yeu-cau-khong-hop-le", "khong-tim-thay", "chua-co-ket-qua")]
    [Function("unit-households")]
    public async Task<IResult> HouseholdsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{year:int}/{communeCode}/households")] HttpRequest request,
        int year,
        string communeCode,
        CancellationToken cancellationToken)
    {
        // The public lists need the head's name, so officers see it; an admin reads the same list without it.
        var view = access.Policy.Decide(ApiAccess.Caller(request), Operation.ReadHeadNames).Allowed ? HouseholdView.WithHeadName : HouseholdView.WithoutHeadName;
        if (!HttpRoutes.TryYear(year, standards, out var reviewYear, out var badYear))
            return badYear;
        var target = new UnitTarget(communeCode, reviewYear);
        if (await access.CheckAsync(request, Operation.ReadHouseholds, target, "households.list", $"{year}/{communeCode}", cancellationToken) is { } denied)
            return denied;
        int? pageSize = null;
        if (request.Query.TryGetValue("pageSize", out var sizeText))
        {
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) || size is < 1 or > MaxPageSize)
                return Problems.BadRequest($"pageSize phải từ 1 đến {MaxPageSize}.");
            pageSize = size;
        }

        var classCode = request.Query["class"].FirstOrDefault();
        if (classCode is not null && HouseholdClasses.FromCode(classCode) is null)
            return Problems.BadRequest($"class phải là một trong: {string.Join(", ", HouseholdClasses.All.Select(c => c.Code()))}.");
        if (units.FindCommune(communeCode, reviewYear.ReferenceDate)?.Unit is not { } commune)
            return Problems.NotFound($"Mã xã \"{communeCode}\" không có trong danh mục hành chính ngày 01/09/{year}.");

        var counted = await submissions.FindCountedAsync(year, commune.Code, cancellationToken);
        if (counted is null)
            return NoResults($"Xã {commune.Code} ({commune.Name}) chưa có lần nộp nào được chấm điểm cho năm {year}.");

        HouseholdPage page;
        try
        {
            page = await households.PageAsync(counted.Key, pageSize ?? DefaultPageSize, request.Query["pageToken"].FirstOrDefault(), classCode, view, cancellationToken);
        }
        catch (InvalidPageTokenException)
        {
            return Problems.BadRequest("pageToken không hợp lệ; hãy bắt đầu lại từ trang đầu.");
        }

        await access.RecordAsync(request, "households.list", target, counted.Key.Id, AuditEntry.Done, cancellationToken);
        return Results.Ok(new { year, communeCode = commune.Code, submissionId = counted.Key.Id, items = page.Items, nextPageToken = page.NextPageToken });
    }

    private static IResult NoResults(string detail) => Problems.Create("chua-co-ket-qua", 404, "Chưa có kết quả", detail);
}
