namespace GiamNgheo.Pipeline.Reports.Workbook;

/// <summary>The <c>bien-dong</c> report as the "Diễn biến hộ nghèo, hộ cận nghèo" table: per class (1) đầu kỳ … (9) cuối kỳ.</summary>
internal sealed class ChangeSheet : ReportSheet
{
    public override string Name => UnitReports.ChangesName;

    public override string Title => "DIỄN BIẾN HỘ NGHÈO, HỘ CẬN NGHÈO TRONG NĂM";

    public override ReportForm Form { get; } = new(
        "Biểu diễn biến hộ nghèo, hộ cận nghèo",
        "bảng diễn biến hộ nghèo, hộ cận nghèo của mẫu biểu báo cáo kết quả rà soát, Phụ lục VII Thông tư 07/2021/TT-BLĐTBXH, theo bố cục các địa phương dùng (cột (1) đầu kỳ đến (9) cuối kỳ)",
        "số hiệu mẫu và tên cột theo văn bản gốc; bố cục theo bản triển khai của bên thứ ba");

    public override async Task<SheetTable?> TableAsync(ReportWorkbookContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await context.ChangeReportAsync(cancellationToken).ConfigureAwait(false) is not { } report)
            return null;
        var notes = new List<string>
        {
            "(9) = (1) − (2) − (3) − (4) + (5) + (6) + (7) + (8). Hộ được theo dõi theo mã hộ từ danh sách đầu kỳ (danh sách được công nhận năm trước, hoặc danh sách đầu kỳ xã tải lên) đến danh sách rà soát năm nay.",
            "(4) khác giảm: chuyển đi, nhập vào hộ khác, hộ không còn người, và hộ không có trong danh sách năm nay mà không khai báo lý do; (8) khác tăng: chuyển đến, tách hộ.",
            $"Số xã được tính: {report.Communes}. Danh sách đầu kỳ: {report.StartLists.GetValueOrDefault("decided")} theo quyết định công nhận, {report.StartLists.GetValueOrDefault("counted")} theo kết quả rà soát, {report.StartLists.GetValueOrDefault("uploaded")} do xã tải lên.",
        };
        if (report.CommunesWithoutStart.Count > 0)
            notes.Add($"Không có danh sách đầu kỳ, không tính vào mọi cột: {string.Join(", ", report.CommunesWithoutStart)}.");
        if (report.CodeCollisions > 0)
            notes.Add($"{report.CodeCollisions} mã hộ trùng giữa các xã cũ hợp nhất chưa được khai báo phân biệt: các hộ này không theo dõi được.");
        if (report.IgnoredDeclarations > 0)
            notes.Add($"{report.IgnoredDeclarations} khai báo biến động mâu thuẫn với danh sách nên không được dùng.");
        return new SheetTable(
            "hộ",
            [],
            [
                new("STT", 5),
                new("Loại hộ", 14),
                new("Đầu kỳ", 9, SheetFormats.Count),
                new("Giảm: thoát nghèo thành cận nghèo / cận nghèo thành nghèo", 13, SheetFormats.Count),
                new("Giảm: vượt chuẩn cận nghèo", 11, SheetFormats.Count),
                new("Khác giảm", 9, SheetFormats.Count),
                new("Tăng: từ cận nghèo / từ nghèo", 11, SheetFormats.Count),
                new("Tăng: tái nghèo / tái cận nghèo", 11, SheetFormats.Count),
                new("Tăng: phát sinh mới", 10, SheetFormats.Count),
                new("Khác tăng", 9, SheetFormats.Count),
                new("Cuối kỳ", 9, SheetFormats.Count),
            ],
            [Row(1, "Hộ nghèo", report.Poor, "toNearPoor", "fromNearPoor"), Row(2, "Hộ cận nghèo", report.NearPoor, "toPoor", "fromPoor")],
            notes);
    }

    /// <summary>One class as columns (1)–(9); "khác giảm" is shown as a positive count subtracted, as the form's formula reads.</summary>
    private static IReadOnlyList<object?> Row(int number, string label, ClassChanges changes, string reclassifiedOut, string reclassifiedIn) =>
    [
        number,
        label,
        changes.Start,
        changes.Leaving.GetValueOrDefault(reclassifiedOut),
        changes.Leaving.GetValueOrDefault("aboveNearPoor"),
        -changes.Other.Values.Where(v => v < 0).Sum(),
        changes.Entering.GetValueOrDefault(reclassifiedIn),
        changes.Entering.GetValueOrDefault("returned"),
        changes.Entering.GetValueOrDefault("new"),
        changes.Other.Values.Where(v => v > 0).Sum(),
        changes.End,
    ];
}
