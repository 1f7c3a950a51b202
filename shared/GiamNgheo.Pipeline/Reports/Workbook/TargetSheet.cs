namespace GiamNgheo.Pipeline.Reports.Workbook;

/// <summary>The <c>chi-tieu</c> report: each target of the unit's published plans against the actual result.</summary>
internal sealed class TargetSheet : ReportSheet
{
    private static readonly Dictionary<string, string> UnitNames = new(StringComparer.Ordinal)
    {
        ["ho"] = "hộ",
        ["nguoi"] = "người",
        ["xa"] = "xã",
        ["%"] = "%",
        ["diem-phan-tram"] = "điểm %",
    };

    public override string Name => UnitReports.TargetsName;

    public override string Title => "KẾT QUẢ THỰC HIỆN CHỈ TIÊU GIẢM NGHÈO THEO KẾ HOẠCH";

    public override ReportForm Form { get; } = new(
        "Biểu kết quả thực hiện chỉ tiêu",
        "chỉ tiêu của các kế hoạch giảm nghèo đã công bố của đơn vị; số thực hiện tính từ kết quả rà soát đã tổng hợp",
        "không có mẫu chính thức được xác định; biểu gần nhất là Biểu số 02 (kết quả thực hiện) Phụ lục III Thông tư 10/2022/TT-BLĐTBXH, chưa đối chiếu");

    public override async Task<SheetTable?> TableAsync(ReportWorkbookContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await context.Reports.TargetsAsync(context.Unit, context.Plans, context.Changes, await context.ChangeReportAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var rows = report.Plans
            .SelectMany(p => p.Targets.Select(t => (Plan: p, Target: t)))
            .Select((x, i) => (IReadOnlyList<object?>)
            [
                i + 1, x.Plan.Id, x.Target.Label, UnitNames.GetValueOrDefault(x.Target.Unit, x.Target.Unit), x.Target.Target, x.Target.Actual, x.Target.Gap,
                x.Target.Met switch { true => "Đạt", false => "Chưa đạt", null => x.Target.Note },
            ])
            .ToList();
        var facts = new List<SheetFact>
        {
            new("Tổng số hộ dân cư cuối kỳ", report.End.TotalHouseholds, SheetFormats.Count),
            new("Hộ nghèo cuối kỳ", report.End.PoorHouseholds, SheetFormats.Count),
            new("trong đó hộ nghèo có thành viên là người có công", report.End.PoorWithNguoiCoCong, SheetFormats.Count),
            new("Hộ cận nghèo cuối kỳ", report.End.NearPoorHouseholds, SheetFormats.Count),
        };
        if (report.Start is { } start)
        {
            facts.Add(start.TotalHouseholds > 0
                ? new($"Tổng số hộ dân cư đầu kỳ (kết quả năm {start.Year})", start.TotalHouseholds, SheetFormats.Count)
                : new("Tổng số hộ dân cư đầu kỳ", "không rõ (có danh sách đầu kỳ do xã tải lên hoặc xã cũ bị chia tách)"));
            facts.Add(new("Hộ nghèo đầu kỳ", start.PoorHouseholds, SheetFormats.Count));
            facts.Add(new("Hộ cận nghèo đầu kỳ", start.NearPoorHouseholds, SheetFormats.Count));
        }
        else
        {
            facts.Add(new("Số đầu kỳ", "chưa có: có xã chưa có danh sách đầu kỳ (xem biểu bien-dong)"));
        }

        return new SheetTable(
            "hộ, %, điểm %",
            facts,
            [
                new("STT", 6),
                new("Kế hoạch", 16),
                new("Chỉ tiêu", 44),
                new("Đơn vị tính", 9),
                new("Kế hoạch giao", 11),
                new("Thực hiện", 11),
                new("Chênh lệch (6) − (5)", 12),
                new("Đánh giá", 22),
            ],
            rows,
            [
                .. report.Plans.Count == 0 ? ["Đơn vị chưa có kế hoạch đã công bố cho năm này."] : Array.Empty<string>(),
                "Số hộ giảm = số hộ đầu kỳ − số hộ cuối kỳ. Tỷ lệ giảm (điểm %) = số hộ giảm / mẫu số của kế hoạch × 100 khi kế hoạch ghi mẫu số, nếu không thì tỷ lệ đầu kỳ − tỷ lệ cuối kỳ.",
                "Tỷ lệ hộ nghèo không tính hộ có người có công = (hộ nghèo − hộ nghèo có thành viên là người có công) / tổng số hộ dân cư × 100. Chỉ tiêu tỷ lệ cuối năm đạt khi thực hiện không vượt kế hoạch; chỉ tiêu giảm đạt khi thực hiện không thấp hơn kế hoạch.",
            ]);
    }
}
