using GiamNgheo.Spreadsheets;
using static GiamNgheo.Spreadsheets.Tests.TestPackages;

namespace GiamNgheo.Spreadsheets.Tests;

public class XlsxSheetReaderTests
{
    [Fact]
    public void Reads_shared_strings_with_rich_text_runs()
    {
        const string sst =
            "<si><t>Hộ nghèo</t></si>"
            + "<si><r><rPr><b/></rPr><t>Cận</t></r><r><t xml:space=\"preserve\"> nghèo</t></r></si>"
            + "<si><t/></si>"
            + "<si><t xml:space=\"preserve\">  </t></si>"
            + "<si><t>   </t></si>"
            + "<si><t>dòng 1_x000D_\ndòng 2</t></si>"
            + "<si><r><t>東京</t></r><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>";
        var cells = string.Concat(Enumerable.Range(0, 7).Select(i => $"<c r=\"{(char)('A' + i)}1\" t=\"s\"><v>{i}</v></c>"));

        var rows = ReadAll(Workbook($"<row r=\"1\">{cells}</row>", sst));

        Assert.Equal(["Hộ nghèo", "Cận nghèo", "", "  ", "", "dòng 1\r\ndòng 2", "東京"], rows.Single());
    }

    [Fact]
    public void Reads_every_cell_type_as_its_stored_text()
    {
        const string row =
            "<row r=\"1\">"
            + "<c r=\"A1\"><v>1500000</v></c>"
            + "<c r=\"B1\" t=\"n\"><v>1.5E-3</v></c>"
            + "<c r=\"C1\" s=\"3\"><v>2250000.5</v></c>"
            + "<c r=\"D1\" t=\"b\"><v>1</v></c>"
            + "<c r=\"E1\" t=\"b\"><v>0</v></c>"
            + "<c r=\"F1\" t=\"e\"><v>#N/A</v></c>"
            + "<c r=\"G1\" t=\"str\"><f>A1&amp;\"x\"</f><v>1500000x</v></c>"
            + "<c r=\"H1\"><f>A1*2</f><v>3000000</v></c>"
            + "<c r=\"I1\" t=\"inlineStr\"><is><t>Xã A</t></is></c>"
            + "<c r=\"J1\" t=\"inlineStr\"><is><r><t>Xã</t></r><r><rPr><i/></rPr><t xml:space=\"preserve\"> B</t></r></is></c>"
            + "<c r=\"K1\" t=\"d\"><v>2024-01-15T00:00:00</v></c>"
            + "<c r=\"L1\" t=\"inlineStr\"><is><t>&lt;a&gt; &amp; \"b\"</t></is></c>"
            + "</row>";

        var rows = ReadAll(Workbook(row));

        Assert.Equal(
            ["1500000", "1.5E-3", "2250000.5", "1", "0", "#N/A", "1500000x", "3000000", "Xã A", "Xã B", "2024-01-15T00:00:00", "<a> & \"b\""],
            rows.Single());
    }

    [Fact]
    public void Places_sparse_cells_by_their_reference_and_leaves_gaps_empty()
    {
        using var workbook = XlsxWorkbookReader.Open(Workbook("<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"E2\"><v>5</v></c></row><row r=\"7\"><c r=\"AB7\"><v>28</v></c></row>"));
        using var sheet = workbook.OpenSheet("Data")!;

        Assert.True(sheet.Read());
        Assert.Equal(2, sheet.RowNumber);
        Assert.Equal(5, sheet.ColumnCount);
        Assert.True(sheet.IsEmpty(0));
        Assert.Equal("1", sheet.GetString(1));
        Assert.True(sheet.GetSpan(2).IsEmpty);
        Assert.Equal("5", sheet.GetString(4));
        Assert.Equal("", sheet.GetString(99));

        Assert.True(sheet.Read());
        Assert.Equal(7, sheet.RowNumber);
        Assert.Equal(28, sheet.ColumnCount);
        Assert.Equal("28", sheet.GetString(27));
        Assert.True(sheet.IsEmpty(1));

        Assert.False(sheet.Read());
        Assert.Equal(0, sheet.ColumnCount);
    }

    [Fact]
    public void Numbers_rows_and_columns_sequentially_when_references_are_absent()
    {
        using var workbook = XlsxWorkbookReader.Open(Workbook("<row><c><v>1</v></c><c><v>2</v></c></row><row r=\"5\"><c><v>3</v></c><c r=\"D5\"><v>4</v></c><c><v>5</v></c></row><row><c><v>6</v></c></row>"));
        using var sheet = workbook.OpenSheet("Data")!;

        var seen = new List<(int Row, string[] Cells)>();
        while (sheet.Read())
            seen.Add((sheet.RowNumber, [.. Enumerable.Range(0, sheet.ColumnCount).Select(sheet.GetString)]));

        Assert.Equal(3, seen.Count);
        Assert.Equal(1, seen[0].Row);
        Assert.Equal(["1", "2"], seen[0].Cells);
        Assert.Equal(5, seen[1].Row);
        Assert.Equal(["3", "", "", "4", "5"], seen[1].Cells);
        Assert.Equal(6, seen[2].Row);
    }

    [Fact]
    public void Returns_empty_rows_and_reports_them_as_empty()
    {
        using var workbook = XlsxWorkbookReader.Open(Workbook(
            "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"/><row r=\"3\"><c r=\"A3\" s=\"1\"/><c r=\"B3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  </t></is></c></row>"));
        using var sheet = workbook.OpenSheet("Data")!;

        Assert.True(sheet.Read());
        Assert.False(sheet.IsRowEmpty);
        Assert.True(sheet.Read());
        Assert.Equal(2, sheet.RowNumber);
        Assert.Equal(0, sheet.ColumnCount);
        Assert.True(sheet.IsRowEmpty);
        Assert.True(sheet.Read());
        Assert.Equal(2, sheet.ColumnCount);
        Assert.Equal("  ", sheet.GetString(1));
        Assert.True(sheet.IsEmpty(1));
        Assert.True(sheet.IsRowEmpty);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Reads_a_sheet_with_empty_sheet_data_as_having_no_rows()
    {
        using var workbook = XlsxWorkbookReader.Open(Zip(
            ("_rels/.rels", PackageRels("xl/workbook.xml")),
            ("xl/workbook.xml", WorkbookXml(("Trống", "rId1"))),
            ("xl/_rels/workbook.xml.rels", Rels(("rId1", "worksheet", "worksheets/sheet1.xml"))),
            ("xl/worksheets/sheet1.xml", $"<worksheet xmlns=\"{Main}\"><sheetData/></worksheet>")));
        using var sheet = workbook.OpenSheet("trống")!;

        Assert.False(sheet.Read());
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Ignores_elements_other_than_rows_and_cells()
    {
        var rows = ReadAll(Workbook(
            "<row r=\"1\" spans=\"1:2\" x14ac:dyDescent=\"0.25\" xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\">"
            + "<c r=\"A1\"><v>1</v><extLst><ext><v>999</v></ext></extLst></c><extLst/><c r=\"B1\"><v>2</v></c></row>"
            + "<extLst><ext><row r=\"9\"/></ext></extLst>"));

        Assert.Equal(["1", "2"], rows.Single());
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    [InlineData(16383, "XFD")]
    public void Names_columns_with_spreadsheet_letters(int column, string letters)
    {
        Assert.Equal(letters, XlsxSheetReader.ColumnLetter(column));
    }

    [Fact]
    public void Caches_the_string_of_a_cell_for_the_rest_of_the_row()
    {
        using var workbook = XlsxWorkbookReader.Open(Workbook("<row><c t=\"inlineStr\"><is><t>Xã A</t></is></c><c t=\"s\"><v>0</v></c></row>", "<si><t>Huyện B</t></si>"));
        using var sheet = workbook.OpenSheet("Data")!;

        Assert.True(sheet.Read());
        Assert.Same(sheet.GetString(0), sheet.GetString(0));
        Assert.Same(sheet.GetString(1), sheet.GetString(1));
        Assert.True(sheet.GetSpan(0).SequenceEqual("Xã A"));
    }
}
