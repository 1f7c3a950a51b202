using System.Text;
using ExcelDataReader;
using GiamNgheo.Spreadsheets;
using Sylvan.Data.Csv;

namespace GiamNgheo.Benchmarks;

/// <summary>Reading every cell of a survey and doing nothing else: the baseline that scoring is compared with.</summary>
internal static class RawReads
{
    private static readonly string[] Sheets = ["thong_tin", "thanh_vien", "ho"];

    static RawReads() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Sylvan over each CSV file of a folder, touching every field.</summary>
    public static long CsvFolder(string folder)
    {
        long characters = 0;
        foreach (var sheet in Sheets)
        {
            using var reader = CsvDataReader.Create(Path.Combine(folder, sheet + ".csv"), new CsvDataReaderOptions { HasHeaders = false, BufferSize = 1 << 16 });
            while (reader.Read())
            {
                for (var i = 0; i < reader.RowFieldCount; i++)
                    characters += reader.GetFieldSpan(i).Length;
            }
        }

        return characters;
    }

    /// <summary>The project's streaming xlsx reader over each sheet, touching every cell.</summary>
    public static long Xlsx(string path)
    {
        long characters = 0;
        using var stream = File.OpenRead(path);
        using var workbook = XlsxWorkbookReader.Open(stream);
        foreach (var sheet in Sheets)
        {
            using var reader = workbook.OpenSheet(sheet)!;
            while (reader.Read())
            {
                for (var i = 0; i < reader.ColumnCount; i++)
                    characters += reader.GetSpan(i).Length;
            }
        }

        return characters;
    }

    /// <summary>ExcelDataReader, the library of the field, over the same workbook: for reference.</summary>
    public static long XlsxExcelDataReader(string path)
    {
        long cells = 0;
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        do
        {
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetValue(i) is not null)
                        cells++;
                }
            }
        }
        while (reader.NextResult());

        return cells;
    }
}
