using System.Globalization;
using System.Text;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Surveys.Scoring;

/// <summary>Writes scored households as CSV (UTF-8 with BOM so Excel shows Vietnamese correctly), one row per household.</summary>
/// <remarks>Carries the household code but no names or citizen IDs: the result file travels further than the survey. Text
/// fields are neutralised against formula injection (<see cref="CsvField"/>); numbers are written as numbers.</remarks>
public sealed class ScoredHouseholdCsvWriter : IScoredHouseholdSink, IDisposable
{
    /// <summary>The columns, in order; the first six are the contract with communes.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "ma_ho", "phan_loai", "so_chi_so_thieu_hut", "diem_b2", "chi_so_thieu_hut", "chuan_ap_dung",
        "khu_vuc", "so_nhan_khau", "kiem_dinh_thu_nhap", "gia_tri_kiem_dinh", "nguong_kiem_dinh", "nguon_chi_so",
        "phan_loai_dia_phuong", "chuan_dia_phuong", "giai_thich",
    ];

    private readonly TextWriter _writer;
    private readonly StringBuilder _line = new(512);

    /// <summary>Starts the file and writes the header row.</summary>
    public ScoredHouseholdCsvWriter(Stream output)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16) { NewLine = "\r\n" };
        _writer.WriteLine(string.Join(',', Columns));
    }

    /// <inheritdoc />
    public void Add(SurveyHousehold household, ScoredHousehold result)
    {
        var national = result.National;
        var test = national.IncomeTest;
        _line.Clear();
        Field(household.Facts.HouseholdId).Append(',');
        _line.Append(national.Class.Code()).Append(',');
        _line.Append(national.DeprivationCount).Append(',');
        _line.Append(national.B2Score).Append(',');
        Field(string.Join(';', national.Deprived.Select(d => d.Indicator.Key))).Append(',');
        Field(national.Standard.Id).Append(',');
        _line.Append(Explanation.AreaCode(household.Facts.Area)).Append(',');
        _line.Append(household.Facts.Size).Append(',');
        _line.Append(test.Kind == IncomeTestKind.B1Points ? "diem_b1" : "thu_nhap").Append(',');
        _line.Append(test.Value.ToString(CultureInfo.InvariantCulture)).Append(',');
        _line.Append(test.Threshold.ToString(CultureInfo.InvariantCulture)).Append(',');
        Field(string.Join(';', national.Deprived.Select(d => d.Indicator.Key + ":" + Explanation.SourceCode(d.Source)))).Append(',');
        _line.Append(result.Local?.Class.Code()).Append(',');
        Field(result.Local?.Standard.Id).Append(',');
        Field(Explanation.Describe(national, household.Facts.Area));
        _writer.WriteLine(_line);
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    // Text from the survey or a local standard's file goes through the shared writer, which keeps it from running as a formula.
    private StringBuilder Field(string? value) => CsvField.Append(_line, value);
}
