namespace GiamNgheo.Pipeline.Reports.Workbook;

/// <summary>The <c>mpi</c> report: H, A, M0 and each indicator's headcount ratios and contribution.</summary>
internal sealed class MpiSheet : ReportSheet
{
    public override string Name => UnitReports.MpiName;

    public override string Title => "CHỈ SỐ NGHÈO ĐA CHIỀU (PHƯƠNG PHÁP ALKIRE–FOSTER)";

    public override ReportForm Form { get; } = new(
        "Biểu phân tích MPI",
        "không thuộc mẫu biểu của Thông tư 07/2021/TT-BLĐTBXH; các chỉ số theo phương pháp đếm Alkire–Foster của OPHI (H, A, M0, hd, hdk, đóng góp)",
        null);

    public override async Task<SheetTable?> TableAsync(ReportWorkbookContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await context.Reports.MpiAsync(context.Unit, cancellationToken).ConfigureAwait(false) is not { } report)
            return null;
        var rows = report.Indicators
            .Select((i, n) => (IReadOnlyList<object?>)[n + 1, i.Name, i.Weight, i.Hd, i.Hdk, i.PercentageContribution])
            .ToList();
        return new SheetTable(
            "người, tỷ số từ 0 đến 1",
            [
                new("Số hộ được rà soát", report.Households, SheetFormats.Count),
                new("Số người (N)", report.Population, SheetFormats.Count),
                new("Số người nghèo đa chiều (q)", report.PoorPopulation, SheetFormats.Count),
                new("Tỷ lệ nghèo H = q / N", report.H, SheetFormats.Fraction),
                new("Cường độ A", report.A, SheetFormats.Fraction),
                new("MPI M0 = H × A", report.M0, SheetFormats.Fraction),
            ],
            [
                new("STT", 6),
                new("Chỉ số", 30),
                new("Trọng số", 11, SheetFormats.Fraction),
                new("Tỷ lệ thiếu hụt hd", 13, SheetFormats.Fraction),
                new("Tỷ lệ thiếu hụt của người nghèo hdk", 15, SheetFormats.Fraction),
                new("Đóng góp vào M0", 13, SheetFormats.Fraction),
            ],
            rows,
            [
                $"Người nghèo đa chiều: người thuộc hộ thiếu hụt từ {report.DeprivationCutoff} trên {report.IndicatorCount} chỉ số trở lên (k = {report.DeprivationCutoff}/{report.IndicatorCount}); chỉ xét chiều thiếu hụt, không xét thu nhập.",
                "hd = số người thiếu hụt chỉ số / N; hdk = số người nghèo và thiếu hụt chỉ số / N; đóng góp = trọng số × hdk / M0.",
            ]);
    }
}
