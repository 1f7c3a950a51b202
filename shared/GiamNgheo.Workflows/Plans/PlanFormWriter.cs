using System.Globalization;
using ClosedXML.Excel;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Workflows.Plans;

/// <summary>Writes the plan form with ClosedXML: styled headers, text formats that keep codes' leading zeros, Excel data
/// validation for what can be checked while typing, and the values of a plan when one is given.</summary>
internal static class PlanFormWriter
{
    private const string TextFormat = "@";
    private const string DateFormat = "dd/mm/yyyy";
    private const string ErrorTitle = "Giá trị không hợp lệ";
    private const double PointsPerLine = 15;

    // Label, value, help: the help column is the widest because it explains the rules.
    private static readonly double[] PlanSheetWidths = [44, 56, 90];
    private static readonly double[] InstructionWidths = [14, 40, 22, 10, 90];
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");
    private static readonly XLColor RequiredFill = XLColor.FromHtml("#F8CBAD");

    public static void Write(Stream output, ReportingPlan? plan, int? year)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = plan?.Title ?? "Mẫu kế hoạch báo cáo giảm nghèo";
        Instructions(workbook.AddWorksheet(PlanFormLayout.InstructionsSheet));
        PlanSheet(workbook.AddWorksheet(PlanFormLayout.PlanSheet), plan, year);
        Table(workbook.AddWorksheet(PlanFormLayout.Reporters.Sheet), PlanFormLayout.Reporters, plan?.Reporters.Select(ReporterValues), year);
        Table(workbook.AddWorksheet(PlanFormLayout.Periods.Sheet), PlanFormLayout.Periods, plan?.Periods.Select(PeriodValues), year);
        Table(workbook.AddWorksheet(PlanFormLayout.Targets.Sheet), PlanFormLayout.Targets, plan?.Targets.Select(TargetValues), year);
        // The officer starts on the plan sheet; the instructions are one tab to the left.
        workbook.Worksheet(PlanFormLayout.PlanSheet).SetTabActive();
        workbook.SaveAs(output);
    }

    private static Dictionary<string, object?> PlanValues(ReportingPlan? plan, int? year)
    {
        var reminders = plan?.Reminders ?? ReminderPolicy.Default;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = plan?.Id,
            ["title"] = plan?.Title,
            ["year"] = year,
            ["unitCode"] = plan?.UnitCode,
            ["source"] = plan?.Source,
            ["note"] = plan?.Note,
            ["supervisor.id"] = plan?.Supervisor.Id,
            ["supervisor.name"] = plan?.Supervisor.Name,
            ["supervisor.email"] = plan?.Supervisor.Email,
            ["supervisor.webhook"] = plan?.Supervisor.Webhook,
            ["reminders.timeOfDay"] = reminders.TimeOfDay,
            ["reminders.daysBefore"] = reminders.DaysBefore,
            ["reminders.escalateDaysAfter"] = reminders.EscalateDaysAfter,
        };
    }

    private static Dictionary<string, object?> ReporterValues(PlanReporter reporter) => new(StringComparer.Ordinal)
    {
        ["id"] = reporter.Id,
        ["name"] = reporter.Name,
        ["unitCode"] = reporter.UnitCode,
        ["email"] = reporter.Email,
        ["webhook"] = reporter.Webhook,
        ["activeFrom"] = reporter.ActiveFrom,
        ["activeUntil"] = reporter.ActiveUntil,
    };

    private static Dictionary<string, object?> PeriodValues(PlanPeriod period) => new(StringComparer.Ordinal)
    {
        ["id"] = period.Id,
        ["label"] = period.Label,
        ["due"] = period.Due,
    };

    private static Dictionary<string, object?> TargetValues(PlanTarget target) => new(StringComparer.Ordinal)
    {
        ["id"] = target.Id,
        ["label"] = target.Label,
        ["measure"] = target.Measure,
        ["value"] = target.Value,
        ["unit"] = target.Unit,
        ["base"] = target.Base,
    };

    private static void PlanSheet(IXLWorksheet sheet, ReportingPlan? plan, int? year)
    {
        for (var i = 0; i < PlanSheetWidths.Length; i++)
            sheet.Column(i + 1).Width = PlanSheetWidths[i];
        string[] headers = ["Mục", "Giá trị", "Hướng dẫn"];
        for (var i = 0; i < headers.Length; i++)
            Header(sheet.Cell(1, i + 1), headers[i], HeaderFill);
        sheet.SheetView.FreezeRows(1);

        var values = PlanValues(plan, year);
        for (var i = 0; i < PlanFormLayout.PlanFields.Count; i++)
        {
            var field = PlanFormLayout.PlanFields[i];
            var row = i + 2;
            Header(sheet.Cell(row, 1), PlanFormLayout.HeaderText(field), field.Required ? RequiredFill : HeaderFill);
            var value = sheet.Cell(row, 2);
            Format(value.Style, field.Kind);
            SetValue(value, values[field.Key]);
            Validate(value.AsRange(), field, year);
            var help = sheet.Cell(row, 3);
            help.SetValue(field.Help);
            help.Style.Alignment.WrapText = true;
            help.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            sheet.Row(row).Height = Math.Max(EstimatedLines(field.Help, PlanSheetWidths[2]), EstimatedLines(PlanFormLayout.HeaderText(field), PlanSheetWidths[0])) * PointsPerLine;
        }
    }

    private static void Table(IXLWorksheet sheet, FormTable table, IEnumerable<Dictionary<string, object?>>? rows, int? year)
    {
        var lastRow = table.MaxRows + 1;
        var headerLines = 1;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var field = table.Columns[i];
            var column = i + 1;
            sheet.Column(column).Width = field.Width;
            // One column style rather than thousands of styled cells keeps the file small.
            Format(sheet.Column(column).Style, field.Kind);
            Validate(sheet.Range(2, column, lastRow, column), field, year);
            Header(sheet.Cell(1, column), PlanFormLayout.HeaderText(field), field.Required ? RequiredFill : HeaderFill);
            headerLines = Math.Max(headerLines, EstimatedLines(PlanFormLayout.HeaderText(field), field.Width));
        }

        sheet.Row(1).Height = headerLines * PointsPerLine;
        sheet.SheetView.FreezeRows(1);

        var row = 2;
        foreach (var values in rows ?? [])
        {
            for (var i = 0; i < table.Columns.Count; i++)
                SetValue(sheet.Cell(row, i + 1), values[table.Columns[i].Key]);
            row++;
        }
    }

    private static void Header(IXLCell cell, string text, XLColor fill)
    {
        cell.SetValue(text);
        cell.Style.Font.Bold = true;
        cell.Style.Alignment.WrapText = true;
        cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        cell.Style.Fill.BackgroundColor = fill;
        cell.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
    }

    private static void Format(IXLStyle style, FormValue kind)
    {
        switch (kind)
        {
            case FormValue.Date:
                style.NumberFormat.Format = DateFormat;
                break;
            case FormValue.Year or FormValue.Number:
                break;
            default:
                // Text keeps "00166" from turning into 166, "08:00" from turning into a time, and "7, 3, 1, 0" from
                // being read as a number where the decimal separator is a comma.
                style.NumberFormat.Format = TextFormat;
                break;
        }
    }

    private static void SetValue(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string text:
                cell.SetValue(text);
                break;
            case int number:
                cell.SetValue(number);
                break;
            case decimal number:
                cell.SetValue(number);
                break;
            case DateOnly date:
                cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                cell.Style.NumberFormat.Format = DateFormat;
                break;
            case TimeOnly time:
                cell.SetValue(time.ToString("HH:mm", CultureInfo.InvariantCulture));
                break;
            case IReadOnlyList<int> days:
                cell.SetValue(days.Count == 0 ? PlanFormLayout.NoDays : string.Join(", ", days.Select(d => d.ToString(CultureInfo.InvariantCulture))));
                break;
            default:
                throw new InvalidOperationException($"The form has no cell format for {value.GetType().Name}.");
        }
    }

    private static void Validate(IXLRange range, FormField field, int? year)
    {
        switch (field.Kind)
        {
            case FormValue.Year:
                Rule(range, $"Nhập năm từ {ReviewYear.First} đến {ReviewYear.Last}, ví dụ 2021.").WholeNumber.Between(ReviewYear.First, ReviewYear.Last);
                break;
            case FormValue.Date when field.Key == "due" && year is { } y && ReviewYear.TryCreate(y, out _):
                var first = PlanRules.FirstDue(y);
                var last = PlanRules.LastDue(y);
                Rule(range, $"Nhập một ngày từ {PlanValidator.Show(first)} đến {PlanValidator.Show(last)}.")
                    .Date.Between(first.ToDateTime(TimeOnly.MinValue), last.ToDateTime(TimeOnly.MinValue));
                break;
            case FormValue.Date:
                Rule(range, "Nhập một ngày, ví dụ 10/06/2021.").Date.GreaterThan(new DateTime(ReviewYear.First - 1, 12, 31));
                break;
            case FormValue.Number:
                Rule(range, "Nhập một số.").Decimal.Between(-(double)PlanRules.MaxTargetValue, (double)PlanRules.MaxTargetValue);
                break;
            case FormValue.TargetUnit:
                // ClosedXML 0.95 writes the list verbatim; Excel reads an unquoted list as a formula, so quote it here.
                Rule(range, "Chọn một đơn vị tính trong danh sách thả xuống.")
                    .List("\"" + string.Join(",", PlanRules.TargetUnits.Select(u => u.Code)) + "\"", true);
                break;
            default:
                Rule(range, $"Tối đa {PlanRules.MaxTextLength} ký tự.").TextLength.EqualOrLessThan(PlanRules.MaxTextLength);
                break;
        }
    }

    private static IXLDataValidation Rule(IXLRange range, string message)
    {
        var validation = range.SetDataValidation();
        validation.IgnoreBlanks = true;
        validation.ShowErrorMessage = true;
        validation.ErrorStyle = XLErrorStyle.Stop;
        validation.ErrorTitle = ErrorTitle;
        validation.ErrorMessage = message;
        return validation;
    }

    private static void Instructions(IXLWorksheet sheet)
    {
        for (var i = 0; i < InstructionWidths.Length; i++)
            sheet.Column(i + 1).Width = InstructionWidths[i];
        var row = 1;
        var title = sheet.Cell(row++, 1);
        title.SetValue("Mẫu kế hoạch báo cáo giảm nghèo: ai báo cáo, gửi ai, kỳ nào, hạn nào");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;

        row++;
        Heading(sheet.Cell(row++, 1), "1. Cách điền");
        string[] steps =
        [
            $"Sheet {PlanFormLayout.PlanSheet}: điền cột \"Giá trị\" cho từng mục; mục tô cam (dấu *) là bắt buộc.",
            $"Sheet {PlanFormLayout.Reporters.Sheet}: mỗi dòng một cơ quan, đơn vị hoặc xã phải báo cáo (tối đa {PlanRules.MaxReporters}); mỗi đơn vị cần email hoặc webhook để nhận nhắc việc.",
            $"Sheet {PlanFormLayout.Periods.Sheet}: mỗi dòng một kỳ báo cáo (quý, 6 tháng, năm…) với hạn nộp (tối đa {PlanRules.MaxPeriods}). Báo cáo nhận đến hết ngày hạn (giờ Việt Nam) là đúng hạn.",
            $"Sheet {PlanFormLayout.Targets.Sheet} (không bắt buộc): các chỉ tiêu của kế hoạch (tối đa {PlanRules.MaxTargets}).",
            "Ngày nhập dạng ngày của Excel hoặc chữ dd/mm/yyyy (ví dụ 10/06/2021) hay yyyy-mm-dd. Không đổi tên sheet và không sửa phần trong ngoặc ở tiêu đề cột: hệ thống tìm cột theo đó.",
            "Tải tệp lên; mọi lỗi được báo theo sheet, dòng và cột để sửa rồi tải lại.",
        ];
        foreach (var step in steps)
            Paragraph(sheet, row++, step);

        row++;
        Heading(sheet.Cell(row++, 1), "2. Các mục và cột");
        TableRow(sheet, row++, ["Sheet", "Tiêu đề", "Mã", "Bắt buộc", "Hướng dẫn"], header: true);
        foreach (var field in PlanFormLayout.PlanFields)
            TableRow(sheet, row++, [PlanFormLayout.PlanSheet, field.Label, field.Key, field.Required ? "Có" : "Không", field.Help], header: false);
        foreach (var table in PlanFormLayout.Tables)
        {
            foreach (var field in table.Columns)
                TableRow(sheet, row++, [table.Sheet, field.Label, field.Key, field.Required ? "Có" : "Không", field.Help], header: false);
        }

        row++;
        Heading(sheet.Cell(row++, 1), "3. Đơn vị tính của chỉ tiêu");
        foreach (var (code, meaning) in PlanRules.TargetUnits)
            TableRow(sheet, row++, ["", code, "", "", meaning], header: false);

        row++;
        Heading(sheet.Cell(row++, 1), "4. Quy tắc kiểm tra");
        string[] rules =
        [
            $"Mã (kế hoạch, đơn vị, kỳ, chỉ tiêu): chữ thường không dấu, chữ số, dấu gạch ngang giữa các nhóm, tối đa {PlanRules.MaxIdLength} ký tự; không trùng trong cùng danh sách.",
            $"Mã đơn vị hành chính phải có trong danh mục ngày 01/09 của năm kế hoạch (kế hoạch của huyện năm 2025: ngày 30/06/2025); mã xã, mã huyện của đơn vị báo cáo phải thuộc đơn vị ban hành.",
            $"Hạn nộp trong năm kế hoạch hoặc đến 31/03 năm sau. Số ngày nhắc trước hạn từ 0 đến {PlanRules.MaxReminderDays}, nhắc sau hạn từ 1 đến {PlanRules.MaxReminderDays}, không lặp.",
            "Email phải là một địa chỉ đầy đủ (ten@donvi.gov.vn); webhook phải bắt đầu bằng https://.",
            $"Mọi ô chữ tối đa {PlanRules.MaxTextLength} ký tự.",
        ];
        foreach (var rule in rules)
            Paragraph(sheet, row++, rule);
    }

    private static void Heading(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.Style.Font.Bold = true;
    }

    private static void Paragraph(IXLWorksheet sheet, int row, string text)
    {
        var range = sheet.Range(row, 1, row, InstructionWidths.Length).Merge();
        range.FirstCell().SetValue(text);
        range.Style.Alignment.WrapText = true;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        // Excel does not grow merged rows to fit their text, so the height is set from an estimate.
        sheet.Row(row).Height = EstimatedLines(text, InstructionWidths.Sum()) * PointsPerLine;
    }

    private static void TableRow(IXLWorksheet sheet, int row, string[] cells, bool header)
    {
        var lines = 1;
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            cell.SetValue(cells[i]);
            cell.Style.Alignment.WrapText = true;
            cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            if (header)
            {
                cell.Style.Font.Bold = true;
                cell.Style.Fill.BackgroundColor = HeaderFill;
            }

            lines = Math.Max(lines, EstimatedLines(cells[i], InstructionWidths[i]));
        }

        sheet.Row(row).Height = lines * PointsPerLine;
    }

    /// <summary>Lines a text takes when wrapped in a column of so many characters.</summary>
    /// <remarks>ClosedXML cannot measure text on Linux, so heights are estimated, erring towards a line too many.</remarks>
    private static int EstimatedLines(string text, double width)
    {
        var perLine = Math.Max(1, (int)width - 2);
        return Math.Max(1, text.Split('\n').Sum(paragraph => Math.Max(1, (paragraph.Length + perLine - 1) / perLine)));
    }
}
