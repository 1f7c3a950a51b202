using GiamNgheo.Rules.Scoring;
using GiamNgheo.Surveys.Reading;

namespace GiamNgheo.Surveys.Tests.Scoring;

public class SurveyScoringTests
{
    [Theory]
    [InlineData(SurveyFormat.CsvFolder)]
    [InlineData(SurveyFormat.CsvZip)]
    [InlineData(SurveyFormat.Xlsx)]
    public void Scores_every_household_the_same_way_whatever_the_packaging(SurveyFormat format)
    {
        using var files = new SurveyFiles();

        var (outcome, scored) = SurveyFiles.Score(files.Write(format));

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Listed));
        Assert.Equal("00004", outcome.Header!.Commune.Code);
        Assert.Equal("nd-07-2021", outcome.National!.Id);
        Assert.Equal(
            [("H01", HouseholdClass.Poor), ("H02", HouseholdClass.NearPoor), ("H03", HouseholdClass.NotPoor), ("H04", HouseholdClass.MiddleLiving)],
            scored.Select(s => (s.Household.Facts.HouseholdId, s.Result.National.Class)));
        Assert.Equal(1, outcome.NationalTally.HouseholdsOf(HouseholdClass.Poor));
        Assert.Equal(4, outcome.NationalTally.PersonsOf(HouseholdClass.Poor));
        Assert.Equal(13, outcome.NationalTally.Persons);
    }

    [Fact]
    public void Members_feed_the_derived_indicators()
    {
        using var files = new SurveyFiles();

        var (_, scored) = SurveyFiles.Score(files.WriteFolder());

        // H02: flag bhyt = 1 given; the child born 2012 (13 in 2025) is not in school: derived.
        var h02 = scored.Single(s => s.Household.Facts.HouseholdId == "H02").Result.National;
        var school = h02.Indicators.Single(i => i.Indicator.Key == "tre_em_di_hoc");
        Assert.True(school.Deprived);
        Assert.Equal(IndicatorSource.Derived, school.Source);
        Assert.Equal(2, h02.DeprivationCount);
    }

    [Fact]
    public void Explanations_name_members_by_relationship_and_age_never_by_name()
    {
        using var files = new SurveyFiles().With("thanh_vien",
            "ma_ho,ho_ten,nam_sinh,quan_he_chu_ho,co_bhyt,dang_di_hoc",
            "H02,Trần Thị Bình,1980,Chủ  hộ,1,",
            "H02,Trần Văn Em,2012,con của Trần Thị Bình,1,0",
            "H02,Trần Văn Phúc,1952,Mẹ,0,");

        var (outcome, scored) = SurveyFiles.Score(files.WriteFolder());

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Listed));
        var explanation = Explanation.Describe(scored.Single(s => s.Household.Facts.HouseholdId == "H02").Result.National, Rules.Standards.AreaType.Rural);
        // A relationship outside the closed list (here one quoting a name) is replaced by the member's position.
        Assert.Contains("thành viên thứ 2 (13 tuổi) không đi học", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Trần", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Bình", explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mẹ", "mẹ")]
    [InlineData("  con   dâu ", "con dâu")]
    [InlineData("me\u0323", "mẹ")]
    [InlineData("ba", "ba")]
    [InlineData("bà", "bà")]
    [InlineData("Nguyễn Văn A", null)]
    [InlineData("con ông Nguyễn Văn A", null)]
    [InlineData("", null)]
    public void Relationship_is_recognised_only_from_the_closed_list_with_its_diacritics(string text, string? expected)
    {
        Assert.Equal(expected, Schema.MemberRelationships.Recognise(System.Text.RegularExpressions.Regex.Unescape(text)));
    }

    [Fact]
    public void Header_cells_may_be_the_template_text_the_label_or_the_key()
    {
        using var files = new SurveyFiles();
        files.With("thong_tin", "Năm rà soát (nam),Mã tỉnh,ma_xa,Tổng số hộ dân cư,TỔNG SỐ NHÂN KHẨU", "2025,01,00004,100,400");

        var (outcome, _) = SurveyFiles.Score(files.WriteFolder());

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Listed));
    }

    [Fact]
    public void Vietnamese_thousands_separators_and_labels_are_understood()
    {
        using var files = new SurveyFiles();
        files.With("ho", "ma_ho,khu_vuc,so_nhan_khau,thu_nhap_binh_quan", "H01,Nông thôn,4,\"1.500.000\"", "H02,THÀNH THỊ,2,\"2,000,001\"");
        files.Without("thanh_vien");

        var (outcome, scored) = SurveyFiles.Score(files.WriteFolder());

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Listed));
        Assert.Equal(1_500_000m, scored[0].Household.Facts.IncomePerCapita);
        Assert.Equal(HouseholdClass.NearPoor, scored[0].Result.National.Class);
        Assert.Equal(HouseholdClass.NotPoor, scored[1].Result.National.Class);
    }

    [Fact]
    public void Legacy_year_resolves_the_three_tier_units()
    {
        using var files = new SurveyFiles();
        files.With("thong_tin", SurveyFiles.InfoHeader, "2024,01,00001,100,400");

        var (outcome, _) = SurveyFiles.Score(files.WriteFolder(), year: 2024);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Listed));
        Assert.Equal("001", outcome.Header!.District!.Code);
        Assert.Equal("Phường Phúc Xá", outcome.Header.Commune.Name);
    }

    [Fact]
    public void Commune_code_alias_is_accepted_with_a_warning()
    {
        using var files = new SurveyFiles();
        files.With("thong_tin", SurveyFiles.InfoHeader, "2025,22,06978,100,400");

        var (outcome, _) = SurveyFiles.Score(files.WriteFolder());

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Listed));
        Assert.Equal("06970", outcome.Header!.Commune.Code);
        Assert.Contains(outcome.Issues.Warnings, w => w.Key == "ma_xa");
    }

    [Fact]
    public void Local_standard_of_the_province_is_tallied_in_addition()
    {
        using var files = new SurveyFiles();
        var commune = GiamNgheo.Rules.AdminUnits.AdminUnitCatalog.Default.CommunesOf("75", new DateOnly(2024, 9, 1))[0].Code;
        files.With("thong_tin", SurveyFiles.InfoHeader, $"2024,75,{commune},100,400");

        var (outcome, _) = SurveyFiles.Score(files.WriteFolder(), year: 2024);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Listed));
        Assert.Equal("dia-phuong-75-2022-2025", outcome.Local!.Id);
        Assert.Equal(4, outcome.LocalTally.Households);
    }

    [Fact]
    public void Households_the_local_standard_cannot_decide_are_one_warning_for_the_survey()
    {
        using var files = new SurveyFiles();
        var commune = GiamNgheo.Rules.AdminUnits.AdminUnitCatalog.Default.CommunesOf("75", new DateOnly(2024, 9, 1))[0].Code;
        files.With("thong_tin", SurveyFiles.InfoHeader, $"2024,75,{commune},100,400");
        files.With("ho", "ma_ho,khu_vuc,so_nhan_khau,diem_b1", "H01,nong_thon,4,120", "H02,nong_thon,4,150", "H03,nong_thon,4,130");

        var (outcome, _) = SurveyFiles.Score(files.Without("thanh_vien").WriteFolder(), year: 2024);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Listed));
        var warning = Assert.Single(outcome.Issues.Warnings);
        Assert.StartsWith("3 hộ không xếp loại được theo chuẩn địa phương dia-phuong-75-2022-2025 (ví dụ dòng 2)", warning.Message, StringComparison.Ordinal);
        Assert.Equal(0, outcome.LocalTally.Households);
    }

    [Fact]
    public void Flag_of_an_indicator_the_year_does_not_use_is_one_warning_for_the_column()
    {
        using var files = new SurveyFiles();
        files.With("thong_tin", SurveyFiles.InfoHeader, "2027,01,00004,100,400");
        files.With("ho", "ma_ho,khu_vuc,so_nhan_khau,thu_nhap_binh_quan,tt_tiep_can_thong_tin", "H01,nong_thon,4,1000000,1", "H02,nong_thon,4,1000000,1");
        files.Without("thanh_vien");

        var (outcome, scored) = SurveyFiles.Score(files.WriteFolder(), year: 2027);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Listed));
        var warning = Assert.Single(outcome.Issues.Warnings);
        Assert.Equal("tt_tiep_can_thong_tin", warning.Key);
        Assert.All(scored, s => Assert.Equal(0, s.Result.National.DeprivationCount));
    }

    [Fact]
    public void Member_count_different_from_household_size_is_a_warning()
    {
        using var files = new SurveyFiles();
        files.With("thanh_vien", SurveyFiles.MemberHeader, "H01,Nguyễn Văn An,1980,1,");

        var (outcome, _) = SurveyFiles.Score(files.WriteFolder());

        Assert.True(outcome.Succeeded);
        Assert.Contains(outcome.Issues.Warnings, w => w is { Sheet: "ho.csv", Row: 2, Key: "so_nhan_khau" });
    }

    [Fact]
    public void Unknown_columns_are_ignored_with_a_warning()
    {
        using var files = new SurveyFiles();
        files.With("ho", "ma_ho,khu_vuc,so_nhan_khau,thu_nhap_binh_quan,ghi_chu", "H01,nong_thon,4,1000000,xem lại");

        var (outcome, _) = SurveyFiles.Score(files.Without("thanh_vien").WriteFolder());

        Assert.True(outcome.Succeeded);
        Assert.Contains(outcome.Issues.Warnings, w => w.Column == "5" && w.Message.Contains("ghi_chu", StringComparison.Ordinal));
    }
}
