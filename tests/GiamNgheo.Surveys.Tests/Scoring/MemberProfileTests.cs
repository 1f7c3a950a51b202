using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Surveys.Tests.Scoring;

/// <summary>Each household's member rows fold into a profile: ages, labour capacity, employment, disability, the head's sex.</summary>
public sealed class MemberProfileTests
{
    private const string Header = "ma_ho,ho_ten,gioi_tinh,nam_sinh,quan_he_chu_ho,kha_nang_lao_dong,tinh_trang_viec_lam,khuyet_tat";

    [Fact]
    public void Age_groups_have_their_boundaries_at_15_16_and_60()
    {
        // Review year 2025: born 1966 → 59, 1965 → 60, 2010 → 15, 2011 → 14, 2009 → 16.
        var profile = ProfileOf(
            "H01,A,nu,1966,chủ hộ,1,co_viec_lam,0",
            "H01,B,nam,1965,chồng,0,khong_co_kha_nang_lao_dong,1",
            "H01,C,nam,2010,con,,dang_di_hoc,",
            "H01,D,nu,2011,con,1,co_viec_lam,0",
            "H01,E,nam,2009,cháu,1,dang_tim_viec,0");

        Assert.Equal(5, profile.Members);
        Assert.Equal(4, profile.Aged15Plus);
        Assert.Equal(1, profile.Elderly);
        Assert.Equal(2, profile.Children);
        // The 14-year-old's labour and employment answers are outside the labour table.
        Assert.Equal((2, 1, 1), (profile.WithLabourCapacity, profile.WithoutLabourCapacity, profile.LabourCapacityUnknown));
        Assert.Equal(
            new EmploymentCounts { Employed = 1, LookingForWork = 1, UnableToWork = 1, Studying = 1 },
            profile.Employment);
        Assert.Equal(0, profile.EmploymentUnknown);
        Assert.Equal((1, 1), (profile.Disabled, profile.DisabilityUnknown));
        Assert.True(profile.HeadFemale);
    }

    [Theory]
    [InlineData("H01,A,nam,1980,vợ,1,,\nH01,B,nu,1982,con,1,,", null)]
    [InlineData("H01,A,,1980,chủ hộ,1,,\nH01,B,nu,1982,vợ,1,,", null)]
    [InlineData("H01,A,nam,1980,chủ hộ,1,,\nH01,B,nu,1982,chủ hộ,1,,", false)]
    [InlineData("H01,A,nu,1980,  Chủ  hộ ,1,,", true)]
    public void The_heads_sex_comes_from_the_first_row_naming_the_head_and_is_unknown_without_one(string rows, bool? headFemale)
    {
        Assert.Equal(headFemale, ProfileOf(rows.Split('\n')).HeadFemale);
    }

    [Fact]
    public void Blank_answers_are_counted_as_unknown_never_as_a_no()
    {
        var profile = ProfileOf("H01,A,nu,1970,chủ hộ,,,", "H01,B,nam,1968,chồng,,,");

        Assert.Equal((0, 0, 2), (profile.WithLabourCapacity, profile.WithoutLabourCapacity, profile.LabourCapacityUnknown));
        Assert.Equal(2, profile.EmploymentUnknown);
        Assert.Equal((0, 2), (profile.Disabled, profile.DisabilityUnknown));
    }

    [Fact]
    public void A_household_without_member_rows_has_no_profile()
    {
        using var files = new SurveyFiles();
        files.With("thanh_vien", Header, "H02,A,nu,1970,chủ hộ,1,co_viec_lam,0");

        var (outcome, scored) = SurveyFiles.Score(files.WriteFolder());

        Assert.True(outcome.Succeeded);
        Assert.Null(scored.Single(s => s.Household.Facts.HouseholdId == "H01").Household.Facts.Members);
        Assert.NotNull(scored.Single(s => s.Household.Facts.HouseholdId == "H02").Household.Facts.Members);
    }

    [Fact]
    public void A_disability_answer_outside_0_and_1_is_a_located_error()
    {
        using var files = new SurveyFiles();
        files.With("thanh_vien", Header, "H01,A,nu,1970,chủ hộ,1,co_viec_lam,co");

        var (outcome, _) = SurveyFiles.Score(files.WriteFolder());

        var error = Assert.Single(outcome.Issues.Errors);
        Assert.Equal(("thanh_vien.csv", 2, "khuyet_tat"), (error.Sheet!, error.Row!.Value, error.Key!));
    }

    [Fact]
    public void The_age_limits_are_data_with_their_legal_sources()
    {
        var groups = MemberGroups.Default;

        Assert.Equal((15, 60, 16), (groups.WorkingAgeFrom.Value, groups.ElderlyAgeFrom.Value, groups.ChildAgeBelow.Value));
        Assert.Contains("Luật Người cao tuổi 2009", groups.ElderlyAgeFrom.Provenance.Source, StringComparison.Ordinal);
        Assert.Contains("Luật Trẻ em 2016", groups.ChildAgeBelow.Provenance.Source, StringComparison.Ordinal);
        Assert.Equal(Confidence.Confirmed, groups.ChildAgeBelow.Provenance.Confidence);
    }

    private static MemberProfile ProfileOf(params string[] rows)
    {
        using var files = new SurveyFiles();
        files.With("thanh_vien", [Header, .. rows]);
        var (outcome, scored) = SurveyFiles.Score(files.WriteFolder());
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Issues.Errors.Select(e => e.Message)));
        return scored.Single(s => s.Household.Facts.HouseholdId == "H01").Household.Facts.Members!.Profile();
    }
}
