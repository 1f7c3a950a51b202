using System.IO.Compression;
using ClosedXML.Excel;
using GiamNgheo.Pipeline.Exports.PowerBi;

namespace GiamNgheo.Pipeline.Tests.PowerBi;

/// <summary>A star table written into the workbook reads back typed, as a named table under a frozen header.</summary>
public class XlsxStarOutputTests
{
    private static readonly StarTable Table = new("Mau", "mau", "Mẫu",
    [
        new("ten", StarColumnKind.Text), new("so", StarColumnKind.WholeNumber), new("ty_le", StarColumnKind.Number),
        new("co", StarColumnKind.Boolean), new("ngay", StarColumnKind.Date), new("thoi_diem", StarColumnKind.Timestamp),
    ]);

    [Fact]
    public async Task Values_read_back_with_their_types_in_a_named_table_under_a_frozen_header()
    {
        var bytes = await WriteAsync(
            StarValue.Text("=1+1"), StarValue.Whole(42), StarValue.Number(0.25), StarValue.Boolean(true),
            StarValue.Date(new DateOnly(2025, 9, 1)), StarValue.Timestamp(new DateTimeOffset(2025, 6, 15, 16, 59, 0, TimeSpan.Zero)));

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var sheet = book.Worksheet("mau");
        var row = sheet.Table("Mau").DataRange.FirstRow();
        Assert.False(row.Field("ten").HasFormula);
        Assert.Equal("=1+1", row.Field("ten").GetString());
        Assert.Equal(42, row.Field("so").GetDouble());
        Assert.Equal(0.25, row.Field("ty_le").GetDouble());
        Assert.True(row.Field("co").GetBoolean());
        Assert.Equal(new DateTime(2025, 9, 1), row.Field("ngay").GetDateTime());
        Assert.Equal("2025-06-15T16:59:00Z", row.Field("thoi_diem").GetString());
        Assert.Equal(1, sheet.SheetView.SplitRow);
    }

    [Fact]
    public async Task Vietnamese_text_after_empty_values_reads_back_in_its_column_and_the_empty_values_as_blank()
    {
        var bytes = await WriteAsync(default, default, StarValue.Number(1_500_000d), default, default, StarValue.Timestamp(null));
        var second = await WriteAsync(
            StarValue.Text("Thu nhập bình quân 1.200.000 đồng/người/tháng — hộ nghèo"), default, default, StarValue.Boolean(false), default, default);

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var row = book.Worksheet("mau").Table("Mau").DataRange.FirstRow();
        Assert.True(row.Field("ten").IsEmpty());
        Assert.True(row.Field("so").IsEmpty());
        Assert.Equal(1_500_000, row.Field("ty_le").GetDouble());
        Assert.True(row.Field("thoi_diem").IsEmpty());
        using var secondBook = new XLWorkbook(new MemoryStream(second));
        var secondRow = secondBook.Worksheet("mau").Table("Mau").DataRange.FirstRow();
        Assert.Equal("Thu nhập bình quân 1.200.000 đồng/người/tháng — hộ nghèo", secondRow.Field("ten").GetString());
        Assert.False(secondRow.Field("co").GetBoolean());
        Assert.True(secondRow.Field("ngay").IsEmpty());
    }

    [Fact]
    public async Task Text_that_looks_like_an_excel_escape_has_its_underscore_escaped_so_excel_does_not_decode_it()
    {
        var bytes = await WriteAsync(StarValue.Text("ma_x0041_b"), default, default, default, default, default);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        // The first text of a column goes into the shared-string table (XlsxStreamWriter).
        using var reader = new StreamReader(zip.GetEntry("xl/sharedStrings.xml")!.Open());
        Assert.Contains("ma_x005F_x0041_b", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_before_march_1900_is_iso_text_because_excel_serials_count_a_phantom_leap_day()
    {
        var bytes = await WriteAsync(default, default, default, default, StarValue.Date(new DateOnly(1900, 2, 28)), default);

        using var book = new XLWorkbook(new MemoryStream(bytes));
        Assert.Equal("1900-02-28", book.Worksheet("mau").Table("Mau").DataRange.FirstRow().Field("ngay").GetString());
    }

    private static async Task<byte[]> WriteAsync(params StarValue[] values)
    {
        using var stream = new MemoryStream();
        var output = await XlsxStarOutput.CreateAsync(stream, CancellationToken.None);
        var writer = await output.BeginAsync(Table, CancellationToken.None);
        await writer.WriteRowAsync(values, CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);
        await output.FinishAsync(CancellationToken.None);
        return stream.ToArray();
    }
}
