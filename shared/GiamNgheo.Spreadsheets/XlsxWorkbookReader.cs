using System.IO.Compression;
using System.Xml;

namespace GiamNgheo.Spreadsheets;

/// <summary>Opens an .xlsx package for streaming: finds its worksheets and loads the shared-string table, leaving rows to <see cref="XlsxSheetReader"/>.</summary>
/// <remarks>
/// Several sheets may be open at once and read alternately (each zip entry stream seeks the shared package
/// stream before it reads), but only from one thread at a time. Dispose the sheet readers before the workbook.
/// </remarks>
public sealed class XlsxWorkbookReader : IDisposable
{
    private static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly XlsxReadLimits _limits;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string Part)> _sheets = [];
    private ZipArchive? _archive;
    private string[] _sharedStrings = [];

    private XlsxWorkbookReader(Stream stream, bool ownsStream, XlsxReadLimits limits)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _limits = limits;
    }

    /// <summary>Names of the worksheets in workbook order (chart sheets, which hold no cells, are left out).</summary>
    public IReadOnlyList<string> SheetNames { get; private set; } = [];

    /// <summary>Opens a workbook from a readable, seekable stream (buffer a network or upload stream to a temporary file first).</summary>
    /// <param name="stream">The package; it is disposed with the reader, or on failure, unless <paramref name="leaveOpen"/>.</param>
    /// <param name="limits">Size limits; <see cref="XlsxReadLimits.Default"/> when null.</param>
    /// <param name="leaveOpen">Leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <exception cref="XlsxFormatException">The stream is not a readable .xlsx workbook within the limits.</exception>
    public static XlsxWorkbookReader Open(Stream stream, XlsxReadLimits? limits = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
            throw new ArgumentException("The workbook stream must be readable and seekable; buffer it to a temporary file first.", nameof(stream));

        var reader = new XlsxWorkbookReader(stream, !leaveOpen, limits ?? XlsxReadLimits.Default);
        try
        {
            reader.Load();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Opens the worksheet with the given name, compared ignoring case and surrounding spaces; null when there is none.</summary>
    /// <exception cref="XlsxFormatException">The sheet's part is missing, damaged or over the limits.</exception>
    public XlsxSheetReader? OpenSheet(string name)
    {
        ObjectDisposedException.ThrowIf(_archive is null, this);
        var wanted = name.Trim();
        foreach (var (sheetName, part) in _sheets)
        {
            if (sheetName.Trim().Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                var xml = OpenPart(part) ?? throw SpreadsheetXml.Corrupt(part, $"sheet '{sheetName}' points to a part that does not exist.");
                return new XlsxSheetReader(xml, _sharedStrings, _limits);
            }
        }

        return null;
    }

    public void Dispose()
    {
        _archive?.Dispose();
        _archive = null;
        if (_ownsStream)
            _stream.Dispose();
    }

    private void Load()
    {
        if (_stream.Length > _limits.MaxPackageBytes)
            throw new XlsxFormatException(XlsxErrorKind.TooLarge, $"The file is {_stream.Length:N0} bytes, over the limit of {_limits.MaxPackageBytes:N0}.") { Limit = XlsxLimit.PackageBytes };

        _stream.Position = 0;
        Span<byte> head = stackalloc byte[CompoundFileSignature.Length];
        var headLength = _stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (head[..headLength].SequenceEqual(CompoundFileSignature))
            throw new XlsxFormatException(XlsxErrorKind.Encrypted, "The file is an OLE compound document: a legacy .xls workbook or a password-protected .xlsx.");
        if (headLength < 4 || head[0] != (byte)'P' || head[1] != (byte)'K')
            throw new XlsxFormatException(XlsxErrorKind.NotAZipPackage, "The file is not a zip package, so it cannot be an .xlsx workbook.");

        CheckEntryCount(_stream, _limits);
        _stream.Position = 0;
        try
        {
            _archive = new ZipArchive(_stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in _archive.Entries)
                _entries.TryAdd(PackagePath.Normalize(entry.FullName), entry);
        }
        catch (InvalidDataException ex)
        {
            throw new XlsxFormatException(XlsxErrorKind.Corrupt, $"The zip package is damaged: {ex.Message}", innerException: ex);
        }

        var workbookPart = FindWorkbookPart();
        var relationships = ReadRelationships(workbookPart);
        foreach (var (name, relationshipId) in ReadSheetList(workbookPart))
        {
            if (!relationships.TryGetValue(relationshipId, out var relationship))
                throw SpreadsheetXml.Corrupt(PackagePath.RelationshipsFor(workbookPart), $"no relationship '{relationshipId}' for sheet '{name}'.");
            if (relationship.Type.EndsWith("/worksheet", StringComparison.Ordinal))
                _sheets.Add((name, relationship.Part));
        }

        SheetNames = _sheets.ConvertAll(s => s.Name);

        var sharedStrings = relationships.Values.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Part;
        LoadSharedStrings(sharedStrings ?? "xl/sharedStrings.xml");
    }

    /// <summary>Refuses a package that declares more entries than <see cref="XlsxReadLimits.MaxPackageEntries"/>, before any is read.</summary>
    /// <exception cref="XlsxFormatException">The package declares too many entries.</exception>
    public static void CheckEntryCount(Stream package, XlsxReadLimits limits)
    {
        if (ZipDirectory.DeclaredEntryCount(package) is { } count && count > limits.MaxPackageEntries)
        {
            throw new XlsxFormatException(XlsxErrorKind.TooLarge, $"The zip package declares {count:N0} entries, over the limit of {limits.MaxPackageEntries:N0}.")
            {
                Limit = XlsxLimit.PackageEntries,
            };
        }
    }

    private string FindWorkbookPart()
    {
        var workbookPart = ReadRelationships("")
            .Values
            .FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal))
            .Part ?? "xl/workbook.xml";

        if (!_entries.ContainsKey(workbookPart))
            throw new XlsxFormatException(XlsxErrorKind.NotAWorkbook, "The zip package has no workbook part (xl/workbook.xml); it is not an .xlsx file.", workbookPart);
        if (workbookPart.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
            throw new XlsxFormatException(XlsxErrorKind.NotAWorkbook, "The workbook is in the binary .xlsb format, which is not supported.", workbookPart);
        return workbookPart;
    }

    private List<(string Name, string RelationshipId)> ReadSheetList(string workbookPart)
    {
        var sheets = new List<(string, string)>();
        using var xml = OpenPart(workbookPart)!;
        Parse(xml, reader =>
        {
            reader.MoveToContent();
            if (reader.LocalName != "workbook")
                throw new XlsxFormatException(XlsxErrorKind.NotAWorkbook, $"The main part is a <{reader.LocalName}>, not a workbook; it is not an .xlsx file.", workbookPart);

            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "sheet")
                    continue;
                var name = reader.GetAttribute("name");
                var id = RelationshipIdOf(reader);
                if (name is null || id is null)
                    throw xml.Corrupt("a <sheet> lacks its name or r:id.");
                sheets.Add((SpreadsheetText.DecodeEscapes(name), id));
            }
        });
        return sheets;
    }

    private static string? RelationshipIdOf(XmlReader reader)
    {
        // r:id lives in the relationships namespace, whose URI differs between transitional and strict files.
        while (reader.MoveToNextAttribute())
        {
            if (reader.LocalName == "id" && reader.NamespaceURI.EndsWith("/relationships", StringComparison.Ordinal))
                return reader.Value;
        }

        return null;
    }

    /// <summary>Relationships of <paramref name="sourcePart"/> ("" for the package) by id, with targets resolved to part names.</summary>
    private Dictionary<string, (string Type, string Part)> ReadRelationships(string sourcePart)
    {
        var relationships = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        using var xml = OpenPart(PackagePath.RelationshipsFor(sourcePart));
        if (xml is null)
            return relationships;

        Parse(xml, reader =>
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship" || reader.GetAttribute("TargetMode") == "External")
                    continue;
                var id = reader.GetAttribute("Id");
                var type = reader.GetAttribute("Type");
                var target = reader.GetAttribute("Target");
                if (id is null || type is null || target is null)
                    throw xml.Corrupt("a <Relationship> lacks its Id, Type or Target.");
                relationships.TryAdd(id, (type, PackagePath.Resolve(sourcePart, target)));
            }
        });
        return relationships;
    }

    private void LoadSharedStrings(string part)
    {
        using var xml = OpenPart(part);
        if (xml is null)
            return;

        var strings = new List<string>();
        long characters = 0;
        // One string is a cell's text, so it is held to the cell limit as it streams in: a 200-million-character
        // string is refused after reading 32,767 characters of it.
        var text = new TextBuffer { Limit = _limits.MaxCellCharacters };
        Parse(xml, reader =>
        {
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element || (object)reader.LocalName != xml.StringItem)
                {
                    reader.Read();
                    continue;
                }

                text.Length = 0;
                try
                {
                    text.AppendStringItem(xml);
                }
                catch (TextLimitExceededException)
                {
                    throw new XlsxFormatException(
                        XlsxErrorKind.TooLarge,
                        $"Shared string {strings.Count:N0} has more than {_limits.MaxCellCharacters:N0} characters.",
                        part) { Limit = XlsxLimit.CellCharacters };
                }

                characters += text.Length;
                if (strings.Count == _limits.MaxSharedStrings || characters > _limits.MaxSharedStringCharacters)
                {
                    throw new XlsxFormatException(
                        XlsxErrorKind.TooLarge,
                        $"The shared-string table exceeds the limit of {_limits.MaxSharedStrings:N0} strings or {_limits.MaxSharedStringCharacters:N0} characters.",
                        part) { Limit = XlsxLimit.SharedStrings };
                }

                var decoded = SpreadsheetText.DecodeEscapes(text.Slice(0, text.Length));
                strings.Add(new string(text.Slice(0, decoded)));
            }
        });
        _sharedStrings = [.. strings];
    }

    /// <summary>An XML reader over a part, or null when the package has no such part.</summary>
    private SpreadsheetXml? OpenPart(string part)
    {
        if (!_entries.TryGetValue(part, out var entry))
            return null;
        // The header's size is only a claim, but when it already admits to being too big there is no point inflating.
        if (entry.Length > _limits.MaxPartBytes)
            throw PartReadStream.TooLarge(part, _limits.MaxPartBytes);

        var content = PartReadStream.Open(entry, part, _limits, _stream.Length);
        try
        {
            return SpreadsheetXml.Create(content, part);
        }
        catch (XmlException ex)
        {
            content.Dispose();
            throw SpreadsheetXml.Corrupt(part, ex.Message, ex);
        }
    }

    private static void Parse(SpreadsheetXml xml, Action<XmlReader> parse)
    {
        try
        {
            parse(xml.Reader);
        }
        catch (XmlException ex)
        {
            throw xml.Corrupt(ex.Message, ex);
        }
    }
}
