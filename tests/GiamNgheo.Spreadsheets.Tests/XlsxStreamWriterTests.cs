using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Spreadsheets.Tests;

public class XlsxStreamWriterTests
{
    [Fact]
    public void Round_trips_text_numbers_booleans_and_dates()
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Hộ gia đình");
            writer.WriteRow(
                XlsxCell.Text("Nguyễn Thị Hường – xã Ẳng Nưa, Mường Ẳng"),
                XlsxCell.Number(1_500_000L),
                XlsxCell.Number(2_250_000.5m),
                XlsxCell.Number(1.5e-3),
                XlsxCell.Number(-42L),
                XlsxCell.Boolean(true),
                XlsxCell.Boolean(false),
                XlsxCell.Date(new DateOnly(2024, 1, 15)),
                XlsxCell.Number(0.1 + 0.2));
            writer.EndSheet();
        });

        var row = TestPackages.ReadAll(package).Single();

        Assert.Equal("Nguyễn Thị Hường – xã Ẳng Nưa, Mường Ẳng", row[0]);
        Assert.Equal("1500000", row[1]);
        Assert.Equal("2250000.5", row[2]);
        Assert.Equal(1.5e-3, double.Parse(row[3], CultureInfo.InvariantCulture));
        Assert.Equal("-42", row[4]);
        Assert.Equal(["1", "0"], row[5..7]);
        Assert.Equal(new DateTime(2024, 1, 15).ToOADate().ToString(CultureInfo.InvariantCulture), row[7]);
        Assert.Equal(0.1 + 0.2, double.Parse(row[8], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Keeps_column_positions_across_empty_cells()
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            writer.WriteRow(XlsxCell.Text("a"), XlsxCell.Empty, XlsxCell.Text(null), XlsxCell.Text(""), XlsxCell.Number(4L));
            writer.WriteRow();
            writer.WriteRow(XlsxCell.Empty, XlsxCell.Text("b"));
            writer.EndSheet();
        });

        var rows = TestPackages.ReadAll(package);

        Assert.Equal(["a", "", "", "", "4"], rows[0]);
        Assert.Empty(rows[1]);
        Assert.Equal(["", "b"], rows[2]);
    }

    [Theory]
    [InlineData("  hai khoảng trắng đầu")]
    [InlineData("cuối có khoảng trắng  ")]
    [InlineData("   ")]
    [InlineData("\tthụt lề")]
    [InlineData("dòng 1\r\ndòng 2\ndòng 3\rhết")]
    [InlineData("<b>đậm</b> & \"trích\" 'dẫn' ]]>")]
    [InlineData("_x0041_ không phải là A, _x005F_ cũng không")]
    [InlineData("Biểu tượng 😀 và 𠀀")]
    [InlineData("muc_song_trung_binh;thu_nhap:khai_x0041_ & 😀_x00_")]
    [InlineData("_")]
    [InlineData("_x0041_")]
    public void Round_trips_text_exactly(string text)
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            writer.WriteRow(XlsxCell.Text(text));
            writer.EndSheet();
        });

        Assert.Equal(text, TestPackages.ReadAll(package).Single().Single());
    }

    [Fact]
    public void Round_trips_rows_whose_bytes_cross_the_write_buffer_at_every_offset()
    {
        // Rows of growing length put the buffer's end inside multi-byte characters, surrogate pairs, escapes and numbers;
        // a few hundred KiB of sheet XML is several buffers.
        static string Text(int i) => string.Concat(Enumerable.Repeat("Hộ nghèo 😀 ", i % 37)) + $"<&>_x0041_ {i}";
        const int rows = 2_000;
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            for (var i = 0; i < rows; i++)
                writer.WriteRow(XlsxCell.Text(Text(i)), XlsxCell.Number(i * 1_000_003L), XlsxCell.Empty, XlsxCell.Number(i + 0.125), XlsxCell.Number(i / 8m));
            writer.EndSheet();
        });

        var read = TestPackages.ReadAll(package);

        Assert.Equal(rows, read.Count);
        for (var i = 0; i < rows; i++)
        {
            Assert.Equal(
                [Text(i), (i * 1_000_003L).ToString(CultureInfo.InvariantCulture), "", (i + 0.125).ToString(CultureInfo.InvariantCulture), (i / 8m).ToString(CultureInfo.InvariantCulture)],
                read[i]);
        }
    }

    [Fact]
    public void Writes_cell_references_only_after_a_left_out_cell()
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            writer.WriteRow(XlsxCell.Text("a"), XlsxCell.Number(1L), XlsxCell.Empty, XlsxCell.Number(3L), XlsxCell.Boolean(true));
            writer.EndSheet();
        });

        using (var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true))
        {
            using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var xml = sheet.ReadToEnd();
            Assert.Equal(["r=\"1\"", "r=\"D1\""], Regex.Matches(xml, "r=\"[A-Z]*[0-9]+\"").Select(m => m.Value));
        }

        package.Position = 0;
        Assert.Equal(["a", "1", "", "3", "1"], TestPackages.ReadAll(package).Single());
    }

    [Fact]
    public void Shares_text_that_repeats_down_a_column_and_writes_text_that_does_not_inline()
    {
        const int sample = XlsxStreamWriter.SharingSample;
        const int rows = sample + 500;
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            for (var i = 0; i < rows; i++)
                writer.WriteRow(XlsxCell.Text($"Thôn {i % 14}"), XlsxCell.Text($"hộ {i}"));
            writer.EndSheet();
        });

        var sheet = Part(package, "xl/worksheets/sheet1.xml");
        // Column A is shared throughout; column B, all new values, only until its sample is seen.
        Assert.Equal(rows + sample, CountOf(sheet, "t=\"s\""));
        Assert.Equal(rows - sample, CountOf(sheet, "t=\"inlineStr\""));
        Assert.Contains($"count=\"{rows + sample}\" uniqueCount=\"{14 + sample}\"", Part(package, "xl/sharedStrings.xml"), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => new[] { $"Thôn {i % 14}", $"hộ {i}" }), TestPackages.ReadAll(package));
    }

    [Fact]
    public void Shares_one_table_across_sheets_and_decides_each_sheet_afresh()
    {
        const int sample = XlsxStreamWriter.SharingSample;
        var package = Write(writer =>
        {
            writer.StartSheet("Một");
            for (var i = 0; i < sample + 1; i++)
                writer.WriteRow(XlsxCell.Text($"mã {i}"), XlsxCell.Text("nghèo"));
            writer.EndSheet();
            writer.StartSheet("Hai");
            writer.WriteRow(XlsxCell.Text("mã 5"), XlsxCell.Text("nghèo"));
            writer.EndSheet();
        });

        // The first sheet's column A turned inline after its sample; the second sheet starts sharing it again and finds "mã 5".
        Assert.Contains($"uniqueCount=\"{sample + 1}\"", Part(package, "xl/sharedStrings.xml"), StringComparison.Ordinal);
        Assert.Equal("<c t=\"s\"><v>6</v></c><c t=\"s\"><v>1</v></c>", Regex.Match(Part(package, "xl/worksheets/sheet2.xml"), "<row r=\"1\">(.*)</row>").Groups[1].Value);
        Assert.Equal(["mã 5", "nghèo"], TestPackages.ReadAll(package, "Hai").Single());
    }

    [Fact]
    public void Writes_new_text_inline_once_the_shared_table_holds_its_limit_of_strings()
    {
        const int sample = XlsxStreamWriter.SharingSample;
        const int limit = XlsxStreamWriter.SharedStringLimit;
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            for (var i = 0; i < sample; i++)
                writer.WriteRow(XlsxCell.Text("lặp"));
            // One shared text so far, so limit - 1 new ones fill the table and the last 10 go inline.
            for (var i = 0; i < limit - 1 + 10; i++)
                writer.WriteRow(XlsxCell.Text($"v{i}"));
            writer.EndSheet();
        });

        Assert.Contains($"uniqueCount=\"{limit}\"", Part(package, "xl/sharedStrings.xml"), StringComparison.Ordinal);
        Assert.Equal(10, CountOf(Part(package, "xl/worksheets/sheet1.xml"), "t=\"inlineStr\""));
        var rows = TestPackages.ReadAll(package);
        Assert.Equal(["lặp"], rows[0]);
        Assert.Equal([$"v{limit - 2}"], rows[sample + limit - 2]);
        Assert.Equal([$"v{limit + 8}"], rows[^1]);
    }

    [Fact]
    public void Writes_new_text_inline_once_the_shared_table_holds_its_limit_of_characters()
    {
        const int sample = XlsxStreamWriter.SharingSample;
        const int length = 30_000;
        // Letters that do not repeat, so that the parts compress no more than real text would (the reader refuses zip bombs).
        static string Long(int i) => string.Create(length, i, (text, seed) =>
        {
            var random = new Random(seed);
            for (var k = 0; k < text.Length; k++)
                text[k] = (char)('a' + random.Next(26));
        });
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            for (var i = 0; i < sample; i++)
                writer.WriteRow(XlsxCell.Text("a"));
            for (var i = 0; i < 300; i++)
                writer.WriteRow(XlsxCell.Text(Long(i)));
            writer.EndSheet();
        });

        var fitting = (XlsxStreamWriter.SharedCharacterLimit - 1) / length;
        Assert.Equal(300 - fitting, CountOf(Part(package, "xl/worksheets/sheet1.xml"), "t=\"inlineStr\""));
        Assert.Equal(Enumerable.Range(0, 300).Select(Long), TestPackages.ReadAll(package).Skip(sample).Select(r => r.Single()));
    }

    [Fact]
    public void Writes_whole_doubles_with_the_digits_of_the_round_trip_format()
    {
        double[] values = [2_342_106, -1_500_000, 0, -0.0, 999_999_999_999_999, 1e15, 9_007_199_254_740_993, 1e300, 0.5, -2.25];
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            writer.WriteRow([.. values.Select(XlsxCell.Number)]);
            writer.EndSheet();
        });

        Assert.Equal(values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)), TestPackages.ReadAll(package).Single());
    }

    [Fact]
    public void Strips_characters_that_xml_cannot_carry()
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            writer.WriteRow(XlsxCell.Text("a\0b\u0001c\u001Fd\uFFFEe\uFFFFf\uD800g\uDC00h"));
            writer.EndSheet();
        });

        Assert.Equal("abcdefgh", TestPackages.ReadAll(package).Single().Single());
    }

    [Fact]
    public void Writes_dates_with_excel_serial_numbers()
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            writer.WriteRow(
                XlsxCell.Date(new DateOnly(1900, 1, 1)),
                XlsxCell.Date(new DateOnly(1900, 2, 28)),
                XlsxCell.Date(new DateOnly(1900, 3, 1)),
                XlsxCell.Date(new DateOnly(1899, 12, 31)),
                XlsxCell.Date(new DateOnly(9999, 12, 31)));
            writer.EndSheet();
        });

        Assert.Equal(["1", "59", "61", "1899-12-31", "2958465"], TestPackages.ReadAll(package).Single());
    }

    [Fact]
    public void Makes_header_names_unique_and_single_line()
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Data");
            writer.WriteHeaderRow(["Tên", "tên", "", " Mã\r\nhộ ", "Tên2", "Tên"]);
            writer.EndSheet("Bang");
        });

        Assert.Equal(["Tên", "tên2", "Column3", "Mã hộ", "Tên22", "Tên3"], TestPackages.ReadAll(package).Single());
    }

    [Fact]
    public void Writes_several_sheets_in_order()
    {
        string[] names = ["Hộ", "Thành viên", "Tổng hợp"];
        var package = Write(writer =>
        {
            foreach (var name in names)
            {
                writer.StartSheet(name);
                writer.WriteRow(XlsxCell.Text(name));
                writer.EndSheet();
            }
        });

        using var workbook = XlsxWorkbookReader.Open(package);
        Assert.Equal(names, workbook.SheetNames);
        using var members = workbook.OpenSheet("THÀNH VIÊN")!;
        Assert.True(members.Read());
        Assert.Equal("Thành viên", members.GetString(0));
    }

    [Fact]
    public void Writes_to_a_stream_that_cannot_seek()
    {
        var buffer = new MemoryStream();
        using (var writer = new XlsxStreamWriter(new ForwardOnlyStream(buffer)))
        {
            writer.StartSheet("Data");
            writer.WriteHeaderRow(["Tên", "Số"]);
            writer.WriteRow(XlsxCell.Text("một"), XlsxCell.Number(2L));
            writer.EndSheet("Bang");
        }

        Assert.Equal(["một", "2"], TestPackages.ReadAll(new MemoryStream(buffer.ToArray()))[1]);
    }

    [Fact]
    public void Leaves_the_stream_open_when_asked()
    {
        var buffer = new MemoryStream();
        using (var writer = new XlsxStreamWriter(buffer, leaveOpen: true))
        {
            writer.StartSheet("Data");
            writer.EndSheet();
        }

        Assert.True(buffer.CanWrite);
        buffer.Position = 0;
        Assert.Empty(TestPackages.ReadAll(buffer));
    }

    [Fact]
    public void Completes_an_open_sheet_and_supplies_one_when_there_is_none()
    {
        var unfinished = Write(writer =>
        {
            writer.StartSheet("Dở dang");
            writer.WriteRow(XlsxCell.Number(1L));
        });
        var empty = Write(_ => { });

        Assert.Equal(["1"], TestPackages.ReadAll(unfinished).Single());
        using var workbook = XlsxWorkbookReader.Open(empty);
        Assert.Equal(["Sheet1"], workbook.SheetNames);
    }

    [Fact]
    public void Writes_a_table_part_for_a_named_table()
    {
        var package = Write(writer =>
        {
            writer.StartSheet("Hộ");
            writer.WriteHeaderRow(["Mã hộ", "Điểm"]);
            writer.WriteRow(XlsxCell.Text("001"), XlsxCell.Number(12L));
            writer.EndSheet("HoGiaDinh");
        });

        using var zip = new ZipArchive(package);
        using var table = new StreamReader(zip.GetEntry("xl/tables/table1.xml")!.Open());
        var xml = table.ReadToEnd();
        Assert.Contains("name=\"HoGiaDinh\"", xml, StringComparison.Ordinal);
        Assert.Contains("ref=\"A1:B2\"", xml, StringComparison.Ordinal);
        Assert.Contains("<tableColumn id=\"2\" name=\"Điểm\"/>", xml, StringComparison.Ordinal);
        Assert.NotNull(zip.GetEntry("xl/worksheets/_rels/sheet1.xml.rels"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Tên trang tính dài hơn ba mốt ký tự")]
    [InlineData("Hộ[1]")]
    [InlineData("a:b")]
    [InlineData("a*b")]
    [InlineData("a?b")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("'trích")]
    [InlineData("history")]
    [InlineData("tab\there")]
    public void Rejects_sheet_names_excel_would_refuse(string name)
    {
        using var writer = new XlsxStreamWriter(new MemoryStream());

        Assert.ThrowsAny<ArgumentException>(() => writer.StartSheet(name));
    }

    [Fact]
    public void Rejects_duplicate_sheet_names_ignoring_case()
    {
        using var writer = new XlsxStreamWriter(new MemoryStream());
        writer.StartSheet("Hộ");
        writer.EndSheet();

        Assert.Throws<ArgumentException>(() => writer.StartSheet("HỘ"));
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("xfd1048576")]
    [InlineData("R1C1")]
    [InlineData("R")]
    [InlineData("c")]
    [InlineData("R2")]
    [InlineData("1Bang")]
    [InlineData("Bảng hộ")]
    [InlineData("Bang-ho")]
    [InlineData("")]
    public void Rejects_table_names_excel_would_refuse(string name)
    {
        using var writer = new XlsxStreamWriter(new MemoryStream());
        writer.StartSheet("Data");
        writer.WriteHeaderRow(["a"]);

        Assert.Throws<ArgumentException>(() => writer.EndSheet(name));
        writer.EndSheet("Bảng_hộ.2024");
    }

    [Fact]
    public void Rejects_a_table_name_used_twice()
    {
        using var writer = new XlsxStreamWriter(new MemoryStream());
        writer.StartSheet("A");
        writer.WriteHeaderRow(["x"]);
        writer.EndSheet("Bang");
        writer.StartSheet("B");
        writer.WriteHeaderRow(["x"]);

        Assert.Throws<ArgumentException>(() => writer.EndSheet("BANG"));
    }

    [Fact]
    public void Requires_a_header_row_for_a_table()
    {
        using var writer = new XlsxStreamWriter(new MemoryStream());
        writer.StartSheet("Data");
        writer.WriteRow(XlsxCell.Text("a"));

        Assert.Throws<InvalidOperationException>(() => writer.EndSheet("Bang"));
        Assert.Throws<InvalidOperationException>(() => writer.WriteHeaderRow(["a"]));
    }

    [Fact]
    public void Rejects_calls_out_of_order()
    {
        using var writer = new XlsxStreamWriter(new MemoryStream());

        Assert.Throws<InvalidOperationException>(() => writer.WriteRow(XlsxCell.Number(1L)));
        Assert.Throws<InvalidOperationException>(() => writer.EndSheet());
        writer.StartSheet("A");
        Assert.Throws<InvalidOperationException>(() => writer.StartSheet("B"));
    }

    [Fact]
    public void Rejects_numbers_a_workbook_cannot_hold()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => XlsxCell.Number(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => XlsxCell.Number(double.PositiveInfinity));
    }

    [Fact]
    public void Rejects_column_widths_out_of_range()
    {
        using var writer = new XlsxStreamWriter(new MemoryStream());

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.StartSheet("Data", [10, 300]));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.StartSheet("Data", [double.NaN]));
    }

    [Fact]
    public void Rejects_rows_wider_than_excel_allows()
    {
        using var writer = new XlsxStreamWriter(new MemoryStream());
        writer.StartSheet("Data");

        Assert.Throws<ArgumentException>(() => writer.WriteRow(new XlsxCell[XlsxStreamWriter.MaxColumns + 1]));
    }

    private static string Part(MemoryStream package, string path)
    {
        using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        using var reader = new StreamReader(zip.GetEntry(path)!.Open());
        var xml = reader.ReadToEnd();
        package.Position = 0;
        return xml;
    }

    private static int CountOf(string xml, string text) => Regex.Count(xml, Regex.Escape(text));

    private static MemoryStream Write(Action<XlsxStreamWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new XlsxStreamWriter(buffer, leaveOpen: true))
            write(writer);

        buffer.Position = 0;
        return buffer;
    }
}
