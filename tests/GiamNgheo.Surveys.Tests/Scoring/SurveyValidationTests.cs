using System.IO.Compression;
using System.Text;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Surveys.Tests.Scoring;

/// <summary>Bad input is rejected with located Vietnamese errors, every problem at once, and nothing counted.</summary>
public class SurveyValidationTests
{
    private static SurveyIssue SingleError(SurveyOutcome outcome)
    {
        Assert.False(outcome.Succeeded);
        return Assert.Single(outcome.Issues.Errors);
    }

    private static SurveyOutcome Rejected(SurveyFiles files, int year = 2025, SurveyFormat format = SurveyFormat.CsvFolder)
    {
        var (outcome, _) = SurveyFiles.Score(files.Write(format), year);
        Assert.False(outcome.Succeeded);
        return outcome;
    }

    [Theory]
    [InlineData(SurveyFormat.CsvFolder, "ho.csv")]
    [InlineData(SurveyFormat.Xlsx, "ho")]
    public void Missing_required_column_is_reported_on_the_header_row(SurveyFormat format, string sheet)
    {
        using var files = new SurveyFiles();
        files.With("ho", "ma_ho,so_nhan_khau,thu_nhap_binh_quan", "H01,4,1000000");

        var error = Rejected(files, format: format).Issues.Errors.First();

        Assert.Equal(sheet, error.Sheet);
        Assert.Equal(1, error.Row);
        Assert.Equal("khu_vuc", error.Key);
        Assert.Contains("Thiếu cột bắt buộc", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SurveyFormat.CsvFolder, "4")]
    [InlineData(SurveyFormat.Xlsx, "D")]
    public void Wrong_type_is_located_by_sheet_row_and_column(SurveyFormat format, string column)
    {
        using var files = new SurveyFiles();
        files.Sheets["ho"][2] = "H02,Trần Thị Bình,nong_thon,ba,1400000,,1,,,";

        var error = SingleError(SurveyFiles.Score(files.Write(format)).Outcome);

        Assert.Equal(3, error.Row);
        Assert.Equal(column, error.Column);
        Assert.Equal("so_nhan_khau", error.Key);
        Assert.Contains("\"ba\" không phải số nguyên", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_income_is_rejected()
    {
        using var files = new SurveyFiles();
        files.Sheets["ho"][1] = "H01,Nguyễn Văn An,nong_thon,4,-5,,1,1,1,";

        var error = SingleError(SurveyFiles.Score(files.WriteFolder()).Outcome);

        Assert.Equal(("thu_nhap_binh_quan", 2), (error.Key!, error.Row!.Value));
        Assert.Contains("Không được âm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_household_code_names_the_first_row()
    {
        using var files = new SurveyFiles();
        files.Sheets["ho"][3] = "H01,Lê Văn Cường,thanh_thi,2,2500000,,,,,";

        var error = SingleError(SurveyFiles.Score(files.WriteFolder()).Outcome);

        Assert.Equal(4, error.Row);
        Assert.Contains("trùng với dòng 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Member_of_an_unknown_household_is_rejected()
    {
        using var files = new SurveyFiles();
        files.With("thanh_vien", SurveyFiles.MemberHeader, "H02,Trần Thị Bình,1980,1,", "H02,A,1990,1,", "H02,B,2000,1,", "H99,Người lạ,1990,1,");

        var error = SingleError(SurveyFiles.Score(files.WriteFolder()).Outcome);

        Assert.Equal(("thanh_vien.csv", 5), (error.Sheet!, error.Row!.Value));
        Assert.Contains("H99", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025,99,00004,100,400", "ma_tinh", "Mã tỉnh \"99\"")]
    [InlineData("2025,01,99999,100,400", "ma_xa", "Mã xã \"99999\"")]
    [InlineData("2025,79,00004,100,400", "ma_xa", "không thuộc tỉnh 79")]
    [InlineData("2025,1,00004,100,400", "ma_tinh", "đúng 2 chữ số")]
    [InlineData("2021,01,00004,100,400", "nam", "Chưa có chuẩn nghèo cho năm 2021")]
    public void Unknown_or_inconsistent_codes_are_rejected(string infoRow, string key, string message)
    {
        using var files = new SurveyFiles();
        files.With("thong_tin", SurveyFiles.InfoHeader, infoRow);

        var (outcome, scored) = SurveyFiles.Score(files.WriteFolder(), year: null);

        var error = SingleError(outcome);
        Assert.Equal(("thong_tin.csv", 2, key), (error.Sheet!, error.Row!.Value, error.Key!));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(scored);
    }

    [Fact]
    public void Year_in_the_file_must_match_the_year_asked_for()
    {
        using var files = new SurveyFiles();

        var error = SingleError(SurveyFiles.Score(files.WriteFolder(), year: 2024).Outcome);

        Assert.Contains("(2025) khác năm đã chọn (2024)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commune_in_the_file_must_match_the_commune_asked_for()
    {
        using var files = new SurveyFiles();

        var error = SingleError(SurveyFiles.Score(files.WriteFolder(), commune: "00008").Outcome);

        Assert.Equal("ma_xa", error.Key);
    }

    [Fact]
    public void Household_without_income_or_B1_is_rejected()
    {
        using var files = new SurveyFiles();
        files.Sheets["ho"][4] = "H04,Phạm Thị Dung,nong_thon,4,,,,,,1";

        var error = SingleError(SurveyFiles.Score(files.WriteFolder()).Outcome);

        Assert.Equal(5, error.Row);
        Assert.Equal("thu_nhap_binh_quan", error.Key);
    }

    [Fact]
    public void Only_B1_points_in_2027_is_rejected_with_the_reason()
    {
        using var files = new SurveyFiles();
        files.With("thong_tin", SurveyFiles.InfoHeader, "2027,01,00004,100,400");
        files.Sheets["ho"][1] = "H01,Nguyễn Văn An,nong_thon,4,,120,1,1,1,";

        var error = SingleError(SurveyFiles.Score(files.WriteFolder(), year: 2027).Outcome);

        Assert.Equal((2, "thu_nhap_binh_quan"), (error.Row!.Value, error.Key!));
        Assert.Contains("không quy định ngưỡng điểm B1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flag_other_than_0_or_1_is_rejected()
    {
        using var files = new SurveyFiles();
        files.Sheets["ho"][1] = "H01,Nguyễn Văn An,nong_thon,4,1200000,,2,1,1,";

        var error = SingleError(SurveyFiles.Score(files.WriteFolder()).Outcome);

        Assert.Equal("tt_bhyt", error.Key);
    }

    [Fact]
    public void Citizen_id_that_lost_its_leading_zero_is_explained_without_echoing_it()
    {
        using var files = new SurveyFiles();
        files.With("ho", "ma_ho,so_cccd_chu_ho,khu_vuc,so_nhan_khau,thu_nhap_binh_quan", "H01,01234567890,nong_thon,1,1000000");

        var error = SingleError(SurveyFiles.Score(files.Without("thanh_vien").WriteFolder()).Outcome);

        Assert.Contains("Văn bản", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("01234567890", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Info_sheet_with_two_rows_is_rejected()
    {
        using var files = new SurveyFiles();
        files.With("thong_tin", SurveyFiles.InfoHeader, "2025,01,00004,100,400", "2025,01,00008,100,400");

        var error = SingleError(SurveyFiles.Score(files.WriteFolder()).Outcome);

        Assert.Equal(3, error.Row);
    }

    [Fact]
    public void Total_households_below_the_reviewed_households_is_rejected()
    {
        using var files = new SurveyFiles();
        files.With("thong_tin", SurveyFiles.InfoHeader, "2025,01,00004,3,400");

        var error = SingleError(SurveyFiles.Score(files.WriteFolder()).Outcome);

        Assert.Equal("tong_so_ho", error.Key);
    }

    [Fact]
    public void Total_households_are_checked_even_when_rows_have_errors()
    {
        using var files = new SurveyFiles();
        files.With("thong_tin", SurveyFiles.InfoHeader, "2025,01,00004,3,400");
        files.Sheets["ho"][1] = "H01,Nguyễn Văn An,nong_thon,4,-1,,1,1,1,";

        var outcome = SurveyFiles.Score(files.WriteFolder()).Outcome;

        Assert.Equal(["thu_nhap_binh_quan", "tong_so_ho"], outcome.Issues.Errors.Select(e => e.Key!));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        using var files = new SurveyFiles();
        files.Sheets["ho"][1] = "H01,Nguyễn Văn An,nong_thoon,4,1200000,,1,1,1,";
        files.Sheets["ho"][2] = "H02,Trần Thị Bình,nong_thon,0,1400000,,1,,,";
        files.Sheets["ho"][3] = "H03,Lê Văn Cường,thanh_thi,2,abc,,,,,";

        var outcome = SurveyFiles.Score(files.WriteFolder()).Outcome;

        Assert.Equal([2, 3, 4], outcome.Issues.Errors.Select(e => e.Row!.Value));
    }

    [Fact]
    public void Thousands_of_errors_are_counted_but_only_the_first_are_listed()
    {
        using var files = new SurveyFiles();
        files.With("ho", [SurveyFiles.HouseholdHeader, .. Enumerable.Range(1, 30).Select(i => $"H{i},X,vung_cao,4,1,,,,,")]);

        var (outcome, _) = SurveyFiles.Score(files.Without("thanh_vien").WriteFolder(), limits: SurveyLimits.Default with { MaxListedIssues = 10 });

        Assert.Equal(30, outcome.Issues.ErrorCount);
        Assert.Equal(10, outcome.Issues.Errors.Count());
        Assert.Contains("20 lỗi", outcome.Issues.OmittedSummary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_household_sheet_is_rejected()
    {
        using var files = new SurveyFiles();

        var outcome = SurveyFiles.Score(files.Without("thanh_vien").Without("ho").With("ho_khac", "x").WriteXlsx()).Outcome;

        Assert.Contains(outcome.Issues.Errors, e => e.Message.Contains("Thiếu sheet \"ho\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Random_bytes_are_not_a_survey()
    {
        using var files = new SurveyFiles();
        var path = files.WriteBytes("rac.xlsx", [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))]);

        var ex = Assert.Throws<SurveyFormatException>(() => SurveySource.Open(path));
        Assert.Contains("không phải tệp .xlsx hay .zip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_xls_or_password_protected_file_is_explained()
    {
        using var files = new SurveyFiles();
        var path = files.WriteBytes("cu.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);

        var ex = Assert.Throws<SurveyFormatException>(() => SurveySource.Open(path));
        Assert.Contains(".xls", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_without_survey_files_is_rejected()
    {
        using var files = new SurveyFiles();
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("không phải phiếu");
        }

        var path = files.WriteBytes("khac.zip", stream.ToArray());

        var ex = Assert.Throws<SurveyFormatException>(() => SurveySource.Open(path));
        Assert.Contains("ho.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_xlsx_is_reported_as_corrupt()
    {
        using var files = new SurveyFiles();
        var bytes = File.ReadAllBytes(files.WriteXlsx());
        var path = files.WriteBytes("hong.xlsx", bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<SurveyFormatException>(() => SurveySource.Open(path));
        Assert.Contains("hỏng", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_over_the_size_limit_is_rejected_before_reading()
    {
        using var files = new SurveyFiles();

        var ex = Assert.Throws<SurveyFormatException>(() => SurveySource.Open(files.WriteXlsx(), SurveyLimits.Default with { MaxFileBytes = 1000 }));
        Assert.Contains("quá lớn", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_not_saved_as_UTF8_is_explained()
    {
        using var files = new SurveyFiles();
        var folder = files.WriteFolder();
        // "Nguyễn" in a legacy single-byte code page is not valid UTF-8.
        File.WriteAllBytes(Path.Combine(folder, "ho.csv"), [.. Encoding.ASCII.GetBytes(SurveyFiles.HouseholdHeader + "\nH01,Nguy"), 0xD2, 0xE9, .. Encoding.ASCII.GetBytes("n,nong_thon,4,1200000,,,,,\n")]);

        var outcome = SurveyFiles.Score(folder).Outcome;

        Assert.Contains(outcome.Issues.Errors, e => e.Message.Contains("UTF-8", StringComparison.Ordinal));
    }
}
