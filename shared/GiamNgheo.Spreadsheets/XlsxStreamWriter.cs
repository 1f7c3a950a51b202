using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace GiamNgheo.Spreadsheets;

/// <summary>Writes an .xlsx workbook row by row straight into a zip stream, one sheet at a time, holding no rows in memory.</summary>
/// <remarks>
/// Text that repeats down a column (codes, names, classes) goes once into the workbook's shared-string table and each
/// cell holds its number, as Excel itself writes it; text that does not (keys, explanations) is written inline, so the
/// table, the one thing held until the end, stays small and bounded (<see cref="SharedStringLimit"/>). A column's values
/// are shared while they repeat: after the first <see cref="SharingSample"/> text cells of a column in a sheet, a column
/// more than a quarter of whose values were new is written inline from then on. Sharing makes the sheet XML of the
/// Power BI household fact about a quarter shorter and its writing faster (docs/benchmarks.md, "The Power BI household fact").
/// The output stream need not be seekable. Not thread-safe.
/// A sheet is written as UTF-8 bytes straight into one buffer in front of the deflate stream: markup as byte literals,
/// numbers formatted into bytes, text transcoded once per verbatim run; through a <see cref="StreamWriter"/>, formatting
/// the sheet XML of a large extract cost several times its deflating (docs/benchmarks.md, "The Power BI household fact").
/// </remarks>
public sealed partial class XlsxStreamWriter : IDisposable
{
    /// <summary>Excel refuses to open sheets with more rows than this.</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>Excel refuses to open sheets with more columns than this (XFD).</summary>
    public const int MaxColumns = 16_384;

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private const string TableStyle = "TableStyleMedium2";

    // Bytes of sheet XML gathered before each write to the deflate stream, so that it is called rarely.
    private const int BufferSize = 1 << 17;

    /// <summary>At most this many distinct texts are shared in a workbook; later new texts are written inline.</summary>
    /// <remarks>With <see cref="SharedCharacterLimit"/> it bounds the memory the table holds to a few tens of MB, and keeps
    /// the workbook well inside what readers accept (this project's own reader takes 4,000,000).</remarks>
    public const int SharedStringLimit = 1 << 18;

    /// <summary>At most this many UTF-16 characters of shared text in a workbook.</summary>
    public const int SharedCharacterLimit = 1 << 23;

    /// <summary>Text cells of a column seen before deciding whether its values repeat enough to share.</summary>
    public const int SharingSample = 1_024;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly SearchValues<char> InvalidSheetNameChars = SearchValues.Create("[]:*?/\\");

    private readonly ZipArchive _archive;
    private readonly List<SheetPart> _sheets = [];
    private readonly HashSet<string> _sheetNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _tableNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<byte[]> _columnReferences = [];
    private readonly byte[] _rowNumber = new byte[16];
    private readonly Dictionary<string, int> _sharedIndex = new(StringComparer.Ordinal);
    private readonly List<string> _sharedStrings = [];
    private ColumnSharing[] _sharing = [];
    private long _sharedCharacters;
    private long _sharedReferences;
    private byte[] _buffer = [];
    private int _buffered;
    private Stream? _sheet;
    private int _rowCount;
    private int _rowNumberLength;
    private string[]? _header;
    private bool _disposed;

    /// <summary>Starts a workbook on <paramref name="output"/>; it is complete once the writer is disposed.</summary>
    public XlsxStreamWriter(Stream output, bool leaveOpen = false)
    {
        _archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen, Utf8NoBom);
    }

    /// <summary>Begins a new worksheet; the previous one must have been ended.</summary>
    /// <param name="name">Sheet tab name: at most 31 characters, none of <c>[]:*?/\</c>, unique in the workbook ignoring case.</param>
    /// <param name="columnWidths">Widths of the first columns as stored in the file, in characters including cell padding (0–255; Excel's dialog shows about 0.7 less).</param>
    /// <param name="freezeHeaderRow">Keep the first row visible while scrolling.</param>
    public void StartSheet(string name, IReadOnlyList<double>? columnWidths = null, bool freezeHeaderRow = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_sheet is not null)
            throw new InvalidOperationException($"Sheet '{_sheets[^1].Name}' is still open; call EndSheet first.");
        ValidateSheetName(name);
        if (columnWidths is not null)
        {
            foreach (var width in columnWidths)
            {
                if (!(width is >= 0 and <= 255))
                    throw new ArgumentOutOfRangeException(nameof(columnWidths), width, "Column widths must be between 0 and 255.");
            }
        }

        var part = new SheetPart(name, _sheets.Count + 1);
        _sheets.Add(part);
        _sheetNames.Add(name);
        _rowCount = 0;
        _header = null;
        Array.Clear(_sharing);

        // Fastest: Optimal halves the file but deflates about six times slower (1.3 s instead of 0.2 s for 190 MB of sheet XML).
        var entry = _archive.CreateEntry(part.Path, CompressionLevel.Fastest);
        _sheet = entry.Open();
        if (_buffer.Length == 0)
            _buffer = new byte[BufferSize];
        Put(XmlDeclaration);
        Put($"<worksheet xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipNamespace}\">");
        Put(part.Number == 1 ? "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">" : "<sheetViews><sheetView workbookViewId=\"0\">");
        if (freezeHeaderRow)
            Put("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>");
        Put("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
        if (columnWidths is { Count: > 0 })
        {
            Put("<cols>");
            for (var i = 0; i < columnWidths.Count; i++)
                Put(string.Create(CultureInfo.InvariantCulture, $"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{columnWidths[i]}\" customWidth=\"1\"/>"));
            Put("</cols>");
        }

        Put("<sheetData>"u8);
    }

    /// <summary>Writes the first row of the sheet as bold column titles; a table made by <see cref="EndSheet"/> takes its column names from here.</summary>
    /// <remarks>
    /// Titles are made valid as table column names before being written, so cell and column name always agree:
    /// characters XML cannot carry and line breaks are replaced, blanks become <c>ColumnN</c>, repeats get a number suffix.
    /// </remarks>
    public void WriteHeaderRow(IEnumerable<string> names)
    {
        RequireOpenSheet();
        if (_rowCount != 0)
            throw new InvalidOperationException("The header row must be the first row of the sheet.");

        var header = MakeColumnNames(names);
        if (header.Length > MaxColumns)
            throw new ArgumentException($"A sheet holds at most {MaxColumns} columns.", nameof(names));

        StartRow();
        for (var i = 0; i < header.Length; i++)
        {
            WriteCellStart(i, i - 1);
            WriteInlineString(header[i], bold: true);
        }

        Put("</row>"u8);
        _header = header;
    }

    /// <summary>Writes the next row; cell <c>i</c> goes to column <c>i</c>, and <see cref="XlsxCell.Empty"/> cells are left out.</summary>
    public void WriteRow(params ReadOnlySpan<XlsxCell> cells)
    {
        RequireOpenSheet();
        if (cells.Length > MaxColumns)
            throw new ArgumentException($"A sheet holds at most {MaxColumns} columns.", nameof(cells));

        StartRow();
        var previous = -1;
        for (var i = 0; i < cells.Length; i++)
        {
            ref readonly var cell = ref cells[i];
            if (cell.Kind == XlsxCellKind.Empty)
                continue;

            WriteCellStart(i, previous);
            previous = i;
            switch (cell.Kind)
            {
                case XlsxCellKind.Text:
                    if (TryShare(i, cell.TextValue, out var shared))
                    {
                        Put(" t=\"s\"><v>"u8);
                        PutNumber(shared, default);
                        Put("</v></c>"u8);
                    }
                    else
                    {
                        WriteInlineString(cell.TextValue, bold: false);
                    }

                    continue;
                case XlsxCellKind.Boolean:
                    Put(cell.IntegerValue == 0 ? " t=\"b\"><v>0</v></c>"u8 : " t=\"b\"><v>1</v></c>"u8);
                    continue;
                case XlsxCellKind.Date:
                    Put(" s=\"2\"><v>"u8);
                    PutNumber(cell.IntegerValue, default);
                    break;
                case XlsxCellKind.Integer:
                    Put("><v>"u8);
                    PutNumber(cell.IntegerValue, default);
                    break;
                case XlsxCellKind.Decimal:
                    Put("><v>"u8);
                    PutNumber(cell.DecimalValue, default);
                    break;
                default:
                    Put("><v>"u8);
                    PutDouble(cell.DoubleValue);
                    break;
            }

            Put("</v></c>"u8);
        }

        Put("</row>"u8);
    }

    /// <summary>Finishes the open sheet, optionally turning the header row and all rows below it into a named Excel table.</summary>
    /// <param name="tableName">
    /// Table name (letters, digits, <c>_</c> and <c>.</c>, starting with a letter or <c>_</c>, not a cell reference, unique in the workbook).
    /// Power BI imports named tables, so extracts meant for it should pass one. Requires <see cref="WriteHeaderRow"/> to have been called.
    /// </param>
    public void EndSheet(string? tableName = null)
    {
        RequireOpenSheet();
        var part = _sheets[^1];
        if (tableName is not null)
        {
            ValidateTableName(tableName);
            if (_header is not { Length: > 0 })
                throw new InvalidOperationException("A table needs a header row written with WriteHeaderRow.");
        }

        Put("</sheetData>"u8);
        if (tableName is not null)
            Put("<tableParts count=\"1\"><tablePart r:id=\"rId1\"/></tableParts>"u8);
        Put("</worksheet>"u8);
        FlushBuffer();
        _sheet!.Dispose();
        _sheet = null;

        if (tableName is not null)
        {
            _tableNames.Add(tableName);
            part.TableNumber = _tableNames.Count;
            WriteTable(part.TableNumber, tableName, _header!);
            WritePart(
                $"xl/worksheets/_rels/sheet{part.Number}.xml.rels",
                $"<Relationships xmlns=\"{PackageRelationshipNamespace}\"><Relationship Id=\"rId1\" Type=\"{RelationshipNamespace}/table\" Target=\"../tables/table{part.TableNumber}.xml\"/></Relationships>");
        }
    }

    /// <summary>Ends any open sheet, writes the workbook-level parts and closes the package (and the stream unless <c>leaveOpen</c>).</summary>
    /// <remarks>A workbook with no sheet gets an empty <c>Sheet1</c>, because Excel refuses one without sheets.</remarks>
    public void Dispose()
    {
        if (_disposed)
            return;

        try
        {
            if (_sheet is not null)
                EndSheet();
            if (_sheets.Count == 0)
            {
                StartSheet("Sheet1");
                EndSheet();
            }

            WriteWorkbookParts();
        }
        finally
        {
            _disposed = true;
            _archive.Dispose();
        }
    }

    /// <summary>The shared-string index of <paramref name="text"/> in column <paramref name="column"/>, adding it to the
    /// table when the column is still shared and the table has room; false when the text is to be written inline.</summary>
    private bool TryShare(int column, string text, out int index)
    {
        if (_sharing.Length <= column)
            Array.Resize(ref _sharing, Math.Max(column + 1, _sharing.Length * 2));
        ref var state = ref _sharing[column];
        index = 0;
        if (state.Inline)
            return false;

        // Values that stay the same for a run of rows (a commune's code and name) are usually the same string object.
        if (ReferenceEquals(text, state.Last))
        {
            index = state.LastIndex;
        }
        else if (!_sharedIndex.TryGetValue(text, out index))
        {
            if (_sharedStrings.Count == SharedStringLimit || _sharedCharacters + text.Length > SharedCharacterLimit)
                return false;
            index = _sharedStrings.Count;
            _sharedIndex.Add(text, index);
            _sharedStrings.Add(text);
            _sharedCharacters += text.Length;
            state.New++;
        }

        if (++state.Seen == SharingSample)
            state.Inline = state.New * 4 > SharingSample;
        state.Last = text;
        state.LastIndex = index;
        _sharedReferences++;
        return true;
    }

    private void RequireOpenSheet()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_sheet is null)
            throw new InvalidOperationException("No sheet is open; call StartSheet first.");
    }

    private void StartRow()
    {
        if (_rowCount == MaxRows)
            throw new InvalidOperationException($"A sheet holds at most {MaxRows:N0} rows.");
        _rowCount++;
        _rowCount.TryFormat(_rowNumber, out _rowNumberLength, default, CultureInfo.InvariantCulture);
        Put("<row r=\""u8);
        Put(_rowNumber.AsSpan(0, _rowNumberLength));
        Put("\">"u8);
    }

    /// <summary>Writes <c>&lt;c</c>, with a reference such as <c>r="B7"</c> only after a left-out cell, leaving the tag open
    /// for the type and style attributes.</summary>
    /// <remarks>A cell without a reference is the one after the previous cell of its row (ECMA-376 §18.3.1.4); leaving the
    /// references out halves the sheet XML of a dense extract and the time spent deflating it (docs/benchmarks.md).</remarks>
    private void WriteCellStart(int column, int previous)
    {
        if (column == previous + 1)
        {
            Put("<c"u8);
            return;
        }

        while (_columnReferences.Count <= column)
            _columnReferences.Add(Utf8NoBom.GetBytes($"<c r=\"{XlsxSheetReader.ColumnLetter(_columnReferences.Count)}"));
        Put(_columnReferences[column]);
        Put(_rowNumber.AsSpan(0, _rowNumberLength));
        Put("\""u8);
    }

    private void WriteInlineString(string text, bool bold)
    {
        if (SpreadsheetText.HasOuterWhitespace(text))
            Put(bold ? " s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"u8 : " t=\"inlineStr\"><is><t xml:space=\"preserve\">"u8);
        else
            Put(bold ? " s=\"1\" t=\"inlineStr\"><is><t>"u8 : " t=\"inlineStr\"><is><t>"u8);
        // Most values need no escaping; they skip the run enumeration.
        if (SpreadsheetText.NeedsNoEscaping(text))
        {
            Put(text);
        }
        else
        {
            foreach (var run in SpreadsheetText.Escape(text, attribute: false))
            {
                Put(run.Verbatim);
                if (run.Replacement is not null)
                    Put(run.Replacement);
            }
        }

        Put("</t></is></c>"u8);
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _buffered)
        {
            FlushBuffer();
            if (bytes.Length > _buffer.Length)
            {
                _sheet!.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += bytes.Length;
    }

    /// <summary>Transcodes to UTF-8 into the buffer, flushing it as often as the text needs.</summary>
    private void Put(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var status = Utf8.FromUtf16(text, _buffer.AsSpan(_buffered), out var read, out var written);
            _buffered += written;
            if (status != OperationStatus.DestinationTooSmall)
                return;
            text = text[read..];
            FlushBuffer();
        }
    }

    private void PutNumber<T>(T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        // 64 bytes hold any long, decimal or round-trip double.
        if (_buffer.Length - _buffered < 64)
            FlushBuffer();
        value.TryFormat(_buffer.AsSpan(_buffered), out var written, format, CultureInfo.InvariantCulture);
        _buffered += written;
    }

    /// <summary>A double as its shortest round-trip text; whole values (amounts of money, thresholds) take the integer
    /// formatter, which writes the same digits several times faster.</summary>
    private void PutDouble(double value)
    {
        // Below 10^15 the round-trip format writes a whole value as plain digits, exactly as the integer formatter does.
        const double plainDigits = 1e15;
        if (Math.Abs(value) < plainDigits && value == Math.Floor(value) && !(value == 0 && double.IsNegative(value)))
            PutNumber((long)value, default);
        else
            PutNumber(value, "R");
    }

    private void FlushBuffer()
    {
        _sheet!.Write(_buffer, 0, _buffered);
        _buffered = 0;
    }

    private static string[] MakeColumnNames(IEnumerable<string> names)
    {
        var result = new List<string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in names)
        {
            // Table column names are single-line; a line break would make the cell and the column name differ.
            var name = SpreadsheetText.RemoveInvalidXmlChars(raw ?? "").ReplaceLineEndings(" ").Replace('\t', ' ').Trim();
            if (name.Length == 0)
                name = $"Column{result.Count + 1}";
            var unique = name;
            for (var suffix = 2; !used.Add(unique); suffix++)
                unique = $"{name}{suffix}";
            result.Add(unique);
        }

        return [.. result];
    }

    private void ValidateSheetName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 31)
            throw new ArgumentException($"Sheet name '{name}' is longer than 31 characters.", nameof(name));
        if (name.AsSpan().ContainsAny(InvalidSheetNameChars) || name.Any(char.IsControl))
            throw new ArgumentException($"Sheet name '{name}' contains a character Excel does not allow ([]:*?/\\ or a control character).", nameof(name));
        if (name.StartsWith('\'') || name.EndsWith('\''))
            throw new ArgumentException($"Sheet name '{name}' may not begin or end with an apostrophe.", nameof(name));
        if (name.Equals("History", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("Excel reserves the sheet name 'History'.", nameof(name));
        if (_sheetNames.Contains(name))
            throw new ArgumentException($"The workbook already has a sheet named '{name}'.", nameof(name));
    }

    private void ValidateTableName(string name)
    {
        if (name.Length is 0 or > 255 || !TableNamePattern().IsMatch(name) || CellReferencePattern().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a valid Excel table name.", nameof(name));
        if (_tableNames.Contains(name))
            throw new ArgumentException($"The workbook already has a table named '{name}'.", nameof(name));
    }

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}_.]*$")]
    private static partial Regex TableNamePattern();

    // Names Excel would read as an A1 or R1C1 reference.
    [GeneratedRegex(@"^([A-Za-z]{1,3}[0-9]+|[RrCc]|[Rr][0-9]*[Cc][0-9]*|[Rr][0-9]+|[Cc][0-9]+)$")]
    private static partial Regex CellReferencePattern();

    private void WriteTable(int number, string name, string[] header)
    {
        // A table needs at least one data row; Excel itself adds a blank one under a lone header.
        var lastRow = Math.Max(_rowCount, 2);
        var range = $"A1:{XlsxSheetReader.ColumnLetter(header.Length - 1)}{lastRow}";
        var xml = new StringWriter(CultureInfo.InvariantCulture);
        xml.Write($"<table xmlns=\"{MainNamespace}\" id=\"{number}\" name=\"{name}\" displayName=\"{name}\" ref=\"{range}\" totalsRowShown=\"0\">");
        xml.Write($"<autoFilter ref=\"{range}\"/><tableColumns count=\"{header.Length}\">");
        for (var i = 0; i < header.Length; i++)
        {
            xml.Write($"<tableColumn id=\"{i + 1}\" name=\"");
            SpreadsheetText.WriteEscaped(xml, header[i], attribute: true);
            xml.Write("\"/>");
        }

        xml.Write($"</tableColumns><tableStyleInfo name=\"{TableStyle}\" showFirstColumn=\"0\" showLastColumn=\"0\" showRowStripes=\"1\" showColumnStripes=\"0\"/></table>");
        WritePart($"xl/tables/table{number}.xml", xml.ToString());
    }

    private void WriteWorkbookParts()
    {
        var workbook = new StringWriter(CultureInfo.InvariantCulture);
        workbook.Write($"<workbook xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipNamespace}\"><bookViews><workbookView/></bookViews><sheets>");
        foreach (var sheet in _sheets)
        {
            workbook.Write("<sheet name=\"");
            SpreadsheetText.WriteEscaped(workbook, sheet.Name, attribute: true);
            workbook.Write($"\" sheetId=\"{sheet.Number}\" r:id=\"rId{sheet.Number}\"/>");
        }

        workbook.Write("</sheets></workbook>");
        WritePart("xl/workbook.xml", workbook.ToString());

        var rels = new StringWriter(CultureInfo.InvariantCulture);
        rels.Write($"<Relationships xmlns=\"{PackageRelationshipNamespace}\">");
        foreach (var sheet in _sheets)
            rels.Write($"<Relationship Id=\"rId{sheet.Number}\" Type=\"{RelationshipNamespace}/worksheet\" Target=\"worksheets/sheet{sheet.Number}.xml\"/>");
        rels.Write($"<Relationship Id=\"rId{_sheets.Count + 1}\" Type=\"{RelationshipNamespace}/styles\" Target=\"styles.xml\"/>");
        if (_sharedStrings.Count > 0)
            rels.Write($"<Relationship Id=\"rId{_sheets.Count + 2}\" Type=\"{RelationshipNamespace}/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        rels.Write("</Relationships>");
        WritePart("xl/_rels/workbook.xml.rels", rels.ToString());

        WritePart("xl/styles.xml", Styles);
        if (_sharedStrings.Count > 0)
            WriteSharedStrings();
        WritePart(
            "_rels/.rels",
            $"<Relationships xmlns=\"{PackageRelationshipNamespace}\"><Relationship Id=\"rId1\" Type=\"{RelationshipNamespace}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");

        const string spreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml";
        var types = new StringWriter(CultureInfo.InvariantCulture);
        types.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
        types.Write("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
        types.Write("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
        types.Write($"<Override PartName=\"/xl/workbook.xml\" ContentType=\"{spreadsheetMl}.sheet.main+xml\"/>");
        types.Write($"<Override PartName=\"/xl/styles.xml\" ContentType=\"{spreadsheetMl}.styles+xml\"/>");
        if (_sharedStrings.Count > 0)
            types.Write($"<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"{spreadsheetMl}.sharedStrings+xml\"/>");
        foreach (var sheet in _sheets)
        {
            types.Write($"<Override PartName=\"/{sheet.Path}\" ContentType=\"{spreadsheetMl}.worksheet+xml\"/>");
            if (sheet.TableNumber > 0)
                types.Write($"<Override PartName=\"/xl/tables/table{sheet.TableNumber}.xml\" ContentType=\"{spreadsheetMl}.table+xml\"/>");
        }

        types.Write("</Types>");
        WritePart("[Content_Types].xml", types.ToString());
    }

    // cellXfs: 0 default, 1 bold (header), 2 ISO date; the cell writers refer to them as s="1" and s="2".
    private const string Styles =
        $"<styleSheet xmlns=\"{MainNamespace}\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + $"<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"{TableStyle}\" defaultPivotStyle=\"PivotStyleLight16\"/>"
        + "</styleSheet>";

    private void WriteSharedStrings()
    {
        using var writer = new StreamWriter(_archive.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open(), Utf8NoBom, BufferSize);
        writer.Write(XmlDeclaration);
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"<sst xmlns=\"{MainNamespace}\" count=\"{_sharedReferences}\" uniqueCount=\"{_sharedStrings.Count}\">"));
        foreach (var text in _sharedStrings)
        {
            writer.Write(SpreadsheetText.HasOuterWhitespace(text) ? "<si><t xml:space=\"preserve\">" : "<si><t>");
            SpreadsheetText.WriteEscaped(writer, text, attribute: false);
            writer.Write("</t></si>");
        }

        writer.Write("</sst>");
    }

    private void WritePart(string path, string xml)
    {
        using var writer = new StreamWriter(_archive.CreateEntry(path, CompressionLevel.Fastest).Open(), Utf8NoBom);
        writer.Write(XmlDeclaration);
        writer.Write(xml);
    }

    /// <summary>What a sheet has seen of one column's text so far, to decide whether its values are shared.</summary>
    private struct ColumnSharing
    {
        public int Seen;
        public int New;
        public bool Inline;
        public string? Last;
        public int LastIndex;
    }

    private sealed class SheetPart(string name, int number)
    {
        public string Name { get; } = name;
        public int Number { get; } = number;
        public string Path => $"xl/worksheets/sheet{Number}.xml";
        public int TableNumber { get; set; }
    }
}
