using GiamNgheo.Pipeline.Reports;

namespace GiamNgheo.Workflows.Plans;

/// <summary>What a form cell holds, which decides how it is formatted, validated in Excel and read.</summary>
internal enum FormValue
{
    /// <summary>Free text (names, titles, addresses), formatted as text.</summary>
    Text,

    /// <summary>A code or id, formatted as text so that leading zeros stay ("00166").</summary>
    Code,

    /// <summary>The plan's year.</summary>
    Year,

    /// <summary>A number (a target value); a decimal comma is accepted.</summary>
    Number,

    /// <summary>A date: an Excel date, or text dd/mm/yyyy or yyyy-mm-dd.</summary>
    Date,

    /// <summary>A time of day: an Excel time, or text HH:mm.</summary>
    Time,

    /// <summary>Days separated by commas ("7, 3, 1, 0"); "không" for none.</summary>
    DayList,

    /// <summary>One of <see cref="PlanRules.TargetUnits"/>, from a drop-down.</summary>
    TargetUnit,
}

/// <summary>One field of the form: a row of <c>KeHoach</c> or a column of a list sheet.</summary>
/// <param name="Key">The machine key: the JSON path of a plan field (<c>supervisor.email</c>) or the field of a list item (<c>due</c>).</param>
/// <param name="Label">The Vietnamese label.</param>
/// <param name="Required">Whether the officer must fill it in.</param>
/// <param name="Kind">What the cell holds.</param>
/// <param name="Help">How to fill it in, in Vietnamese.</param>
/// <param name="Width">Column width in characters (list sheets).</param>
internal sealed record FormField(string Key, string Label, bool Required, FormValue Kind, string Help, double Width = 24);

/// <summary>A sheet with one plan item per row.</summary>
/// <param name="Sheet">Sheet name.</param>
/// <param name="Path">The JSON path of the list (<c>reporters</c>).</param>
/// <param name="MaxRows">Most items.</param>
/// <param name="What">What one row is, in Vietnamese ("đơn vị báo cáo").</param>
/// <param name="Required">Whether the sheet must exist in an upload.</param>
/// <param name="Columns">The columns in template order.</param>
internal sealed record FormTable(string Sheet, string Path, int MaxRows, string What, bool Required, IReadOnlyList<FormField> Columns);

/// <summary>The layout of the plan form, shared by its writer and reader.</summary>
internal static class PlanFormLayout
{
    public const string InstructionsSheet = "HuongDan";
    public const string PlanSheet = "KeHoach";

    /// <summary>The text an officer types for "no reminders" in a day list; a blank cell means the default.</summary>
    public const string NoDays = "không";

    public static IReadOnlyList<FormField> PlanFields { get; } =
    [
        new("id", "Mã kế hoạch", true, FormValue.Code, "Chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ thanh-liem-2021. Dùng làm mã lưu trữ, không đổi sau khi công bố."),
        new("title", "Tên kế hoạch", true, FormValue.Text, "Tên như trên văn bản."),
        new("year", "Năm kế hoạch", true, FormValue.Year, "Năm mà kế hoạch áp dụng, ví dụ 2021."),
        new("unitCode", "Mã đơn vị ban hành", true, FormValue.Code,
            "Mã tỉnh (2 chữ số), mã huyện (3 chữ số, chỉ đến năm 2025) hoặc mã xã (5 chữ số) theo danh mục đơn vị hành chính của năm kế hoạch."),
        new("source", "Văn bản (số, ngày)", false, FormValue.Text, "Số và ngày của văn bản ban hành kế hoạch, nếu có."),
        new("note", "Ghi chú", false, FormValue.Text, "Ví dụ: hạn nào là giả định vì văn bản không ghi."),
        new("supervisor.id", "Mã nơi nhận báo cáo", true, FormValue.Code, "Chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ phong-ldtbxh."),
        new("supervisor.name", "Đơn vị, cán bộ nhận báo cáo", true, FormValue.Text, "Nơi tổng hợp báo cáo; nhận danh sách đơn vị trễ hạn."),
        new("supervisor.email", "Email nơi nhận báo cáo", false, FormValue.Text, "Cần email hoặc webhook (hoặc cả hai)."),
        new("supervisor.webhook", "Webhook nơi nhận báo cáo", false, FormValue.Text, "Địa chỉ https:// nhận tin nhắn JSON có chữ ký (ví dụ chuyển tiếp qua Zalo OA)."),
        new("reminders.timeOfDay", "Giờ gửi nhắc", false, FormValue.Time, "Dạng HH:mm, giờ Việt Nam; để trống là 08:00."),
        new("reminders.daysBefore", "Số ngày nhắc trước hạn", false, FormValue.DayList,
            $"Các số ngày cách nhau bằng dấu phẩy, 0 là đúng ngày hạn, tối đa {PlanRules.MaxReminderDays}; để trống là 7, 3, 1, 0; ghi \"{NoDays}\" nếu không nhắc trước."),
        new("reminders.escalateDaysAfter", "Số ngày nhắc sau khi quá hạn", false, FormValue.DayList,
            $"Các số ngày sau hạn (từ 1 đến {PlanRules.MaxReminderDays}) nhắc đơn vị trễ và gửi danh sách trễ hạn cho nơi nhận; để trống là 1, 3, 7; ghi \"{NoDays}\" nếu không nhắc."),
    ];

    public static FormTable Reporters { get; } = new("DonViBaoCao", "reporters", PlanRules.MaxReporters, "đơn vị báo cáo", true,
    [
        new("id", "Mã đơn vị báo cáo", true, FormValue.Code, "Chữ thường không dấu, chữ số và gạch ngang, ví dụ phong-y-te, xa-13450; không trùng nhau.", 22),
        new("name", "Tên đơn vị", true, FormValue.Text, "Ví dụ Phòng Y tế, UBND xã Liêm Phong.", 36),
        new("unitCode", "Mã đơn vị hành chính", false, FormValue.Code, "Mã xã (hoặc huyện) nếu đơn vị báo cáo là một xã, huyện thuộc đơn vị ban hành.", 14),
        new("email", "Email", false, FormValue.Text, "Cần email hoặc webhook.", 32),
        new("webhook", "Webhook", false, FormValue.Text, "Địa chỉ https://.", 32),
        new("activeFrom", "Báo cáo từ ngày", false, FormValue.Date, "Để trống nếu báo cáo từ đầu kế hoạch.", 14),
        new("activeUntil", "Báo cáo đến ngày", false, FormValue.Date, "Để trống nếu báo cáo đến hết kế hoạch (ví dụ xã sáp nhập thì ghi ngày cuối).", 14),
    ]);

    public static FormTable Periods { get; } = new("KyBaoCao", "periods", PlanRules.MaxPeriods, "kỳ báo cáo", true,
    [
        new("id", "Mã kỳ", true, FormValue.Code, "Ví dụ quy-1, 6-thang, nam; không trùng nhau.", 14),
        new("label", "Tên kỳ báo cáo", true, FormValue.Text, "Như văn bản ghi, ví dụ 6 tháng đầu năm.", 36),
        new("due", "Hạn nộp", true, FormValue.Date,
            $"Ngày cuối cùng nhận báo cáo (dd/mm/yyyy), trong năm kế hoạch hoặc đến 31/03 năm sau.", 14),
    ]);

    public static FormTable Targets { get; } = new("ChiTieu", "targets", PlanRules.MaxTargets, "chỉ tiêu", false,
    [
        new("id", "Mã chỉ tiêu", true, FormValue.Code, "Ví dụ giam-ty-le-ho-ngheo; không trùng nhau.", 24),
        new("label", "Chỉ tiêu", true, FormValue.Text, "Như văn bản ghi.", 60),
        new("measure", "Nội dung đo", true, FormValue.Text,
            "Điều được đo; báo cáo chi-tieu tính được: " + string.Join(", ", TargetMeasures.All.Select(m => $"{m.Code} ({m.Unit})")) + ".", 24),
        new("value", "Giá trị", true, FormValue.Number, $"Một số, tối đa {PlanRules.MaxTargetDecimals} chữ số thập phân.", 10),
        new("unit", "Đơn vị tính", true, FormValue.TargetUnit, "Chọn trong danh sách: " + string.Join(", ", PlanRules.TargetUnits.Select(u => u.Code)) + ".", 16),
        new("base", "Tổng số hộ làm mẫu số", false, FormValue.Number,
            "Chỉ với chỉ tiêu tỷ lệ (% hoặc diem-phan-tram): số hộ mà kế hoạch lấy làm mẫu số, ví dụ 1382; để trống là tổng số hộ dân cư theo kết quả rà soát.", 14),
    ]);

    public static IReadOnlyList<FormTable> Tables { get; } = [Reporters, Periods, Targets];

    /// <summary>The header text: the label, the required mark and the key the reader finds the column by.</summary>
    public static string HeaderText(FormField field) => field.Required ? $"{field.Label} * ({field.Key})" : $"{field.Label} ({field.Key})";

    /// <summary>The key in the last parentheses of a header ("Hạn nộp * (due)" → due), or the whole text when it has none.</summary>
    public static string KeyOf(ReadOnlySpan<char> header)
    {
        header = header.Trim();
        var open = header.LastIndexOf('(');
        return open >= 0 && header.Length > open + 1 && header[^1] == ')' ? header[(open + 1)..^1].Trim().ToString() : header.ToString();
    }
}
