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

internal sealed class XlsxSheetCursor(XlsxSheetReader reader, string name, SurveyLimits limits) : ISheetCursor
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
            throw SurveySource.Translate(ex, null, Name, limits);
        }
    }

    public ReadOnlySpan<char> Get(int column) => column < reader.ColumnCount ? reader.GetSpan(column) : default;

    public string ColumnLabel(int column) => XlsxSheetReader.ColumnLetter(column);

    public void Dispose() => reader.Dispose();
}

internal sealed class CsvSheetCursor : ISheetCursor
{
    private readonly CsvDataReader _reader;
    private readonly SurveyLimits _limits;
    private int _row;

    public CsvSheetCursor(TextReader text, string name, SurveyLimits limits)
    {
        Name = name;
        _limits = limits;
        // No header handling in Sylvan: the header row goes through the same path as data so its problems are reported the same way.
        // Create already fills the first buffer, so decoding problems can surface here as well as in Read.
        // The buffer never grows: a record that does not fit in it is refused, which is the row-length limit.
        _reader = Decode(() => CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, OwnsReader = true, Delimiter = ',', BufferSize = limits.MaxRowCharacters }));
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
        if (_row > _limits.MaxSheetRows)
            throw Refused($"Tệp có quá {Number(_limits.MaxSheetRows - 1)} dòng (kể cả dòng trống); hãy chia tệp.", null);
        if (_reader.RowFieldCount > _limits.MaxColumns)
            throw Refused($"Dòng có hơn {Number(_limits.MaxColumns)} cột, giới hạn của Excel. Hãy kiểm tra dấu phẩy thừa.", _limits.MaxColumns);
        for (var i = 0; i < _reader.RowFieldCount; i++)
        {
            if (_reader.GetFieldSpan(i).Length > _limits.MaxCellCharacters)
                throw Refused($"Ô có hơn {Number(_limits.MaxCellCharacters)} ký tự, vượt giới hạn của Excel. Hãy rút gọn nội dung ô.", i);
        }

        return true;
    }

    public ReadOnlySpan<char> Get(int column) => column < _reader.RowFieldCount ? _reader.GetFieldSpan(column) : default;

    public string ColumnLabel(int column) => (column + 1).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _reader.Dispose();

    private static string Number(long value) => value.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));

    /// <remarks>A decoding or CSV failure is in the record being read, one past those already returned.</remarks>
    private SurveyFormatException Refused(string message, int? column, Exception? inner = null, int? row = null) =>
        new(message, inner) { Sheet = Name, Row = row ?? _row, Column = column is { } c ? ColumnLabel(c) : null };

    private T Decode<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DecoderFallbackException ex)
        {
            throw Refused($"Tệp {Name} không được lưu dạng UTF-8 (gần dòng {_row + 1}). Trong Excel hãy chọn Lưu thành \"CSV UTF-8\".", null, ex, _row + 1);
        }
        catch (XlsxFormatException ex)
        {
            throw SurveySource.Translate(ex, null, Name, _limits) is var refused && refused.Row is null
                ? new SurveyFormatException(refused.Message, ex) { Sheet = Name, Row = _row + 1 }
                : refused;
        }
        catch (CsvRecordTooLargeException ex)
        {
            throw Refused(
                $"Dòng dài hơn {Number(_limits.MaxRowCharacters)} ký tự. Thường là do một ô mở dấu ngoặc kép (\") mà không đóng, làm các dòng sau dính vào ô đó.",
                ex.FieldOrdinal, ex, _row + 1);
        }
        catch (CsvInvalidCharacterException ex)
        {
            throw Refused(
                "Dấu ngoặc kép (\") đặt sai chỗ: ô bắt đầu bằng dấu ngoặc kép phải kết thúc bằng dấu ngoặc kép ngay trước dấu phẩy hoặc cuối dòng, và dấu ngoặc kép bên trong ô phải viết đôi (\"\").",
                ex.FieldOrdinal, ex, _row + 1);
        }
        catch (CsvFormatException ex)
        {
            throw Refused("Dòng không đúng định dạng CSV (phân cách bằng dấu phẩy, ô có dấu phẩy đặt trong dấu ngoặc kép).", ex.FieldOrdinal, ex, _row + 1);
        }
    }
}
