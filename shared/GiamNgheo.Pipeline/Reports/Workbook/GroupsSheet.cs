namespace GiamNgheo.Pipeline.Reports.Workbook;

/// <summary>The <c>nhom-dac-thu</c> report: poor and near-poor households with and without người có công households, and per group.</summary>
internal sealed class GroupsSheet : ReportSheet
{
    public override string Name => UnitReports.GroupsName;

    public override string Title => "HỘ NGHÈO, HỘ CẬN NGHÈO THEO NHÓM ĐỐI TƯỢNG";

    public override ReportForm Form { get; } = new(
        "Biểu hộ nghèo, hộ cận nghèo theo nhóm đối tượng",
        "bảng hộ nghèo, hộ cận nghèo theo nhóm đối tượng của mẫu biểu báo cáo kết quả rà soát, Phụ lục VII Thông tư 07/2021/TT-BLĐTBXH, theo bố cục các địa phương dùng; tỷ lệ không tính hộ có người có công như báo cáo của huyện Thanh Liêm",
        "số hiệu mẫu, danh sách nhóm và thứ tự cột; bố cục theo bản triển khai của bên thứ ba");

    public override async Task<SheetTable?> TableAsync(ReportWorkbookContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await context.Reports.GroupsAsync(context.Unit, cancellationToken).ConfigureAwait(false);
        var (poor, nearPoor) = (report.Poor, report.NearPoor);
        var rows = new List<IReadOnlyList<object?>>
        {
            Row(1, "Tổng số", poor.Households, Rate(poor.Rate), nearPoor.Households, Rate(nearPoor.Rate), null, null),
            Row(2, "Không tính hộ có thành viên là người có công", poor.ExcludingNguoiCoCong.Households, Rate(poor.ExcludingNguoiCoCong.Rate),
                nearPoor.ExcludingNguoiCoCong.Households, Rate(nearPoor.ExcludingNguoiCoCong.Rate), null, null),
        };
        rows.AddRange(poor.Groups.Select((g, i) =>
        {
            var other = nearPoor.Groups[g.Key];
            return Row(i + 3, g.Value.Name, g.Value.Households, g.Value.Percent, other.Households, other.Percent, g.Value.Unknown, other.Unknown);
        }));
        return new SheetTable(
            "hộ, %",
            [new("Tổng số hộ dân cư", report.ResidentHouseholds, SheetFormats.Count)],
            [
                new("STT", 5),
                new("Nhóm", 36),
                new("Hộ nghèo (hộ)", 10, SheetFormats.Count),
                new("Tỷ lệ (%)", 9, SheetFormats.Percent),
                new("Hộ cận nghèo (hộ)", 10, SheetFormats.Count),
                new("Tỷ lệ (%)", 9, SheetFormats.Percent),
                new("Hộ nghèo chưa rõ (hộ)", 10, SheetFormats.Count),
                new("Hộ cận nghèo chưa rõ (hộ)", 10, SheetFormats.Count),
            ],
            rows,
            [
                "Dòng 1 và 2: tỷ lệ (%) = số hộ / tổng số hộ dân cư × 100; dòng 2 bỏ hộ có thành viên là người có công khỏi tử số, không bỏ khỏi mẫu số.",
                "Từ dòng 3: tỷ lệ (%) = số hộ thuộc nhóm / tổng số hộ nghèo (hộ cận nghèo) × 100; \"chưa rõ\": hộ mà phiếu không đủ thông tin để biết có thuộc nhóm hay không.",
                $"Hộ không có danh sách thành viên (nhóm theo thành viên chưa rõ): hộ nghèo {poor.HouseholdsWithoutMembers}, hộ cận nghèo {nearPoor.HouseholdsWithoutMembers}.",
            ]);
    }

    private static object Rate(decimal? rate) => rate is { } value ? value : "—";

    private static IReadOnlyList<object?> Row(int number, string label, long poor, object poorPercent, long nearPoor, object nearPoorPercent, long? poorUnknown, long? nearPoorUnknown) =>
        [number, label, poor, poorPercent, nearPoor, nearPoorPercent, poorUnknown, nearPoorUnknown];
}
