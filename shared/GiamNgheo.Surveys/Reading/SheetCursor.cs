using System.Globalization;
using System.Text;
using GiamNgheo.Spreadsheets;
using Sylvan.Data.Csv;

namespace GiamNgheo.Surveys.Reading;

/// <summary>Forward-only rows of one survey sheet, from an xlsx worksheet or a CSV file.</summary>
internal interface ISheetCursor : IDisposable
{
    /// <summary>How the officer knows the sheet: the sheet name, or the CSV file name.</summary>
    string Name { get; }

    /// <summary>The current row as numbered in Excel (the header is row 1).</summary>
    int RowNumber { get; }

    int ColumnCount { get; }

    bool IsRowEmpty { get; }

    bool Read();

    ReadOnlySpan<char> Get(int column);

    /// <summary>How the officer finds the column: a letter for xlsx, a number for CSV.</summary>
    string ColumnLabel(int column);
}

internal sealed class XlsxSheetCursor(XlsxSheetReader reader, string name) : ISheetCursor
{
    public string Name { get; } = name;

    public int RowNumber => reader.RowNumber;

    public int ColumnCount => reader.ColumnCount;

    public bool IsRowEmpty => reader.IsRowEmpty;

    public bool Read()
    {
        try
        {
            return reader.Read();
        }
        catch (XlsxFormatException ex)
        {
            throw SurveySource.Translate(ex, Name);
        }
    }

    public ReadOnlySpan<char> Get(int column) => column < reader.ColumnCount ? reader.GetSpan(column) : default;

    public string ColumnLabel(int column) => XlsxSheetReader.ColumnLetter(column);

    public void Dispose() => reader.Dispose();
}

internal sealed class CsvSheetCursor : ISheetCursor
{
    private readonly CsvDataReader _reader;
    private int _row;

    public CsvSheetCursor(TextReader text, string name)
    {
        Name = name;
        // No header handling in Sylvan: the header row goes through the same path as data so its problems are reported the same way.
        // Create already fills the first buffer, so decoding problems can surface here as well as in Read.
        _reader = Decode(() => CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, OwnsReader = true, Delimiter = ',', BufferSize = 1 << 16 }));
    }

    public string Name { get; }

    public int RowNumber => _row;

    public int ColumnCount => _reader.RowFieldCount;

    public bool IsRowEmpty
    {
        get
        {
            for (var i = 0; i < _reader.RowFieldCount; i++)
            {
                if (!_reader.GetFieldSpan(i).IsWhiteSpace())
                    return false;
            }

            return true;
        }
    }

    public bool Read()
    {
        if (!Decode(_reader.Read))
            return false;
        _row++;
        return true;
    }

    public ReadOnlySpan<char> Get(int column) => column < _reader.RowFieldCount ? _reader.GetFieldSpan(column) : default;

    public string ColumnLabel(int column) => (column + 1).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _reader.Dispose();

    private T Decode<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DecoderFallbackException ex)
        {
            throw new SurveyFormatException($"Tệp {Name} không được lưu dạng UTF-8 (gần dòng {_row + 1}). Trong Excel hãy chọn Lưu thành \"CSV UTF-8\".", ex);
        }
        catch (XlsxFormatException ex)
        {
            throw SurveySource.Translate(ex, Name);
        }
    }
}
