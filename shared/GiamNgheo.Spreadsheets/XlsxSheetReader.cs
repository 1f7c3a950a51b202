using System.Globalization;
using System.Xml;

namespace GiamNgheo.Spreadsheets;

/// <summary>Forward-only reader over the rows of one worksheet, handing out cell text as spans without building a DOM.</summary>
/// <remarks>
/// Cell values come back as the workbook stores them: shared and inline strings as text, numbers as their
/// raw invariant text (<c>1500000</c>, <c>1.5E-3</c>; dates are serial numbers), booleans as <c>1</c>/<c>0</c>,
/// errors as their code (<c>#N/A</c>), formulas as their cached result. Spans are valid until the next <see cref="Read"/>.
/// </remarks>
public sealed class XlsxSheetReader : IDisposable
{
    private readonly SpreadsheetXml _xml;
    private readonly string[] _sharedStrings;
    private readonly XlsxReadLimits _limits;
    private readonly TextBuffer _text = new();
    private Cell[] _cells = new Cell[64];
    private int _sheetDataDepth = -1;
    private int _rowsRead;
    private int _cellColumn;
    private bool _finished;

    internal XlsxSheetReader(SpreadsheetXml xml, string[] sharedStrings, XlsxReadLimits limits)
    {
        _xml = xml;
        _sharedStrings = sharedStrings;
        _limits = limits;
    }

    private enum CellType
    {
        /// <summary>Numbers, errors, ISO dates: the stored text as it is.</summary>
        Raw,
        SharedString,
        /// <summary>Inline strings and cached formula strings, which may carry _xHHHH_ escapes.</summary>
        String,
        Boolean,
    }

    /// <summary>1-based Excel row number of the current row; rows absent from the file are skipped, so numbers may jump.</summary>
    public int RowNumber { get; private set; }

    /// <summary>One past the 0-based index of the last cell present in the current row.</summary>
    public int ColumnCount { get; private set; }

    /// <summary>True when every cell of the current row is empty or whitespace.</summary>
    public bool IsRowEmpty
    {
        get
        {
            for (var i = 0; i < ColumnCount; i++)
            {
                if (!IsEmpty(i))
                    return false;
            }

            return true;
        }
    }

    /// <summary>The spreadsheet letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnLetter(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        Span<char> letters = stackalloc char[8];
        var start = letters.Length;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters[--start] = (char)('A' + ((n - 1) % 26));
        return new string(letters[start..]);
    }

    /// <summary>Advances to the next row present in the sheet, including rows whose cells are all empty.</summary>
    /// <exception cref="XlsxFormatException">The sheet XML is damaged, or the sheet exceeds a row, column or text limit; the row (and column) at fault are given.</exception>
    public bool Read()
    {
        if (_finished)
            return false;
        try
        {
            if (_sheetDataDepth < 0 && !MoveToSheetData())
                return Finish();

            var reader = _xml.Reader;
            var more = reader.Read();
            while (more)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if ((object)reader.LocalName == _xml.Row && reader.Depth == _sheetDataDepth + 1)
                    {
                        ReadRow();
                        return true;
                    }

                    reader.Skip();
                    more = !reader.EOF;
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == _sheetDataDepth)
                {
                    return Finish();
                }
                else
                {
                    more = reader.Read();
                }
            }

            return Finish();
        }
        catch (XmlException ex)
        {
            throw _xml.Corrupt(ex.Message, ex, RowNumber > 0 ? RowNumber : null);
        }
    }

    /// <summary>The text of a cell in the current row by 0-based column index; empty when the cell is absent.</summary>
    public ReadOnlySpan<char> GetSpan(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        if (column >= ColumnCount)
            return default;
        ref readonly var cell = ref _cells[column];
        return cell.Value is { } value ? value.AsSpan() : _text.Slice(cell.Start, cell.Length);
    }

    /// <summary>The text of a cell as a string, created on first request and reused for the rest of the row.</summary>
    public string GetString(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        if (column >= ColumnCount)
            return "";
        ref var cell = ref _cells[column];
        return cell.Value ??= cell.Length == 0 ? "" : new string(_text.Slice(cell.Start, cell.Length));
    }

    /// <summary>True when the cell is absent, empty or only whitespace.</summary>
    public bool IsEmpty(int column) => GetSpan(column).IsWhiteSpace();

    public void Dispose() => _xml.Dispose();

    private bool Finish()
    {
        _finished = true;
        Array.Clear(_cells, 0, ColumnCount);
        ColumnCount = 0;
        return false;
    }

    private bool MoveToSheetData()
    {
        var reader = _xml.Reader;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && (object)reader.LocalName == _xml.SheetData)
            {
                _sheetDataDepth = reader.Depth;
                return !reader.IsEmptyElement;
            }
        }

        return false;
    }

    private void ReadRow()
    {
        var reader = _xml.Reader;
        if (++_rowsRead > _limits.MaxRows)
            throw TooLarge(XlsxLimit.Rows, $"The sheet has more than {_limits.MaxRows:N0} rows.", RowNumber + 1, null);

        Array.Clear(_cells, 0, ColumnCount);
        ColumnCount = 0;
        _text.Length = 0;
        _text.Limit = _limits.MaxRowCharacters;

        var rowNumber = RowNumber + 1;
        while (reader.MoveToNextAttribute())
        {
            if ((object)reader.LocalName == _xml.Run)
            {
                // A row number has at most ten digits; anything longer is refused before it is read whole.
                _text.Limit = 16;
                try
                {
                    _text.AppendValue(reader);
                }
                catch (TextLimitExceededException)
                {
                    throw _xml.Corrupt($"a row reference after row {RowNumber} is not a row number.", row: RowNumber + 1);
                }

                if (!int.TryParse(_text.Span(0), NumberStyles.None, CultureInfo.InvariantCulture, out rowNumber) || rowNumber < 1)
                    throw _xml.Corrupt($"row reference '{_text.Span(0)}' is not a row number.", row: RowNumber + 1);
                _text.Length = 0;
                _text.Limit = _limits.MaxRowCharacters;
            }
        }

        if (rowNumber > _limits.MaxRowNumber)
            throw TooLarge(XlsxLimit.RowNumber, $"Row number {rowNumber:N0} is beyond the limit of {_limits.MaxRowNumber:N0}.", rowNumber, null);
        RowNumber = rowNumber;
        reader.MoveToElement();
        if (reader.IsEmptyElement)
            return;

        var rowDepth = reader.Depth;
        var nextColumn = 0;
        reader.Read();
        while (reader.Depth > rowDepth)
        {
            if (reader.NodeType != XmlNodeType.Element)
                reader.Read();
            else if ((object)reader.LocalName == _xml.Cell)
                nextColumn = ReadCell(nextColumn) + 1;
            else
                reader.Skip();
        }
    }

    /// <summary>Reads the <c>&lt;c&gt;</c> element the reader is on into the row buffers and leaves the reader past it.</summary>
    /// <returns>The cell's column index.</returns>
    private int ReadCell(int column)
    {
        var start = _text.Length;
        // Text is refused as it streams in, so a million-character cell costs no more than one at the limit.
        _text.Limit = (int)Math.Min(_limits.MaxRowCharacters, (long)start + _limits.MaxCellCharacters);
        _cellColumn = column;
        try
        {
            return ReadCell(column, start);
        }
        catch (TextLimitExceededException)
        {
            return _text.Length - start > _limits.MaxCellCharacters
                ? throw TooLarge(XlsxLimit.CellCharacters, $"A cell in row {RowNumber} has more than {_limits.MaxCellCharacters:N0} characters.", RowNumber, _cellColumn)
                : throw TooLarge(XlsxLimit.RowCharacters, $"Row {RowNumber} has more than {_limits.MaxRowCharacters:N0} characters.", RowNumber, _cellColumn);
        }
    }

    private int ReadCell(int column, int start)
    {
        var reader = _xml.Reader;
        var type = CellType.Raw;
        while (reader.MoveToNextAttribute())
        {
            var name = reader.LocalName;
            if ((object)name == _xml.Run)
            {
                _text.AppendValue(reader);
                column = _cellColumn = ParseColumn(_text.Span(start));
                _text.Length = start;
            }
            else if ((object)name == _xml.Text)
            {
                _text.AppendValue(reader);
                type = _text.Span(start) switch
                {
                    "s" => CellType.SharedString,
                    "inlineStr" or "str" => CellType.String,
                    "b" => CellType.Boolean,
                    _ => CellType.Raw,
                };
                _text.Length = start;
            }
        }

        reader.MoveToElement();
        if (column >= _limits.MaxColumns)
            throw TooLarge(XlsxLimit.Columns, $"Row {RowNumber} has a cell beyond the limit of {_limits.MaxColumns:N0} columns.", RowNumber, null);
        if (column >= _cells.Length)
            Array.Resize(ref _cells, Math.Max(_cells.Length * 2, column + 1));

        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            var cellDepth = reader.Depth;
            reader.Read();
            while (reader.Depth > cellDepth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                    reader.Read();
                else if ((object)reader.LocalName == _xml.Value)
                    _text.AppendElementText(reader);
                else if ((object)reader.LocalName == _xml.InlineString)
                    _text.AppendStringItem(_xml);
                else
                    reader.Skip();
            }

            reader.Read();
        }

        ref var cell = ref _cells[column];
        cell = default;
        var length = _text.Length - start;
        if (length > 0)
        {
            switch (type)
            {
                case CellType.SharedString:
                    cell.Value = SharedString(_text.Span(start));
                    _text.Length = start;
                    break;
                case CellType.Boolean:
                    cell.Value = _text.Span(start) is "1" or "true" ? "1" : "0";
                    _text.Length = start;
                    break;
                case CellType.String:
                    cell.Start = start;
                    cell.Length = SpreadsheetText.DecodeEscapes(_text.Slice(start, length));
                    _text.Length = start + cell.Length;
                    break;
                default:
                    cell.Start = start;
                    cell.Length = length;
                    break;
            }
        }

        ColumnCount = Math.Max(ColumnCount, column + 1);
        return column;
    }

    private string SharedString(ReadOnlySpan<char> index)
    {
        if (!int.TryParse(index, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var i)
            || (uint)i >= (uint)_sharedStrings.Length)
        {
            throw _xml.Corrupt($"row {RowNumber} refers to shared string '{index}', which does not exist.", row: RowNumber);
        }

        return _sharedStrings[i];
    }

    /// <summary>The 0-based column of a cell reference such as <c>AB12</c>.</summary>
    private int ParseColumn(ReadOnlySpan<char> reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = (char)(c & ~0x20);
            if (upper is < 'A' or > 'Z')
                break;
            column = (column * 26) + (upper - 'A' + 1);
            letters++;
            if (column > _limits.MaxColumns)
                throw TooLarge(XlsxLimit.Columns, $"Cell '{reference}' is beyond the limit of {_limits.MaxColumns:N0} columns.", RowNumber, null);
        }

        if (letters == 0)
            throw _xml.Corrupt($"cell reference '{reference}' in row {RowNumber} has no column letters.", row: RowNumber);
        return column - 1;
    }

    private XlsxFormatException TooLarge(XlsxLimit limit, string message, int row, int? column) =>
        new(XlsxErrorKind.TooLarge, message, _xml.PartName) { Limit = limit, Row = row, Column = column };

    private struct Cell
    {
        /// <summary>The text when it already exists as a string (shared strings, booleans, or materialised); otherwise the buffer slice.</summary>
        public string? Value;
        public int Start;
        public int Length;
    }
}
