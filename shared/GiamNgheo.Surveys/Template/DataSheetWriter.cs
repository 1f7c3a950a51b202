using ClosedXML.Excel;
using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Template;

/// <summary>Writes one fill-in sheet: styled header row, column formats and Excel data validation per column kind.</summary>
internal static class DataSheetWriter
{
    // Excel rejects (and offers to "repair") files whose validation strings exceed these lengths.
    private const int MaxListFormulaLength = 255;
    private const int MaxErrorMessageLength = 255;

    private const string ErrorTitle = "Giá trị không hợp lệ";
    private const string TextFormat = "@";
    private const string MoneyFormat = "#,##0";

    public static void Write(IXLWorksheet sheet, SurveySheet survey, int year)
    {
        // The info sheet holds exactly one data row; offering more rows would invite a second, rejected one.
        var lastRow = survey.Name == SurveySchema.InfoSheet ? 2 : TemplateLayout.LastDataRow;
        var headerLines = 1;
        for (var i = 0; i < survey.Columns.Count; i++)
        {
            var column = survey.Columns[i];
            var number = i + 1;
            var width = TemplateLayout.Width(column);
            sheet.Column(number).Width = width;
            FormatColumn(sheet.Column(number), column);
            Validate(sheet.Range(2, number, lastRow, number), column, year);
            WriteHeader(sheet.Cell(1, number), column);
            headerLines = Math.Max(headerLines, TemplateLayout.EstimatedLines(TemplateLayout.HeaderText(column), width));
        }

        sheet.Row(1).Height = headerLines * TemplateLayout.PointsPerLine;
        sheet.SheetView.FreezeRows(1);
    }

    private static void WriteHeader(IXLCell cell, SurveyColumn column)
    {
        cell.SetValue(TemplateLayout.HeaderText(column));
        cell.Style.Font.Bold = true;
        cell.Style.Alignment.WrapText = true;
        cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        cell.Style.Fill.BackgroundColor = column.Required ? TemplateLayout.RequiredHeaderFill : TemplateLayout.HeaderFill;
        cell.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
    }

    private static void FormatColumn(IXLColumn target, SurveyColumn column)
    {
        // Formatting the whole column (one <col> style) keeps the file small, unlike styling thousands of cells.
        if (column.Kind == ColumnKind.Digits)
            target.Style.NumberFormat.Format = TextFormat;
        else if (column.Kind == ColumnKind.Money)
            target.Style.NumberFormat.Format = MoneyFormat;
    }

    private static void Validate(IXLRange range, SurveyColumn column, int year)
    {
        switch (column.Kind)
        {
            case ColumnKind.Code:
                List(range, column.Codes?.Select(c => c.Code) ?? [], column,
                    "Chọn một mã trong danh sách thả xuống; nghĩa của các mã ghi ở sheet huong_dan.");
                break;
            case ColumnKind.Flag:
                List(range, ["0", "1"], column, "Chỉ nhập 1 (có), 0 (không) hoặc để trống nếu không rõ.");
                break;
            case ColumnKind.WholeNumber:
                var (min, max) = TemplateLayout.WholeNumberRange(column, year);
                Rule(range, WholeNumberMessage(min, max, year)).WholeNumber.Between(min, max);
                break;
            case ColumnKind.Number:
                Rule(range, "Nhập một số không âm.").Decimal.EqualOrGreaterThan(0);
                break;
            case ColumnKind.Money:
                Rule(range, "Nhập số tiền (đồng) không âm, ví dụ 1500000.").Decimal.EqualOrGreaterThan(0);
                break;
            case ColumnKind.Digits:
                Rule(range, $"Nhập đúng {column.DigitCount} chữ số; ô dạng Văn bản nên số 0 ở đầu được giữ nguyên.").TextLength.EqualTo(column.DigitCount);
                break;
            case ColumnKind.Text:
                break;
            default:
                throw new InvalidOperationException($"Column kind {column.Kind} of {column.Key} has no template validation.");
        }
    }

    /// <summary>What a whole-number column accepts, as the Excel error and the instructions both say it.</summary>
    public static string WholeNumberMessage(int min, int max, int year) =>
        min == max ? $"Chỉ nhận {min}: mẫu này dành cho năm rà soát {year}."
        : max == int.MaxValue ? $"Nhập số nguyên từ {TemplateText.Number(min)} trở lên."
        : $"Nhập số nguyên từ {TemplateText.Number(min)} đến {TemplateText.Number(max)}.";

    private static void List(IXLRange range, IEnumerable<string> values, SurveyColumn column, string message)
    {
        // ClosedXML 0.95 writes the list verbatim; Excel reads an unquoted list as a formula, so quote it here.
        var formula = "\"" + string.Join(",", values) + "\"";
        if (formula.Length > MaxListFormulaLength)
            throw new InvalidOperationException($"The code list of {column.Key} is too long for an Excel dropdown ({formula.Length} > {MaxListFormulaLength} characters).");
        Rule(range, message).List(formula, inCellDropdown: true);
    }

    private static IXLDataValidation Rule(IXLRange range, string message)
    {
        if (message.Length > MaxErrorMessageLength)
            throw new InvalidOperationException($"Validation message longer than {MaxErrorMessageLength} characters: {message}");
        var validation = range.SetDataValidation();
        validation.IgnoreBlanks = true;
        validation.ShowErrorMessage = true;
        validation.ErrorStyle = XLErrorStyle.Stop;
        validation.ErrorTitle = ErrorTitle;
        validation.ErrorMessage = message;
        return validation;
    }
}
