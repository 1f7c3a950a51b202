using System.Globalization;
using ClosedXML.Excel;

namespace GiamNgheo.Pipeline.Reports.Workbook;

/// <summary>The unit's reports as one printable Vietnamese workbook, a sheet per report, each laid out as the annual
/// review's report forms are (docs/reports.md, "The reports workbook").</summary>
/// <remarks>ClosedXML builds the workbook in memory: fine for these small formatted tables (a dozen rows per sheet, a few
/// hundred for a province's communes), not for household lists.</remarks>
public static class ReportWorkbook
{
    /// <summary>The content type of the file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The usual font of Vietnamese administrative documents.</summary>
    private const string Font = "Times New Roman";

    private const double FontSize = 12;

    /// <summary>Widest table, in characters, that still prints on portrait A4 at a readable size; wider ones print landscape.</summary>
    private const double PortraitWidth = 95;

    /// <summary>The sheets, in workbook order.</summary>
    public static IReadOnlyList<ReportSheet> Sheets { get; } = [new TargetSheet(), new ChangeSheet(), new DeprivationSheet(), new GroupsSheet(), new LabourSheet(), new MpiSheet()];

    /// <summary>The file name a download gets, e.g. <c>bao-cao-2024-23494.xlsx</c>.</summary>
    public static string FileName(ReportUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return $"bao-cao-{unit.Year.ToString(CultureInfo.InvariantCulture)}-{unit.Code}.xlsx";
    }

    /// <summary>Computes every sheet's report and writes the workbook to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(Stream output, ReportWorkbookContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        using var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = Font;
        workbook.Style.Font.FontSize = FontSize;
        foreach (var sheet in Sheets)
        {
            var table = await sheet.TableAsync(context, cancellationToken).ConfigureAwait(false);
            Write(workbook.AddWorksheet(sheet.Name), sheet, table, context);
        }

        workbook.SaveAs(output);
    }

    private static void Write(IXLWorksheet ws, ReportSheet sheet, SheetTable? table, ReportWorkbookContext context)
    {
        var columns = table?.Columns ?? [new SheetColumn("", 30), new SheetColumn("", 30), new SheetColumn("", 30), new SheetColumn("", 30)];
        var width = Math.Max(columns.Count, 4);
        for (var c = 0; c < columns.Count; c++)
            ws.Column(c + 1).Width = columns[c].Width;
        var left = width / 2;

        // Title block: the issuing unit on the left, the national motto on the right, the form number above it.
        Merge(ws, 1, left + 1, width, sheet.Form.Number).Style.Font.SetItalic().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        Merge(ws, 2, 1, left, "ỦY BAN NHÂN DÂN").Style.Font.SetBold();
        Merge(ws, 3, 1, left, context.UnitName.ToUpperInvariant()).Style.Font.SetBold();
        Merge(ws, 2, left + 1, width, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").Style.Font.SetBold();
        Merge(ws, 3, left + 1, width, "Độc lập - Tự do - Hạnh phúc").Style.Font.SetBold().Font.SetUnderline();
        Merge(ws, 5, 1, width, sheet.Title).Style.Font.SetBold().Font.SetFontSize(FontSize + 2);
        Merge(ws, 6, 1, width, $"Năm {context.Unit.Year.ToString(CultureInfo.InvariantCulture)} — {context.UnitName} (mã {context.Unit.Code})").Style.Font.SetItalic();

        var row = 8;
        if (table is null)
        {
            Merge(ws, row, 1, width, "Không có số liệu: năm này chưa có chuẩn nghèo quốc gia để tính báo cáo.").Style.Font.SetItalic();
            row += 2;
        }
        else
        {
            Merge(ws, row++, 1, width, "Đơn vị tính: " + table.Units).Style.Font.SetItalic().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
            foreach (var fact in table.Facts)
            {
                ws.Range(row, 1, row, left).Merge().Value = fact.Label;
                Value(ws.Cell(row, left + 1), fact.Value, fact.Format).Style.Font.SetBold();
                row++;
            }

            row = Table(ws, row + 1, table);
            foreach (var note in table.Notes)
            {
                var cell = Merge(ws, row++, 1, width, note);
                cell.Style.Font.SetItalic().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left).Alignment.SetWrapText();
                ws.Row(cell.Address.RowNumber).Height = FontSize * 1.4 * Math.Ceiling(note.Length / Math.Max(1, ColumnsWidth(ws, width) * 0.95));
            }

            row++;
        }

        Signatures(ws, row, left, width);
        Source(ws, row + 7, width, sheet.Form);
        PrintSetup(ws, columns);
    }

    /// <summary>The header row, the column-number row official forms carry ("(1)", "(2)", …) and the data rows; returns the next free row.</summary>
    private static int Table(IXLWorksheet ws, int top, SheetTable table)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            ws.Cell(top, c + 1).Value = table.Columns[c].Header;
            ws.Cell(top + 1, c + 1).Value = $"({(c + 1).ToString(CultureInfo.InvariantCulture)})";
        }

        var header = ws.Range(top, 1, top + 1, table.Columns.Count);
        header.Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center).Alignment.SetWrapText();
        ws.Range(top + 1, 1, top + 1, table.Columns.Count).Style.Font.SetBold(false).Font.SetItalic();
        ws.Row(top).Height = FontSize * 1.4 * Math.Max(2, table.Columns.Max(c => Math.Ceiling(c.Header.Length / Math.Max(1, c.Width - 1))));

        var row = top + 2;
        foreach (var values in table.Rows)
        {
            for (var c = 0; c < table.Columns.Count && c < values.Count; c++)
                Value(ws.Cell(row, c + 1), values[c], table.Columns[c].Format).Style.Alignment.SetWrapText();
            row++;
        }

        var all = ws.Range(top, 1, Math.Max(row - 1, top + 1), table.Columns.Count);
        all.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        all.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        ws.PageSetup.SetRowsToRepeatAtTop(top, top + 1);
        return row + 1;
    }

    /// <summary>The signature blocks: the preparer on the left, the head of the unit (signature and seal) on the right.</summary>
    private static void Signatures(IXLWorksheet ws, int row, int left, int width)
    {
        Merge(ws, row, left + 1, width, "………, ngày … tháng … năm ……").Style.Font.SetItalic();
        Merge(ws, row + 1, 1, left, "NGƯỜI LẬP BIỂU").Style.Font.SetBold();
        Merge(ws, row + 2, 1, left, "(Ký, ghi rõ họ tên)").Style.Font.SetItalic();
        Merge(ws, row + 1, left + 1, width, "THỦ TRƯỞNG ĐƠN VỊ").Style.Font.SetBold();
        Merge(ws, row + 2, left + 1, width, "(Ký tên, đóng dấu)").Style.Font.SetItalic();
    }

    private static void Source(IXLWorksheet ws, int row, int width, ReportForm form)
    {
        var text = "Nguồn biểu mẫu: " + form.Source + (form.Unconfirmed is null ? "." : ". Chưa xác nhận: " + form.Unconfirmed + ".");
        var cell = Merge(ws, row, 1, width, text);
        cell.Style.Font.SetItalic().Font.SetFontSize(FontSize - 2).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left).Alignment.SetWrapText();
        ws.Row(row).Height = (FontSize - 1) * 1.4 * Math.Ceiling(text.Length / Math.Max(1, ColumnsWidth(ws, width) * 1.1));
    }

    private static void PrintSetup(IXLWorksheet ws, IReadOnlyList<SheetColumn> columns)
    {
        var setup = ws.PageSetup;
        setup.PaperSize = XLPaperSize.A4Paper;
        setup.PageOrientation = columns.Sum(c => c.Width) > PortraitWidth ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        // One page wide, as many pages tall as the rows need.
        setup.FitToPages(1, 0);
        setup.CenterHorizontally = true;
        setup.Margins.SetLeft(0.6).SetRight(0.4).SetTop(0.6).SetBottom(0.6);
        setup.Footer.Center.AddText("Trang ", XLHFOccurrence.AllPages);
        setup.Footer.Center.AddText(XLHFPredefinedText.PageNumber, XLHFOccurrence.AllPages);
        setup.Footer.Center.AddText("/", XLHFOccurrence.AllPages);
        setup.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages, XLHFOccurrence.AllPages);
        setup.PrintAreas.Add(1, 1, ws.LastRowUsed().RowNumber(), Math.Max(columns.Count, 4));
    }

    private static IXLCell Merge(IXLWorksheet ws, int row, int first, int last, string text)
    {
        var range = ws.Range(row, first, row, last).Merge();
        range.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        var cell = ws.Cell(row, first);
        cell.Value = text;
        return cell;
    }

    private static IXLCell Value(IXLCell cell, object? value, string? format)
    {
        switch (value)
        {
            case null:
                break;
            case string text:
                // Text stays text: a code such as "00166" or a label such as "1-2" must not become a number or a date.
                cell.SetValue(text);
                break;
            default:
                cell.Value = value;
                if (format is not null)
                    cell.Style.NumberFormat.Format = format;
                cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
                break;
        }

        return cell;
    }

    private static double ColumnsWidth(IXLWorksheet ws, int count) => Enumerable.Range(1, count).Sum(c => ws.Column(c).Width);
}
