using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Synthetic;

/// <summary>The columns a synthetic survey of one year has, in template order, and the cells of its rows.</summary>
/// <remarks>Columns the year's standard would not read (other indicators' flags, B1 points without a B1 threshold,
/// nlndn without a middle-living band, the district after the reform) are left out rather than left blank.</remarks>
internal sealed class SyntheticSheets
{
    private readonly SyntheticYear _year;
    private readonly Func<SyntheticHousehold, SurveyCell>[] _household;
    private readonly Func<SyntheticHousehold, SyntheticMember, SurveyCell>[] _member;

    public SyntheticSheets(SyntheticYear year, IndicatorCatalog catalog)
    {
        _year = year;
        var twoTier = AdminUnitCatalog.IsTwoTier(year.ReferenceDate);
        InfoColumns = [.. SurveySchema.Info.Columns.Where(c => c.Key != "ma_huyen" || !twoTier)];
        var flags = catalog.All.ToDictionary(i => i.FlagColumn, StringComparer.Ordinal);
        HouseholdColumns = [.. SurveySchema.Households.Columns.Where(c => c.Key switch
        {
            "diem_b1" => year.RecordsB1,
            "nlndn" => year.RecordsAgriculture,
            _ => !flags.TryGetValue(c.Key, out var indicator) || year.National.Uses(indicator),
        })];
        MemberColumns = SurveySchema.Members.Columns;
        _household = [.. HouseholdColumns.Select(c => HouseholdField(c.Key, flags))];
        _member = [.. MemberColumns.Select(c => MemberField(c.Key))];
    }

    public IReadOnlyList<SurveyColumn> InfoColumns { get; }

    public IReadOnlyList<SurveyColumn> HouseholdColumns { get; }

    public IReadOnlyList<SurveyColumn> MemberColumns { get; }

    /// <summary>The header row: the commune's totals are the reviewed households plus those the review did not list.</summary>
    public SurveyCell[] InfoRow(CommuneProfile profile, long reviewedHouseholds, long reviewedPersons) =>
    [
        .. InfoColumns.Select(c => c.Key switch
        {
            "nam" => SurveyCell.Of((long?)_year.Year),
            "ma_tinh" => SurveyCell.Of(profile.Commune.ProvinceCode),
            "ma_xa" => SurveyCell.Of(profile.Commune.Code),
            "tong_so_ho" => SurveyCell.Of(reviewedHouseholds + profile.NonReviewedHouseholds),
            "tong_so_nhan_khau" => SurveyCell.Of(reviewedPersons + (long)Math.Round(profile.NonReviewedHouseholds * profile.NonReviewedSize)),
            "ky_ra_soat" => SurveyCell.Of("dinh_ky"),
            "ma_huyen" => SurveyCell.Of(profile.Commune.DistrictCode),
            "ten_xa" => SurveyCell.Of(profile.Commune.Name),
            _ => SurveyCell.Empty,
        }),
    ];

    public void HouseholdRow(SyntheticHousehold household, Span<SurveyCell> row)
    {
        for (var i = 0; i < _household.Length; i++)
            row[i] = _household[i](household);
    }

    public void MemberRow(SyntheticHousehold household, SyntheticMember member, Span<SurveyCell> row)
    {
        for (var i = 0; i < _member.Length; i++)
            row[i] = _member[i](household, member);
    }

    private static Func<SyntheticHousehold, SurveyCell> HouseholdField(string key, Dictionary<string, IndicatorDefinition> flags) => key switch
    {
        "ma_ho" => h => SurveyCell.Of(h.Code),
        "ho_ten_chu_ho" => h => SurveyCell.Of(h.HeadName),
        "so_cccd_chu_ho" => h => SurveyCell.Of(h.CitizenId),
        "thon" => h => SurveyCell.Of(h.Village),
        "khu_vuc" => h => SurveyCell.Of(h.Urban ? "thanh_thi" : "nong_thon"),
        "so_nhan_khau" => h => SurveyCell.Of((long?)h.Size),
        "thu_nhap_binh_quan" => h => SurveyCell.Of(h.Income),
        "diem_b1" => h => SurveyCell.Of(h.B1Points),
        "dien_tich_nha_o_m2" => h => SurveyCell.Of(h.FloorAreaM2),
        "nlndn" => h => SurveyCell.Of(h.Agriculture),
        "dan_toc_thieu_so" => h => SurveyCell.Of(h.EthnicMinority),
        "co_nguoi_co_cong" => h => SurveyCell.Of(h.MeritFamily),
        _ when flags.TryGetValue(key, out var indicator) => h => SurveyCell.Of(h.Flags[indicator.Index]),
        // A column the schema gains later stays blank until the generator learns it.
        _ => _ => SurveyCell.Empty,
    };

    private Func<SyntheticHousehold, SyntheticMember, SurveyCell> MemberField(string key) => key switch
    {
        "ma_ho" => (h, _) => SurveyCell.Of(h.Code),
        "ho_ten" => (_, m) => SurveyCell.Of(m.Name),
        "gioi_tinh" => (_, m) => SurveyCell.Of(m.Male ? "nam" : "nu"),
        "nam_sinh" => (_, m) => SurveyCell.Of((long?)(_year.Year - m.Age)),
        "quan_he_chu_ho" => (_, m) => SurveyCell.Of(m.Relation),
        "co_bhyt" => (_, m) => SurveyCell.Of(m.HealthInsured),
        "dang_di_hoc" => (_, m) => SurveyCell.Of(m.InSchool),
        "kha_nang_lao_dong" => (_, m) => SurveyCell.Of(m.AbleToWork),
        "tinh_trang_viec_lam" => (_, m) => SurveyCell.Of(m.EmploymentCode),
        "huong_tro_cap_xa_hoi" => (_, m) => SurveyCell.Of(m.SocialAllowance),
        "suy_dinh_duong" => (_, m) => SurveyCell.Of(m.Malnourished),
        _ => (_, _) => SurveyCell.Empty,
    };
}
