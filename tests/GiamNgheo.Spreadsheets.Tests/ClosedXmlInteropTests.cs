using ClosedXML.Excel;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Spreadsheets.Tests;

/// <summary>Checks against an independent implementation: workbooks as a spreadsheet library writes them, and our output as it reads it.</summary>
public class ClosedXmlInteropTests
{
    [Fact]
    public void Reads_a_closedxml_workbook_with_shared_strings_numbers_and_sparse_cells()
    {
        var package = Save(workbook =>
        {
            var sheet = workbook.AddWorksheet("Hộ gia đình");
            sheet.Cell(1, 1).Value = "Mã hộ";
            sheet.Cell(1, 2).Value = "Chủ hộ";
            sheet.Cell(1, 3).Value = "Thu nhập";
            sheet.Cell(1, 4).Value = "Có thẻ BHYT";
            sheet.Cell(2, 1).Value = "'001";
            sheet.Cell(2, 2).Value = "Lò Văn Páo";
            sheet.Cell(2, 3).Value = 1_500_000;
            sheet.Cell(2, 4).Value = true;
            sheet.Cell(3, 1).Value = "'002";
            sheet.Cell(3, 3).Value = 2_250_000.5;
            sheet.Cell(3, 6).Value = "Lò Văn Páo";
            sheet.Cell(5, 2).Value = "  khoảng trắng  ";
        });

        using var workbook = XlsxWorkbookReader.Open(package);
        using var sheet = workbook.OpenSheet("hộ gia đình")!;

        Assert.True(sheet.Read());
        Assert.Equal(["Mã hộ", "Chủ hộ", "Thu nhập", "Có thẻ BHYT"], Cells(sheet));
        Assert.True(sheet.Read());
        Assert.Equal(["001", "Lò Văn Páo", "1500000", "1"], Cells(sheet));
        Assert.True(sheet.Read());
        Assert.Equal(3, sheet.RowNumber);
        Assert.Equal(["002", "", "2250000.5", "", "", "Lò Văn Páo"], Cells(sheet));
        Assert.True(sheet.Read());
        Assert.Equal(5, sheet.RowNumber);
        Assert.Equal("  khoảng trắng  ", sheet.GetString(1));
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Reads_several_closedxml_sheets_by_name()
    {
        var package = Save(workbook =>
        {
            workbook.AddWorksheet("Hộ").Cell(1, 1).Value = "hộ";
            workbook.AddWorksheet("Thành viên").Cell(1, 1).Value = "thành viên";
            workbook.AddWorksheet("Ghi chú").Cell(2, 2).Value = 3;
        });

        using var workbook = XlsxWorkbookReader.Open(package);

        Assert.Equal(["Hộ", "Thành viên", "Ghi chú"], workbook.SheetNames);
        Assert.Equal("thành viên", FirstCell(workbook, " THÀNH VIÊN"));
        Assert.Equal("hộ", FirstCell(workbook, "hộ"));
        using var notes = workbook.OpenSheet("Ghi chú")!;
        Assert.True(notes.Read());
        Assert.Equal((2, "3"), (notes.RowNumber, notes.GetString(1)));
    }

    [Fact]
    public void Reads_two_sheets_side_by_side()
    {
        const int households = 3000;
        var package = Save(workbook =>
        {
            var household = workbook.AddWorksheet("Hộ");
            var member = workbook.AddWorksheet("Thành viên");
            for (var i = 1; i <= households; i++)
            {
                household.Cell(i, 1).Value = $"H{i:D5}";
                household.Cell(i, 2).Value = $"Chủ hộ số {i}";
                for (var m = 0; m < 3; m++)
                {
                    member.Cell(((i - 1) * 3) + m + 1, 1).Value = $"H{i:D5}";
                    member.Cell(((i - 1) * 3) + m + 1, 2).Value = $"Thành viên {m} của hộ {i}";
                }
            }
        });

        using var workbook = XlsxWorkbookReader.Open(package);
        using var householdSheet = workbook.OpenSheet("Hộ")!;
        using var memberSheet = workbook.OpenSheet("Thành viên")!;

        var read = 0;
        while (householdSheet.Read())
        {
            read++;
            Assert.Equal($"H{read:D5}", householdSheet.GetString(0));
            for (var m = 0; m < 3; m++)
            {
                Assert.True(memberSheet.Read());
                Assert.Equal($"H{read:D5}", memberSheet.GetString(0));
                Assert.Equal($"Thành viên {m} của hộ {read}", memberSheet.GetString(1));
            }
        }

        Assert.Equal(households, read);
        Assert.False(memberSheet.Read());
    }

    [Fact]
    public void Writes_a_workbook_closedxml_reads_with_types_styles_and_layout()
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Hộ gia đình", [12, 30.5], freezeHeaderRow: true);
            writer.WriteHeaderRow(["Mã hộ", "Chủ hộ", "Thu nhập", "Nghèo", "Ngày điều tra", "Điểm"]);
            writer.WriteRow(
                XlsxCell.Text("001"),
                XlsxCell.Text("Hoàng Thị Ỷ"),
                XlsxCell.Number(1_500_000L),
                XlsxCell.Boolean(true),
                XlsxCell.Date(new DateOnly(2024, 10, 1)),
                XlsxCell.Number(42.5m));
            writer.WriteRow(XlsxCell.Text("002"), XlsxCell.Empty, XlsxCell.Number(0.25));
            writer.EndSheet();
        });

        using var workbook = new XLWorkbook(package);
        var sheet = workbook.Worksheet("Hộ gia đình");

        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal("Ngày điều tra", sheet.Cell(1, 5).GetString());
        Assert.Equal("Hoàng Thị Ỷ", sheet.Cell(2, 2).GetString());
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 3).DataType);
        Assert.Equal(1_500_000, sheet.Cell(2, 3).GetDouble());
        Assert.True(sheet.Cell(2, 4).GetBoolean());
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 5).DataType);
        Assert.Equal(new DateTime(2024, 10, 1), sheet.Cell(2, 5).GetDateTime());
        Assert.Equal("yyyy-mm-dd", sheet.Cell(2, 5).Style.NumberFormat.Format);
        Assert.Equal(42.5, sheet.Cell(2, 6).GetDouble());
        Assert.True(sheet.Cell(3, 2).IsEmpty());
        Assert.Equal(0.25, sheet.Cell(3, 3).GetDouble());
        Assert.Equal(1, sheet.SheetView.SplitRow);
        // ClosedXML reports widths without the cell padding (~0.7) that the file's width value includes.
        Assert.InRange(sheet.Column(1).Width, 11, 12);
        Assert.InRange(sheet.Column(2).Width, 29.5, 30.5);
    }

    [Fact]
    public void Writes_named_tables_closedxml_recognises()
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Hộ");
            writer.WriteHeaderRow(["Mã hộ", "Phân loại", "Điểm"]);
            for (var i = 1; i <= 3; i++)
                writer.WriteRow(XlsxCell.Text($"H{i}"), XlsxCell.Text("Nghèo"), XlsxCell.Number(i * 10L));
            writer.EndSheet("HoGiaDinh");

            writer.StartSheet("Thành viên");
            writer.WriteHeaderRow(["Mã hộ", "Họ tên"]);
            writer.EndSheet("ThanhVien");
        });

        using var workbook = new XLWorkbook(package);

        var households = workbook.Worksheet("Hộ").Tables.Single();
        Assert.Equal("HoGiaDinh", households.Name);
        Assert.Equal("A1:C4", households.RangeAddress.ToString());
        Assert.Equal(["Mã hộ", "Phân loại", "Điểm"], households.Fields.Select(f => f.Name));
        Assert.True(households.ShowAutoFilter);
        Assert.Equal(3, households.DataRange.RowCount());
        Assert.Equal(30, households.DataRange.Cell(3, 3).GetDouble());

        var members = workbook.Worksheet("Thành viên").Tables.Single();
        Assert.Equal("ThanhVien", members.Name);
        Assert.Equal("A1:B2", members.RangeAddress.ToString());
    }

    [Fact]
    public void Writes_text_closedxml_reads_back_unchanged()
    {
        // No "_x0041_"-style text here: ClosedXML 0.95 does not read such escapes back as Excel does.
        string[] texts = ["  đầu", "cuối  ", "a & <b> \"c\"", "dòng 1\ndòng 2", "😀 𠀀", "Nguyễn Thị Ánh"];
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            writer.WriteRow([.. texts.Select(XlsxCell.Text)]);
            writer.EndSheet();
        });

        using var workbook = new XLWorkbook(package);
        var row = workbook.Worksheet(1).Row(1);

        Assert.Equal(texts, texts.Select((_, i) => row.Cell(i + 1).GetString()));
    }

    [Fact]
    public void Writes_shared_and_inline_text_closedxml_reads_back_unchanged()
    {
        // Column A repeats, so it stays shared; column B is new on every row, so it turns inline after the sample.
        const int rows = XlsxStreamWriter.SharingSample + 20;
        static string Repeated(int i) => (i % 3) switch { 0 => "  nghèo", 1 => "cận nghèo  ", _ => "a & <b> \"c\"" };
        static string Unique(int i) => $" hộ {i} ";
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            for (var i = 0; i < rows; i++)
                writer.WriteRow(XlsxCell.Text(Repeated(i)), XlsxCell.Text(Unique(i)));
            writer.EndSheet();
        });

        using var workbook = new XLWorkbook(package);
        var sheet = workbook.Worksheet(1);

        Assert.Equal(Enumerable.Range(0, rows).Select(Repeated), Enumerable.Range(1, rows).Select(r => sheet.Cell(r, 1).GetString()));
        Assert.Equal(Enumerable.Range(0, rows).Select(Unique), Enumerable.Range(1, rows).Select(r => sheet.Cell(r, 2).GetString()));
    }

    private static string[] Cells(XlsxSheetReader sheet) => [.. Enumerable.Range(0, sheet.ColumnCount).Select(sheet.GetString)];

    private static string FirstCell(XlsxWorkbookReader workbook, string sheetName)
    {
        using var sheet = workbook.OpenSheet(sheetName)!;
        Assert.True(sheet.Read());
        return sheet.GetString(0);
    }

    private static MemoryStream Save(Action<XLWorkbook> build)
    {
        var buffer = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            build(workbook);
            workbook.SaveAs(buffer);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static MemoryStream Write(Action<XlsxStreamWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new XlsxStreamWriter(buffer, leaveOpen: true))
            write(writer);
        buffer.Position = 0;
        return buffer;
    }
}
