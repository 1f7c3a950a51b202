using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;

namespace GiamNgheo.Surveys.Schema;

/// <summary>The commune survey format: sheets <c>thong_tin</c>, <c>ho</c> and <c>thanh_vien</c> and their columns.</summary>
/// <remarks>Keys are the contract with communes and other systems: add optional keys, never rename or remove one.</remarks>
public static class SurveySchema
{
    /// <summary>Sheet of the commune header.</summary>
    public const string InfoSheet = "thong_tin";

    /// <summary>Sheet of reviewed households.</summary>
    public const string HouseholdSheet = "ho";

    /// <summary>Sheet of household members.</summary>
    public const string MemberSheet = "thanh_vien";

    /// <summary>Periodic or regular review.</summary>
    public static readonly IReadOnlyList<CodeValue> ReviewKinds = [new("dinh_ky", "Định kỳ hằng năm"), new("thuong_xuyen", "Thường xuyên hằng năm")];

    /// <summary>Rural or urban.</summary>
    public static readonly IReadOnlyList<CodeValue> Areas = [new("nong_thon", "Nông thôn"), new("thanh_thi", "Thành thị")];

    /// <summary>Sex.</summary>
    public static readonly IReadOnlyList<CodeValue> Sexes = [new("nam", "Nam"), new("nu", "Nữ")];

    /// <summary>Employment status codes.</summary>
    public static readonly IReadOnlyList<CodeValue> EmploymentStatuses =
    [
        new("co_viec_lam", "Có việc làm"),
        new("khong_co_viec_lam", "Không có việc làm"),
        new("dang_tim_viec", "Đang tìm việc"),
        new("khong_co_kha_nang_lao_dong", "Không có khả năng lao động"),
        new("dang_di_hoc", "Đang đi học"),
        new("khong_muon_di_lam", "Không muốn đi làm"),
        new("noi_tro", "Nội trợ"),
    ];

    /// <summary>The survey code of an employment status (<c>tinh_trang_viec_lam</c>), as reports key their counts.</summary>
    public static string EmploymentCode(EmploymentStatus status) => status switch
    {
        EmploymentStatus.Employed => "co_viec_lam",
        EmploymentStatus.NotEmployed => "khong_co_viec_lam",
        EmploymentStatus.LookingForWork => "dang_tim_viec",
        EmploymentStatus.UnableToWork => "khong_co_kha_nang_lao_dong",
        EmploymentStatus.Studying => "dang_di_hoc",
        EmploymentStatus.NotWillingToWork => "khong_muon_di_lam",
        _ => "noi_tro",
    };

    /// <summary>The <c>thong_tin</c> sheet: one row describing the commune and the review.</summary>
    public static SurveySheet Info { get; } = new(InfoSheet, "Thông tin chung của xã", Required: true,
    [
        new("nam", "Năm rà soát", ColumnKind.WholeNumber, true, "Năm rà soát, ví dụ 2025. Phải trùng với năm khai báo khi tải lên."),
        new("ma_tinh", "Mã tỉnh", ColumnKind.Digits, true, "Mã tỉnh/thành phố 2 chữ số theo danh mục hành chính (ví dụ 01 Hà Nội).", DigitCount: 2),
        new("ma_xa", "Mã xã", ColumnKind.Digits, true, "Mã xã/phường/đặc khu 5 chữ số theo danh mục hành chính, thuộc tỉnh đã khai.", DigitCount: 5),
        new("tong_so_ho", "Tổng số hộ dân cư", ColumnKind.WholeNumber, true, "Tổng số hộ dân cư của xã (mẫu số của mọi tỷ lệ), không chỉ các hộ được rà soát.", Min: 1, Max: 10_000_000),
        new("tong_so_nhan_khau", "Tổng số nhân khẩu", ColumnKind.WholeNumber, true, "Tổng số nhân khẩu của xã.", Min: 1, Max: 100_000_000),
        new("ky_ra_soat", "Kỳ rà soát", ColumnKind.Code, false, "dinh_ky (định kỳ, mặc định) hoặc thuong_xuyen.", ReviewKinds),
        new("ma_huyen", "Mã huyện (trước 2025)", ColumnKind.Digits, false, "Chỉ cho năm rà soát trước 2025: mã huyện 3 chữ số. Không bắt buộc; nếu khai phải khớp với xã.", DigitCount: 3),
        new("ten_xa", "Tên xã (tham khảo)", ColumnKind.Text, false, "Chỉ để đọc; hệ thống dùng mã xã."),
    ]);

    /// <summary>The <c>ho</c> sheet: one row per reviewed household.</summary>
    public static SurveySheet Households { get; } = BuildHouseholds();

    /// <summary>The <c>thanh_vien</c> sheet: one row per household member (optional sheet).</summary>
    public static SurveySheet Members { get; } = new(MemberSheet, "Thành viên hộ", Required: false,
    [
        new("ma_ho", "Mã hộ", ColumnKind.Text, true, "Mã hộ của thành viên; phải có trong sheet ho."),
        new("ho_ten", "Họ và tên", ColumnKind.Text, true, "Họ và tên thành viên."),
        new("gioi_tinh", "Giới tính", ColumnKind.Code, false, "nam hoặc nu.", Sexes),
        new("nam_sinh", "Năm sinh", ColumnKind.WholeNumber, true, "Năm sinh (4 chữ số). Tuổi = năm rà soát − năm sinh."),
        new("quan_he_chu_ho", "Quan hệ với chủ hộ", ColumnKind.Text, false, "Một từ như: chủ hộ, vợ, chồng, con, con dâu, con rể, cháu, bố, mẹ, ông, bà, anh, chị, em. Phần giải thích gọi thành viên theo quan hệ và tuổi (ví dụ \"mẹ (73 tuổi)\"), không bao giờ theo họ tên; nếu không khai hoặc không thuộc danh sách, thành viên được gọi theo thứ tự (\"thành viên thứ 3\")."),
        new("co_bhyt", "Có bảo hiểm y tế", ColumnKind.Flag, false, "1 có thẻ BHYT, 0 không có, để trống nếu không rõ."),
        new("dang_di_hoc", "Đang đi học", ColumnKind.Flag, false, "1 đang đi học, 0 không, để trống nếu không rõ."),
        new("kha_nang_lao_dong", "Có khả năng lao động", ColumnKind.Flag, false, "1 có khả năng lao động, 0 không có."),
        new("tinh_trang_viec_lam", "Tình trạng việc làm", ColumnKind.Code, false, "Một trong các mã của danh sách.", EmploymentStatuses),
        new("huong_tro_cap_xa_hoi", "Hưởng trợ cấp xã hội hằng tháng", ColumnKind.Flag, false, "1 đang hưởng trợ cấp xã hội hằng tháng, 0 không."),
        new("suy_dinh_duong", "Suy dinh dưỡng", ColumnKind.Flag, false, "Trẻ em dưới 16 tuổi: 1 suy dinh dưỡng chiều cao hoặc cân nặng theo tuổi, 0 không."),
        new("khuyet_tat", "Người khuyết tật", ColumnKind.Flag, false, "1 là người khuyết tật (đã được xác định mức độ khuyết tật), 0 không, để trống nếu không rõ. Dùng cho báo cáo nhóm hộ có người khuyết tật."),
    ]);

    /// <summary>All sheets in file order.</summary>
    public static IReadOnlyList<SurveySheet> Sheets { get; } = [Info, Households, Members];

    /// <summary>The indicator flag columns, as for the <c>ho</c> sheet (all indicators of the catalog).</summary>
    public static IEnumerable<SurveyColumn> FlagColumns(IndicatorCatalog catalog) =>
        catalog.All.Select(i => new SurveyColumn(i.FlagColumn, "Thiếu hụt: " + i.Name, ColumnKind.Flag, false,
            $"1 thiếu hụt, 0 không; để trống để hệ thống suy ra từ dữ liệu nếu có thể. {i.Definition}"));

    private static SurveySheet BuildHouseholds()
    {
        var columns = new List<SurveyColumn>
        {
            new("ma_ho", "Mã hộ", ColumnKind.Text, true, $"Mã hộ, duy nhất trong xã; tối đa {HouseholdCode.MaxLength} ký tự."),
            new("ho_ten_chu_ho", "Họ tên chủ hộ", ColumnKind.Text, false, "Họ và tên chủ hộ."),
            new("so_cccd_chu_ho", "Số CCCD chủ hộ", ColumnKind.Digits, false, "Số căn cước công dân 12 chữ số (định dạng ô Văn bản để giữ số 0 ở đầu).", DigitCount: 12),
            new("thon", "Thôn/tổ dân phố", ColumnKind.Text, false, "Tên thôn, ấp, bản, tổ dân phố."),
            new("khu_vuc", "Khu vực", ColumnKind.Code, true, "nong_thon hoặc thanh_thi: quyết định chuẩn thu nhập áp dụng.", Areas),
            new("so_nhan_khau", "Số nhân khẩu", ColumnKind.WholeNumber, true, "Số nhân khẩu của hộ, ít nhất 1.", Min: 1, Max: 100),
            new("thu_nhap_binh_quan", "Thu nhập bình quân (đồng/người/tháng)", ColumnKind.Money, false, "Thu nhập bình quân đầu người một tháng, đồng. Cần ít nhất một trong hai cột thu nhập hoặc điểm B1."),
            new("diem_b1", "Điểm B1 (điểm A)", ColumnKind.Number, false, "Tổng điểm phiếu B1. Khi có, điểm B1 được dùng thay thu nhập nếu chuẩn của năm quy định ngưỡng điểm."),
        };
        columns.AddRange(FlagColumns(StandardCatalog.Default.Indicators));
        columns.AddRange(
        [
            new("dien_tich_nha_o_m2", "Diện tích nhà ở (m²)", ColumnKind.Number, false, "Tổng diện tích nhà ở của hộ, m². Dùng để suy ra chỉ số diện tích nhà ở bình quân."),
            new("nlndn", "Hộ làm nông, lâm, ngư, diêm nghiệp", ColumnKind.Flag, false, "1 nếu hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp hoặc diêm nghiệp (xét hộ có mức sống trung bình)."),
            new("dan_toc_thieu_so", "Hộ dân tộc thiểu số", ColumnKind.Flag, false, "1 nếu là hộ dân tộc thiểu số."),
            new("co_nguoi_co_cong", "Hộ có người có công", ColumnKind.Flag, false, "1 nếu hộ có thành viên là người có công với cách mạng."),
        ]);
        return new SurveySheet(HouseholdSheet, "Danh sách hộ rà soát", Required: true, columns);
    }
}
