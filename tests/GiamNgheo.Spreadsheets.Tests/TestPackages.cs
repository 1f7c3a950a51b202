using System.IO.Compression;
using System.Text;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Spreadsheets.Tests;

/// <summary>Builds small packages part by part, for reader cases no spreadsheet tool would write on demand.</summary>
internal static class TestPackages
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static MemoryStream Zip(params (string Path, string Content)[] parts)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>A one-sheet workbook named "Data" whose sheet XML is <c>&lt;sheetData&gt;</c> + <paramref name="sheetData"/> + <c>&lt;/sheetData&gt;</c>.</summary>
    public static MemoryStream Workbook(string sheetData, string? sharedStrings = null)
    {
        var parts = new List<(string, string)>
        {
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("_rels/.rels", PackageRels("xl/workbook.xml")),
            ("xl/workbook.xml", WorkbookXml(("Data", "rId1"))),
            ("xl/_rels/workbook.xml.rels", Rels(("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "sharedStrings", "sharedStrings.xml"))),
            ("xl/worksheets/sheet1.xml", SheetXml(sheetData)),
        };
        if (sharedStrings is not null)
            parts.Add(("xl/sharedStrings.xml", $"<sst xmlns=\"{Main}\">{sharedStrings}</sst>"));
        return Zip([.. parts]);
    }

    public static string SheetXml(string sheetData) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><dimension ref=\"A1\"/><sheetData>{sheetData}</sheetData></worksheet>";

    public static string WorkbookXml(params (string Name, string Id)[] sheets) =>
        $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets>"
        + string.Concat(sheets.Select((s, i) => $"<sheet name=\"{s.Name}\" sheetId=\"{i + 1}\" r:id=\"{s.Id}\"/>"))
        + "</sheets></workbook>";

    public static string PackageRels(string workbookTarget) =>
        $"<Relationships xmlns=\"{PackageRelationships}\"><Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"{workbookTarget}\"/></Relationships>";

    public static string Rels(params (string Id, string Type, string Target)[] relationships) =>
        $"<Relationships xmlns=\"{PackageRelationships}\">"
        + string.Concat(relationships.Select(r => $"<Relationship Id=\"{r.Id}\" Type=\"{Relationships}/{r.Type}\" Target=\"{r.Target}\"/>"))
        + "</Relationships>";

    /// <summary>Every row of the first sheet as its cells' strings, up to the row's column count.</summary>
    public static List<string[]> ReadAll(Stream package, string? sheet = null, XlsxReadLimits? limits = null)
    {
        using var workbook = XlsxWorkbookReader.Open(package, limits);
        using var reader = workbook.OpenSheet(sheet ?? workbook.SheetNames[0]) ?? throw new InvalidOperationException("sheet missing");
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.ColumnCount).Select(reader.GetString)]);
        return rows;
    }
}
