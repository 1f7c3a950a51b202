using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Surveys.Tests.Scoring;

/// <summary>A survey written from CSV-like lines as a folder, a zip or an xlsx, in a temporary directory.</summary>
internal sealed class SurveyFiles : IDisposable
{
    public const string InfoHeader = "nam,ma_tinh,ma_xa,tong_so_ho,tong_so_nhan_khau";
    public const string HouseholdHeader = "ma_ho,ho_ten_chu_ho,khu_vuc,so_nhan_khau,thu_nhap_binh_quan,diem_b1,tt_bhyt,tt_nha_tieu,tt_nuoc_sinh_hoat,nlndn";
    public const string MemberHeader = "ma_ho,ho_ten,nam_sinh,co_bhyt,dang_di_hoc";

    private readonly string _root = Directory.CreateTempSubdirectory("giamngheo-survey-").FullName;

    public Dictionary<string, string[]> Sheets { get; } = new()
    {
        ["thong_tin"] = [InfoHeader, "2025,01,00004,100,400"],
        ["ho"] =
        [
            HouseholdHeader,
            "H01,Nguyễn Văn An,nong_thon,4,1200000,,1,1,1,",
            "H02,Trần Thị Bình,nong_thon,3,1400000,,1,,,",
            "H03,Lê Văn Cường,thanh_thi,2,2500000,,,,,",
            "H04,Phạm Thị Dung,nong_thon,4,1800000,,,,,1",
        ],
        ["thanh_vien"] =
        [
            MemberHeader,
            "H02,Trần Thị Bình,1980,0,",
            "H02,Trần Văn Em,2012,1,0",
            "H02,Trần Văn Phúc,1950,1,",
        ],
    };

    public SurveyFiles With(string sheet, params string[] lines)
    {
        Sheets[sheet] = lines;
        return this;
    }

    public SurveyFiles Without(string sheet)
    {
        Sheets.Remove(sheet);
        return this;
    }

    public string WriteFolder()
    {
        var folder = Path.Combine(_root, "csv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (sheet, lines) in Sheets)
            File.WriteAllText(Path.Combine(folder, sheet + ".csv"), string.Join("\n", lines) + "\n", new UTF8Encoding(true));
        return folder;
    }

    public string WriteZip()
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (sheet, lines) in Sheets)
        {
            using var writer = new StreamWriter(zip.CreateEntry(sheet + ".csv").Open(), new UTF8Encoding(false));
            writer.Write(string.Join("\r\n", lines));
        }

        return path;
    }

    /// <summary>Writes an xlsx the way a person would: numbers as numbers, codes and text as text.</summary>
    public string WriteXlsx()
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".xlsx");
        using var workbook = new XLWorkbook();
        foreach (var (sheet, lines) in Sheets)
        {
            var ws = workbook.AddWorksheet(sheet);
            for (var r = 0; r < lines.Length; r++)
            {
                var cells = lines[r].Split(',');
                for (var c = 0; c < cells.Length; c++)
                {
                    var text = cells[c];
                    var cell = ws.Cell(r + 1, c + 1);
                    if (text.Length == 0)
                        continue;
                    if (r > 0 && decimal.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number) && !(text.StartsWith('0') && text.Length > 1))
                        cell.Value = number;
                    else
                        cell.SetValue(text);
                }
            }
        }

        workbook.SaveAs(path);
        return path;
    }

    public string Write(SurveyFormat format) => format switch
    {
        SurveyFormat.Xlsx => WriteXlsx(),
        SurveyFormat.CsvZip => WriteZip(),
        _ => WriteFolder(),
    };

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static (SurveyOutcome Outcome, List<(SurveyHousehold Household, ScoredHousehold Result)> Scored) Score(
        string path, int? year = 2025, string? commune = null, SurveyLimits? limits = null, StandardCatalog? standards = null)
    {
        var sink = new ListSink();
        var scorer = new SurveyScorer(standards ?? StandardCatalog.Default, AdminUnitCatalog.Default, limits);
        SurveyOutcome outcome;
        using (var source = SurveySource.Open(path, limits))
            outcome = scorer.Score(source, new SurveyExpectations(year, commune), sink);
        return (outcome, sink.Items);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class ListSink : IScoredHouseholdSink
    {
        public List<(SurveyHousehold, ScoredHousehold)> Items { get; } = [];

        public void Add(SurveyHousehold household, ScoredHousehold result) => Items.Add((household, result));
    }
}
