using System.Xml;

namespace GiamNgheo.Spreadsheets;

/// <summary>An <see cref="XmlReader"/> over one package part, with the element and attribute names the readers compare against.</summary>
/// <remarks>
/// Names are atomized in the reader's own table so that comparing them is a reference check, and matched by
/// local name only, which accepts both the transitional and the strict SpreadsheetML namespaces.
/// </remarks>
internal sealed class SpreadsheetXml : IDisposable
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        // Whitespace-only text is then reported only under xml:space="preserve", which is what that attribute means in <t>.
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private SpreadsheetXml(XmlReader reader, NameTable names, string partName)
    {
        Reader = reader;
        PartName = partName;
        Row = names.Add("row");
        Cell = names.Add("c");
        Value = names.Add("v");
        InlineString = names.Add("is");
        StringItem = names.Add("si");
        Text = names.Add("t");
        Run = names.Add("r");
        SheetData = names.Add("sheetData");
    }

    public XmlReader Reader { get; }

    public string PartName { get; }

    public string Row { get; }

    public string Cell { get; }

    public string Value { get; }

    public string InlineString { get; }

    public string StringItem { get; }

    /// <summary>Both the <c>&lt;t&gt;</c> element and the cell type attribute <c>t</c>.</summary>
    public string Text { get; }

    /// <summary>Both the rich-text run element <c>&lt;r&gt;</c> and the cell reference attribute <c>r</c>.</summary>
    public string Run { get; }

    public string SheetData { get; }

    public static SpreadsheetXml Create(Stream part, string partName)
    {
        var names = new NameTable();
        var settings = Settings.Clone();
        settings.NameTable = names;
        return new SpreadsheetXml(XmlReader.Create(part, settings), names, partName);
    }

    public XlsxFormatException Corrupt(string problem, Exception? inner = null, int? row = null) => Corrupt(PartName, problem, inner, row);

    public static XlsxFormatException Corrupt(string partName, string problem, Exception? inner = null, int? row = null) =>
        new(XlsxErrorKind.Corrupt, $"The part '{partName}' is malformed: {problem}", partName, inner) { Row = row };

    public void Dispose() => Reader.Dispose();
}
