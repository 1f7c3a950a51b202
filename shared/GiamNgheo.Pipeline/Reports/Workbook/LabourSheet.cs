namespace GiamNgheo.Pipeline.Reports.Workbook;

/// <summary>The <c>lao-dong</c> report as Tháp Mười's table (seed 004): members of poor and near-poor households by age,
/// labour capacity and employment, and the support groups, each with its denominator.</summary>
internal sealed class LabourSheet : ReportSheet
{
    /// <summary>Tháp Mười's wording of the employment statuses, in its order, by survey code of <c>tinh_trang_viec_lam</c>.</summary>
    private static readonly (string Code, string Label)[] Statuses =
    [
        ("co_viec_lam", "Có việc làm"),
        ("khong_co_viec_lam", "Không có việc làm"),
        ("dang_tim_viec", "Đang tìm việc làm"),
        ("khong_co_kha_nang_lao_dong", "Không có khả năng lao động"),
        ("dang_di_hoc", "Đang đi học"),
        ("khong_muon_di_lam", "Không muốn đi làm"),
        ("noi_tro", "Nội trợ"),
    ];

    private const string OfPersons = "tổng số nhân khẩu";
    private const string OfAged15Plus = "số người từ 15 tuổi trở lên";

    public override string Name => UnitReports.LabourName;

    public override string Title => "TÌNH TRẠNG LAO ĐỘNG, VIỆC LÀM CỦA THÀNH VIÊN HỘ NGHÈO, HỘ CẬN NGHÈO";

    public override ReportForm Form { get; } = new(
        "Biểu lao động, việc làm",
        "không thuộc mẫu biểu của Thông tư 07/2021/TT-BLĐTBXH; theo bảng của kế hoạch giảm nghèo năm 2024 của huyện Tháp Mười (phần II.1), từ thông tin thành viên của phiếu rà soát",
        "không có mẫu chính thức được xác định");

    public override async Task<SheetTable?> TableAsync(ReportWorkbookContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await context.Reports.LabourAsync(context.Unit, cancellationToken).ConfigureAwait(false);
        var (poor, nearPoor) = (report.Poor, report.NearPoor);
        var rows = new List<(string Label, Figure? Poor, Figure? NearPoor, string Of)>
        {
            ("Số nhân khẩu", new(poor.Persons, 100m), new(nearPoor.Persons, 100m), OfPersons),
            ("Số người từ 15 tuổi trở lên", poor.PersonsAged15Plus, nearPoor.PersonsAged15Plus, OfPersons),
            ("Còn khả năng lao động", poor.WithLabourCapacity, nearPoor.WithLabourCapacity, OfPersons),
            ("Không còn khả năng lao động", poor.WithoutLabourCapacity, nearPoor.WithoutLabourCapacity, OfPersons),
            ("Chưa rõ khả năng lao động", poor.LabourCapacityUnknown, nearPoor.LabourCapacityUnknown, OfPersons),
        };
        rows.AddRange(Statuses.Select(s => ("Tình trạng việc làm: " + s.Label, poor.Employment.GetValueOrDefault(s.Code), nearPoor.Employment.GetValueOrDefault(s.Code), OfAged15Plus)));
        rows.Add(("Tình trạng việc làm: chưa rõ", poor.EmploymentUnknown, nearPoor.EmploymentUnknown, OfAged15Plus));
        rows.Add(("Nhóm hỗ trợ: không có việc làm, đang tìm việc làm", poor.SupportGroups.WithoutJob, nearPoor.SupportGroups.WithoutJob, OfAged15Plus));
        rows.Add(("Nhóm hỗ trợ: không muốn đi làm", poor.SupportGroups.NotWantingToWork, nearPoor.SupportGroups.NotWantingToWork, OfAged15Plus));
        rows.Add(("Nhóm hỗ trợ: không có khả năng lao động", poor.SupportGroups.WithoutLabourCapacity, nearPoor.SupportGroups.WithoutLabourCapacity, OfAged15Plus));

        return new SheetTable(
            "người, %",
            [
                new("Tổng số hộ dân cư", report.ResidentHouseholds, SheetFormats.Count),
                new("Số hộ nghèo", poor.Households, SheetFormats.Count),
                new("Tỷ lệ hộ nghèo (%)", poor.HouseholdsRate is { } poorRate ? poorRate : "không tính được", SheetFormats.Percent),
                new("Số hộ cận nghèo", nearPoor.Households, SheetFormats.Count),
                new("Tỷ lệ hộ cận nghèo (%)", nearPoor.HouseholdsRate is { } nearPoorRate ? nearPoorRate : "không tính được", SheetFormats.Percent),
            ],
            [
                new("STT", 5),
                new("Chỉ tiêu", 40),
                new("Hộ nghèo (người)", 11, SheetFormats.Count),
                new("Tỷ lệ (%)", 9, SheetFormats.Percent),
                new("Hộ cận nghèo (người)", 11, SheetFormats.Count),
                new("Tỷ lệ (%)", 9, SheetFormats.Percent),
                new("Tỷ lệ so với", 20),
            ],
            rows.Select((r, i) => (IReadOnlyList<object?>)[i + 1, r.Label, r.Poor?.Count, r.Poor?.Percent, r.NearPoor?.Count, r.NearPoor?.Percent, r.Of]).ToList(),
            [
                "Số người tính theo danh sách thành viên của phiếu rà soát; khả năng lao động và tình trạng việc làm tính cho người từ 15 tuổi trở lên.",
                "Tỷ lệ tình trạng việc làm và nhóm hỗ trợ tính trên số người từ 15 tuổi trở lên (bảng của Tháp Mười gọi là \"tổng số người khả năng lao động\" nhưng chia cho số này).",
                $"Hộ không có danh sách thành viên, không tính vào số người: hộ nghèo {poor.HouseholdsWithoutMembers} hộ ({poor.PersonsInHouseholdsWithoutMembers} nhân khẩu), hộ cận nghèo {nearPoor.HouseholdsWithoutMembers} hộ ({nearPoor.PersonsInHouseholdsWithoutMembers} nhân khẩu).",
            ]);
    }
}
