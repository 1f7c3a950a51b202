using System.IO.Compression;
using System.Text;

namespace GiamNgheo.Testing;

/// <summary>Where a hostile file must be refused: at once by the upload's quick check, or as a rejected submission after scoring.</summary>
public enum RefusedAt
{
    /// <summary>The quick check (package, shared strings, <c>thong_tin</c>) refuses it: a 4xx answer to the upload.</summary>
    Upload,

    /// <summary>Only the full read finds it: the submission ends <c>rejected</c>.</summary>
    Scoring,
}

/// <summary>One malformed or hostile survey file and the located refusal it must end in.</summary>
/// <param name="Name">What the case is, in a few words (test display name).</param>
/// <param name="FileName">The name it is uploaded under; the extension may lie.</param>
/// <param name="Stage">Where it must be refused.</param>
/// <param name="Sheet">The sheet or CSV file the refusal must name (null: the file as a whole).</param>
/// <param name="Row">The row it must name, or null when it names none or the row is not exact (a decoding buffer).</param>
/// <param name="Column">The column (letter or CSV number) it must name, or null.</param>
/// <param name="IsBomb">A small file that inflates enormously; its cost of refusal is measured in the benchmarks.</param>
/// <param name="Build">Writes the file's bytes.</param>
public sealed record HostileCase(string Name, string FileName, RefusedAt Stage, string? Sheet, int? Row, string? Column, bool IsBomb, Func<byte[]> Build)
{
    public override string ToString() => Name;
}

/// <summary>A corpus of hostile survey files built on the fly (bombs are never committed): every case of issue 10 and more.</summary>
/// <remarks>Every file is a valid survey of <c>communeCode</c> apart from its one defect, so the defect alone decides the outcome.</remarks>
public static class HostileSurveys
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>The cases for a commune of a province in the 2025 review.</summary>
    public static IReadOnlyList<HostileCase> For(string provinceCode, string communeCode)
    {
        var info = new[] { "nam,ma_tinh,ma_xa,tong_so_ho,tong_so_nhan_khau", $"2025,{provinceCode},{communeCode},100,400" };
        string[] households = ["ma_ho,ho_ten_chu_ho,khu_vuc,so_nhan_khau,thu_nhap_binh_quan", "H01,Nguyễn Văn An,nong_thon,4,1200000", "H02,Trần Thị Bình,nong_thon,3,1400000"];
        string[] members = ["ma_ho,ho_ten,nam_sinh", "H02,Trần Thị Bình,1980", "H02,Trần Văn Em,2012", "H02,Trần Văn Phúc,1950"];
        var householdsWith = (string row) => string.Join('\n', households.Take(1).Append(row).Concat(households.Skip(2))) + "\n";
        var csv = (string[] lines) => string.Join('\n', lines) + "\n";

        byte[] CsvZip(Part ho, Part? thongTin = null) => Zip(
            thongTin ?? Text("thong_tin.csv", csv(info)),
            ho,
            Text("thanh_vien.csv", csv(members)));

        byte[] Xlsx(string hoRows, string? sharedStrings = null, bool missingHoPart = false) =>
            Workbook([("thong_tin", Rows(info)), ("ho", missingHoPart ? null : hoRows), ("thanh_vien", Rows(members))], sharedStrings);
        var hoHeader = Row(1, households[0].Split(','));
        var hoTail = Row(3, households[2].Split(','));
        string HoWith(string row2) => hoHeader + row2 + hoTail;
        string Cell(string reference, string text) => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";

        return
        [
            // The cases of issue 10.
            new("CSV: a stray quote inside a cell", "khao-sat.zip", RefusedAt.Scoring, "ho.csv", 2, "2", false,
                () => CsvZip(Text("ho.csv", householdsWith("H01,\"Nguyễn \"Văn\" An,nong_thon,4,1200000")))),
            new("CSV: a row over 64 KB", "khao-sat.zip", RefusedAt.Scoring, "ho.csv", 2, "2", false,
                () => CsvZip(Text("ho.csv", householdsWith($"H01,{new string('x', 70_000)},nong_thon,4,1200000")))),
            new("CSV: a 1,000,000-character quoted cell", "khao-sat.zip", RefusedAt.Scoring, "ho.csv", 2, "2", false,
                () => CsvZip(Text("ho.csv", householdsWith($"H01,\"{new string('x', 1_000_000)}\",nong_thon,4,1200000")))),
            new("CSV: a zip bomb in thong_tin.csv (1 GB of one endless row)", "khao-sat.zip", RefusedAt.Upload, "thong_tin.csv", 1, "1", true,
                () => CsvZip(Text("ho.csv", csv(households)), Repeated("thong_tin.csv", "", "0", 1L << 30))),
            new("CSV: 1.5 MB zip of newlines inflating to 1.5 GB", "khao-sat.zip", RefusedAt.Scoring, "ho.csv", null, null, true,
                () => CsvZip(Repeated("ho.csv", households[0] + "\n", "\n", 1_500L << 20))),
            new("xlsx: a text cell over 32,767 characters", "khao-sat.xlsx", RefusedAt.Scoring, "ho", 2, "B", false,
                () => Xlsx(HoWith($"<row r=\"2\">{Cell("A2", "H01")}{Cell("B2", new string('x', 40_000))}{Cell("C2", "nong_thon")}<c r=\"D2\"><v>4</v></c><c r=\"E2\"><v>1200000</v></c></row>"))),
            new("xlsx: a 1,000,000-character cell", "khao-sat.xlsx", RefusedAt.Scoring, "ho", 2, "B", false,
                () => Xlsx(HoWith($"<row r=\"2\">{Cell("A2", "H01")}{Cell("B2", new string('x', 1_000_000))}{Cell("C2", "nong_thon")}<c r=\"D2\"><v>4</v></c><c r=\"E2\"><v>1200000</v></c></row>"))),
            new("xlsx: the workbook lists a sheet whose part is missing", "khao-sat.xlsx", RefusedAt.Scoring, "ho", null, null, false,
                () => Xlsx("", missingHoPart: true)),
            new("xlsx: 205 KB holding one 200-million-character shared string", "khao-sat.xlsx", RefusedAt.Upload, null, null, null, true,
                () => SharedStringBomb(info, households, members, 200_000_000)),

            // Further cases.
            new("CSV: a quote opened and never closed", "khao-sat.zip", RefusedAt.Scoring, "ho.csv", 2, "2", false,
                () => CsvZip(Text("ho.csv", householdsWith("H01,\"Nguyễn Văn An,nong_thon,4,1200000")))),
            new("CSV: a cell over 32,767 characters in a row under 64 KB", "khao-sat.zip", RefusedAt.Scoring, "ho.csv", 2, "2", false,
                () => CsvZip(Text("ho.csv", householdsWith($"H01,{new string('x', 40_000)},nong_thon,4,1200000")))),
            new("CSV: a row with more columns than any Excel", "khao-sat.zip", RefusedAt.Scoring, "ho.csv", 2, "16385", false,
                () => CsvZip(Text("ho.csv", householdsWith("H01,Nguyễn Văn An,nong_thon,4,1200000" + new string(',', 20_000))))),
            new("CSV: saved in a legacy code page, not UTF-8", "khao-sat.zip", RefusedAt.Scoring, "ho.csv", null, null, false,
                () => CsvZip(new Part("ho.csv", s => s.Write([.. Utf8.GetBytes(households[0] + "\nH01,Tr"), 0xE2, .. "n Van An,nong_thon,4,1200000\n"u8])))),
            new("zip: 20,000 entries", "khao-sat.zip", RefusedAt.Upload, null, null, null, false,
                () => Zip([Text("thong_tin.csv", csv(info)), Text("ho.csv", csv(households)), .. Enumerable.Range(0, 20_000).Select(i => Text($"rac/{i}.txt", ""))])),
            new("zip: a bomb of 1 GB of valid-looking member rows", "khao-sat.zip", RefusedAt.Scoring, "thanh_vien.csv", null, null, true,
                () => Zip(Text("thong_tin.csv", csv(info)), Text("ho.csv", csv(households)), Repeated("thanh_vien.csv", members[0] + "\n", "H02,Trần Văn Em,2012\n", 1L << 30))),
            new("not a zip at all, named .xlsx", "khao-sat.xlsx", RefusedAt.Upload, null, null, null, false,
                () => "%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n"u8.ToArray()),
            new("an encrypted (OLE) file named .xlsx", "khao-sat.xlsx", RefusedAt.Upload, null, null, null, false,
                () => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]]),
            new("a zip cut in half", "khao-sat.xlsx", RefusedAt.Upload, null, null, null, false,
                () => FirstHalf(Xlsx(hoHeader + hoTail))),
            new("xlsx: an empty workbook", "khao-sat.xlsx", RefusedAt.Upload, null, null, null, false,
                () => Workbook([], null)),
            new("xlsx: a row number beyond 1,048,576", "khao-sat.xlsx", RefusedAt.Scoring, "ho", 2_000_000, null, false,
                () => Xlsx(HoWith($"<row r=\"2000000\">{Cell("A2000000", "H01")}</row>"))),
            new("xlsx: a cell beyond column XFD", "khao-sat.xlsx", RefusedAt.Scoring, "ho", 2, null, false,
                () => Xlsx(HoWith($"<row r=\"2\">{Cell("A2", "H01")}{Cell("XFE2", "x")}</row>"))),
            new("xlsx: malformed sheet XML", "khao-sat.xlsx", RefusedAt.Scoring, "ho", 2, null, false,
                () => Xlsx(HoWith("<row r=\"2\"><c r=\"A2\"><v>1</c></row>"))),
            new("xlsx: a shared string index that does not exist", "khao-sat.xlsx", RefusedAt.Scoring, "ho", 2, null, false,
                () => Xlsx(HoWith("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row>"), "<si><t>một</t></si>")),
            new("xlsx: a 100-million-character attribute", "khao-sat.xlsx", RefusedAt.Scoring, "ho", null, null, true,
                () => Workbook([("thong_tin", Rows(info)), ("ho", null), ("thanh_vien", Rows(members))], null,
                    Repeated("xl/worksheets/sheet2.xml", $"<worksheet xmlns=\"{Main}\"><sheetData>{hoHeader}<row r=\"2\"><c r=\"A2\" s=\"", "a", 100_000_000, "\"/></row></sheetData></worksheet>"))),
            new("xlsx: a sheet padded with 1.5 GB of whitespace", "khao-sat.xlsx", RefusedAt.Scoring, "ho", null, null, true,
                () => Workbook([("thong_tin", Rows(info)), ("ho", null), ("thanh_vien", Rows(members))], null,
                    Repeated("xl/worksheets/sheet2.xml", $"<worksheet xmlns=\"{Main}\"><sheetData>{hoHeader}", " ", 1_500L << 20, "</sheetData></worksheet>"))),
        ];
    }

    private static byte[] FirstHalf(byte[] bytes) => bytes[..(bytes.Length / 2)];

    /// <summary>A zip entry and how to write its content.</summary>
    private sealed record Part(string Name, Action<Stream> Write);

    private static Part Text(string name, string content) => new(name, s => s.Write(Utf8.GetBytes(content)));

    /// <summary>An entry of <paramref name="head"/>, then <paramref name="unit"/> until about <paramref name="bytes"/>, then <paramref name="tail"/>: a bomb when large.</summary>
    private static Part Repeated(string name, string head, string unit, long bytes, string tail = "") => new(name, s =>
    {
        s.Write(Utf8.GetBytes(head));
        var block = Utf8.GetBytes(string.Concat(Enumerable.Repeat(unit, Math.Max(1, (1 << 20) / Utf8.GetByteCount(unit)))));
        for (long written = 0; written < bytes; written += block.Length)
            s.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
        s.Write(Utf8.GetBytes(tail));
    });

    private static byte[] Zip(params Part[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                using var entry = zip.CreateEntry(part.Name, CompressionLevel.SmallestSize).Open();
                part.Write(entry);
            }
        }

        return stream.ToArray();
    }

    private static string Row(int number, IEnumerable<string> cells) =>
        $"<row r=\"{number}\">"
        + string.Concat(cells.Select((text, i) => $"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>"))
        + "</row>";

    private static string Rows(string[] lines) => string.Concat(lines.Select((line, i) => Row(i + 1, line.Split(','))));

    /// <summary>A workbook with the given sheets (a null content leaves the sheet's part out, or to <paramref name="extra"/>).</summary>
    private static byte[] Workbook((string Name, string? SheetData)[] sheets, string? sharedStrings, Part? extra = null)
    {
        var parts = new List<Part>
        {
            Text("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            Text("_rels/.rels", $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            Text("xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets>"
                + string.Concat(sheets.Select((s, i) => $"<sheet name=\"{s.Name}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>")) + "</sheets></workbook>"),
            Text("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))
                + $"<Relationship Id=\"rIdS\" Type=\"{Relationships}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"),
        };
        for (var i = 0; i < sheets.Length; i++)
        {
            if (sheets[i].SheetData is { } data)
                parts.Add(Text($"xl/worksheets/sheet{i + 1}.xml", $"<worksheet xmlns=\"{Main}\"><sheetData>{data}</sheetData></worksheet>"));
        }

        if (sharedStrings is not null)
            parts.Add(Text("xl/sharedStrings.xml", $"<sst xmlns=\"{Main}\">{sharedStrings}</sst>"));
        if (extra is not null)
            parts.Add(extra);
        return Zip([.. parts]);
    }

    private static byte[] SharedStringBomb(string[] info, string[] households, string[] members, long characters)
    {
        var bomb = Repeated("xl/sharedStrings.xml", $"<sst xmlns=\"{Main}\"><si><t>", "a", characters, "</t></si></sst>");
        return Workbook([("thong_tin", Rows(info)), ("ho", Rows(households)), ("thanh_vien", Rows(members))], null, bomb);
    }
}
