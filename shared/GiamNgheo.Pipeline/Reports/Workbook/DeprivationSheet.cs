namespace GiamNgheo.Pipeline.Reports.Workbook;

/// <summary>The <c>thieu-hut</c> report as the deprivation form: per indicator, poor and near-poor households deprived and their share.</summary>
internal sealed class DeprivationSheet : ReportSheet
{
    public override string Name => UnitReports.DeprivationsName;

    public override string Title => "TỔNG HỢP MỨC ĐỘ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ NGHÈO, HỘ CẬN NGHÈO";

    public override ReportForm Form { get; } = new(
        "Biểu thiếu hụt dịch vụ xã hội cơ bản",
        "mẫu biểu báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo, Phụ lục VII Thông tư 07/2021/TT-BLĐTBXH (sửa đổi bởi Thông tư 02/2022/TT-BLĐTBXH)",
        "số hiệu mẫu và cách xếp cột; bố cục theo các biểu thiếu hụt (số hộ và tỷ lệ) mà báo cáo của địa phương dùng");

    public override async Task<SheetTable?> TableAsync(ReportWorkbookContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await context.Reports.DeprivationsAsync(context.Unit, cancellationToken).ConfigureAwait(false) is not { } report)
            return null;
        var rows = report.Poor.Indicators.Zip(report.NearPoor.Indicators)
            .Select((pair, i) => (IReadOnlyList<object?>)[i + 1, pair.First.Name, pair.First.Households, pair.First.Percent, pair.Second.Households, pair.Second.Percent])
            .ToList();
        return new SheetTable(
            "hộ, %",
            [new("Tổng số hộ nghèo", report.Poor.Households, SheetFormats.Count), new("Tổng số hộ cận nghèo", report.NearPoor.Households, SheetFormats.Count)],
            [
                new("STT", 6),
                new("Chỉ số thiếu hụt", 32),
                new("Hộ nghèo thiếu hụt (hộ)", 14, SheetFormats.Count),
                new("Tỷ lệ so với hộ nghèo (%)", 14, SheetFormats.Percent),
                new("Hộ cận nghèo thiếu hụt (hộ)", 14, SheetFormats.Count),
                new("Tỷ lệ so với hộ cận nghèo (%)", 14, SheetFormats.Percent),
            ],
            rows,
            [
                $"Chuẩn nghèo áp dụng: {report.Standard}. Tỷ lệ (4) = (3) / tổng số hộ nghèo × 100; (6) = (5) / tổng số hộ cận nghèo × 100.",
                .. report.UnknownIndicators.Select(u => $"Chỉ số \"{u.Key}\" không thuộc chuẩn của năm ({u.Value} hộ) không được tính: cần chấm điểm lại."),
            ]);
    }
}
