using System.Text;
using ClosedXML.Excel;
using GiamNgheo.Surveys.Changes;
using GiamNgheo.Surveys.Reading;

namespace GiamNgheo.Surveys.Tests.Reading;

public sealed class ChangeListReaderTests
{
    private static MemoryStream Workbook(string sheet, params string[][] rows)
    {
        using var workbook = new XLWorkbook();
        var worksheet = workbook.AddWorksheet(sheet);
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
                worksheet.Cell(r + 1, c + 1).SetValue(rows[r][c]);
        }

        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private static SurveyIssue Single(SurveyIssues issues) => Assert.Single(issues.Errors);

    [Fact]
    public void A_start_list_with_the_templates_vietnamese_headers_and_labels_is_read()
    {
        using var file = Workbook("dau_ky", ["Mã hộ", "Phân loại đầu kỳ"], ["H-001", "Hộ nghèo"], ["H-002", "ho can ngheo"], ["H-003", "ngheo"]);

        var result = ChangeListReader.ReadStartList(file, "dau-ky.xlsx");

        Assert.False(result.Issues.HasErrors, string.Join("; ", result.Issues.Listed));
        Assert.Equal([("H-001", "ngheo"), ("H-002", "can_ngheo"), ("H-003", "ngheo")], result.Rows.Select(r => (r.HouseholdId, r.Class)));
    }

    [Fact]
    public void A_start_list_error_names_its_sheet_row_and_column()
    {
        using var file = Workbook("dau_ky", ["ma_ho", "phan_loai"], ["H-001", "ngheo"], ["H-002", "trung bình"], ["H-001", "can_ngheo"]);

        var issues = ChangeListReader.ReadStartList(file, "dau-ky.xlsx").Issues;

        Assert.Equal(2, issues.ErrorCount);
        var (wrongClass, repeated) = (issues.Errors.First(), issues.Errors.Last());
        Assert.Equal(("dau_ky", 3, "B", "phan_loai"), (wrongClass.Sheet, wrongClass.Row, wrongClass.Column, wrongClass.Key));
        Assert.Contains("không hợp lệ", wrongClass.Message, StringComparison.Ordinal);
        Assert.Equal(("dau_ky", 4, "A"), (repeated.Sheet, repeated.Row, repeated.Column));
        Assert.Contains("dòng 2", repeated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_without_the_sheet_is_refused_naming_the_sheet()
    {
        using var file = Workbook("Sheet1", ["ma_ho", "phan_loai"], ["H-001", "ngheo"]);

        var error = Single(ChangeListReader.ReadStartList(file, "dau-ky.xlsx").Issues);

        Assert.Contains("dau_ky", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_column_is_reported_on_the_header_row()
    {
        using var file = Csv("ma_ho,ghi chu\nH-001,x\n");

        var error = Single(ChangeListReader.ReadStartList(file, "dau_ky.csv").Issues);

        Assert.Equal(("dau_ky.csv", 1, "phan_loai"), (error.Sheet, error.Row, error.Key));
    }

    [Fact]
    public void Declarations_of_every_kind_are_read_with_their_codes()
    {
        using var file = Csv("Mã hộ,Loại biến động,Mã hộ mới,Mã hộ liên quan,Mã xã cũ\n" +
            "A-1,doi_ma,B-1,,00004\nA-2,Chuyển đi,,,\nA-3,nhap_ho,,A-9,\nA-4,khong_con,,,\nC-1,chuyen_den,,,\nC-2,Tách hộ,,A-5,\n");

        var result = ChangeListReader.ReadDeclarations(file, "bien_dong.csv");

        Assert.False(result.Issues.HasErrors, string.Join("; ", result.Issues.Listed));
        Assert.Equal(
            [ChangeListReader.Renamed, ChangeListReader.MovedOut, ChangeListReader.Merged, ChangeListReader.DiedOut, ChangeListReader.MovedIn, ChangeListReader.Split],
            result.Rows.Select(r => r.Kind));
        Assert.Equal(("B-1", "00004"), (result.Rows[0].NewHouseholdId, result.Rows[0].OldCommuneCode));
        Assert.Equal("A-5", result.Rows[5].RelatedHouseholdId);
    }

    [Fact]
    public void Declaration_errors_are_located_by_sheet_row_and_column()
    {
        using var file = Workbook("bien_dong",
            ["ma_ho", "loai_bien_dong", "ma_ho_moi", "ma_xa_cu"],
            ["A-1", "doi_ma", "", ""],
            ["A-2", "bỏ đi", "", ""],
            ["A-3", "chuyen_di", "", "4"],
            ["A-4", "chuyen_di", "", ""],
            ["A-4", "khong_con", "", ""],
            ["A-5", "doi_ma", "B-5", ""],
            ["A-6", "doi_ma", "B-5", ""],
            ["A\u200B7", "chuyen_di", "", ""]);

        var errors = ChangeListReader.ReadDeclarations(file, "bien-dong.xlsx").Issues.Errors.Select(e => (e.Sheet, e.Row, e.Column)).ToList();

        Assert.Equal(
            [("bien_dong", 2, "C"), ("bien_dong", 3, "B"), ("bien_dong", 4, "D"), ("bien_dong", 6, "A"), ("bien_dong", 8, "C"), ("bien_dong", 9, "A")],
            errors);
    }

    [Fact]
    public void A_colliding_code_may_be_declared_once_per_old_commune()
    {
        using var file = Csv("ma_ho,loai_bien_dong,ma_ho_moi,ma_xa_cu\n001,doi_ma,001,00001\n001,chuyen_di,,00004\n");

        var result = ChangeListReader.ReadDeclarations(file, "bien_dong.csv");

        Assert.False(result.Issues.HasErrors, string.Join("; ", result.Issues.Listed));
        Assert.Equal(2, result.Rows.Count);
    }

    [Fact]
    public void An_old_excel_file_is_refused_with_the_reason()
    {
        using var file = new MemoryStream([0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0]);

        var error = Single(ChangeListReader.ReadDeclarations(file, "bien-dong.xls").Issues);

        Assert.Contains(".xls", error.Message, StringComparison.Ordinal);
    }
}
