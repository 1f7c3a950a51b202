using Azure.Storage.Blobs;
using ClosedXML.Excel;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>A province workbook as Excel (and Power BI) sees it: its named tables, each row by column name.</summary>
/// <param name="Tables">Names of the workbook's tables, per sheet.</param>
/// <param name="Households">Rows of table <c>HoGiaDinh</c>.</param>
/// <param name="Units">Rows of table <c>DonVi</c>.</param>
/// <param name="Deprivations">Rows of table <c>ThieuHut</c>.</param>
public sealed record WorkbookReading(
    IReadOnlyDictionary<string, string[]> Tables,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Households,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Units,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Deprivations)
{
    /// <summary>Downloads and reads a stored workbook with ClosedXML (an independent reader of what the writer made).</summary>
    public static async Task<WorkbookReading> ReadAsync(BlobClient workbook)
    {
        var bytes = (await workbook.DownloadContentAsync()).Value.Content.ToArray();
        using var book = new XLWorkbook(new MemoryStream(bytes));
        var tables = book.Worksheets.ToDictionary(w => w.Name, w => w.Tables.Select(t => t.Name).ToArray());
        return new WorkbookReading(tables, Rows(book, "ho_gia_dinh", "HoGiaDinh"), Rows(book, "don_vi", "DonVi"), Rows(book, "thieu_hut", "ThieuHut"));
    }

    /// <summary>A whole number cell.</summary>
    public static long Number(IReadOnlyDictionary<string, string> row, string column) =>
        (long)double.Parse(row[column], System.Globalization.CultureInfo.InvariantCulture);

    private static List<IReadOnlyDictionary<string, string>> Rows(XLWorkbook book, string sheet, string table)
    {
        var named = book.Worksheet(sheet).Table(table);
        var fields = named.Fields.Select(f => f.Name).ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        if (named.DataRange is null)
            return rows;
        foreach (var row in named.DataRange.Rows())
            rows.Add(fields.Select((name, i) => (name, value: row.Cell(i + 1).GetString())).ToDictionary(c => c.name, c => c.value));
        return rows;
    }
}
