namespace GiamNgheo.Functions.Http.Description;

/// <summary>The groups the API description lists operations under, in the order a reader meets them.</summary>
public static class Tags
{
    /// <summary>Health and the description itself.</summary>
    public const string System = "Hệ thống";

    /// <summary>The commune's template, uploads and submissions.</summary>
    public const string Survey = "Phiếu khảo sát";

    /// <summary>Summaries, households and the commune's change lists.</summary>
    public const string Results = "Kết quả";

    /// <summary>Analysts' reports.</summary>
    public const string Reports = "Báo cáo phân tích";

    /// <summary>The province's Power BI extract.</summary>
    public const string Exports = "Trích xuất Power BI";

    /// <summary>The annual review's steps and progress.</summary>
    public const string Review = "Rà soát hằng năm";

    /// <summary>Reporting plans, period reports and reminders.</summary>
    public const string Plans = "Kế hoạch báo cáo";

    /// <summary>The audit log.</summary>
    public const string Audit = "Nhật ký truy cập";

    /// <summary>The web app's files and how it signs in.</summary>
    public const string WebApp = "Ứng dụng web";

    /// <summary>Every tag with its Vietnamese description, in order.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (System, "Tình trạng hệ thống và mô tả API."),
        (Survey, "Mẫu phiếu, tải phiếu khảo sát của xã lên và theo dõi từng lần nộp."),
        (Results, "Kết quả chấm điểm: tổng hợp theo đơn vị, danh sách hộ kèm giải thích, danh sách đầu kỳ và biến động."),
        (Reports, "Báo cáo phân tích của xã, huyện (trước 2025) và tỉnh (docs/reports.md)."),
        (Exports, "Bộ dữ liệu Power BI của tỉnh, tạo bất đồng bộ (docs/power-bi.md)."),
        (Review, "Các bước rà soát hằng năm của xã và tiến độ của tỉnh (docs/review.md)."),
        (Plans, "Kế hoạch báo cáo, báo cáo từng kỳ, nhắc việc và tỷ lệ báo cáo (docs/plans.md)."),
        (Audit, "Nhật ký truy cập cho quản trị viên."),
        (WebApp, "Tệp của ứng dụng web tiếng Việt (phục vụ tại gốc trang, không cần đăng nhập) và cách ứng dụng đăng nhập (ADR 0012)."),
    ];
}
