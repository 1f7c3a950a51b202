using System.Text;
using GiamNgheo.Surveys.Reading;

namespace GiamNgheo.Surveys.Tests.Scoring;

/// <summary>Household codes have one canonical form (NFC), hold nothing invisible and have a bounded length, in the
/// household sheet and wherever a member row names its household.</summary>
public class HouseholdCodeTests
{
    private const string Composed = "Hộ-01";

    private static readonly string Decomposed = Composed.Normalize(NormalizationForm.FormD);

    [Theory]
    [InlineData(SurveyFormat.CsvFolder)]
    [InlineData(SurveyFormat.Xlsx)]
    public void Regression_codes_differing_only_in_Unicode_normalisation_counted_as_two_households(SurveyFormat format)
    {
        Assert.NotEqual(Composed, Decomposed);
        using var files = new SurveyFiles();
        files.Sheets["ho"][1] = $"{Composed},Nguyễn Văn An,nong_thon,4,1200000,,1,1,1,";
        files.Sheets["ho"][3] = $"{Decomposed},Lê Văn Cường,thanh_thi,2,2500000,,,,,";

        var (outcome, scored) = SurveyFiles.Score(files.Write(format));

        var error = Assert.Single(outcome.Issues.Errors);
        Assert.Equal((4, "ma_ho"), (error.Row!.Value, error.Key!));
        Assert.Contains("trùng với dòng 2", error.Message, StringComparison.Ordinal);
        Assert.False(outcome.Succeeded);
        Assert.DoesNotContain(scored, s => s.Household.Facts.HouseholdId == Decomposed);
    }

    [Fact]
    public void Members_written_in_another_normalisation_belong_to_their_household_and_the_code_is_kept_composed()
    {
        using var files = new SurveyFiles();
        files.Sheets["ho"][2] = $"{Composed},Trần Thị Bình,nong_thon,3,1400000,,1,,,";
        files.With("thanh_vien", SurveyFiles.MemberHeader, $"{Decomposed},Trần Thị Bình,1980,0,", $"{Decomposed},Trần Văn Em,2012,1,0", $"{Composed},Trần Văn Phúc,1950,1,");

        var (outcome, scored) = SurveyFiles.Score(files.WriteFolder());

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Errors));
        Assert.DoesNotContain(outcome.Issues.Warnings, w => w.Key == "so_nhan_khau");
        var household = Assert.Single(scored, s => s.Household.Row == 3).Household;
        Assert.Equal(Composed, household.Facts.HouseholdId);
        Assert.True(household.Facts.HouseholdId.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("\u0007", "U+0007")]
    [InlineData("\u0000", "U+0000")]
    [InlineData("\u202E", "U+202E")]
    [InlineData("\u200B", "U+200B")]
    [InlineData("\u2066", "U+2066")]
    [InlineData("\u00AD", "U+00AD")]
    [InlineData("\uFEFF", "U+FEFF")]
    [InlineData("\u2028", "U+2028")]
    public void Household_code_with_a_control_or_invisible_character_is_refused_at_its_cell(string hidden, string named)
    {
        using var files = new SurveyFiles();
        files.Sheets["ho"][3] = $"H0{hidden}3,Lê Văn Cường,thanh_thi,2,2500000,,,,,";

        var (outcome, scored) = SurveyFiles.Score(files.WriteFolder());

        var error = Assert.Single(outcome.Issues.Errors);
        Assert.Equal(("ho.csv", 4, "1", "ma_ho"), (error.Sheet!, error.Row!.Value, error.Column!, error.Key!));
        Assert.Contains($"{named} ở vị trí 3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, error.Message, StringComparison.Ordinal);
        Assert.False(outcome.Succeeded);
        Assert.DoesNotContain(scored, s => s.Household.Row == 4);
    }

    [Fact]
    public void Broken_surrogate_pair_is_refused_rather_than_failing_normalisation()
    {
        // A workbook can carry one as the escape _xD800_; string.Normalize would throw on it.
        Assert.False(HouseholdCode.TryNormalize("H\uD80001\u0301", out _, out var reason));
        Assert.Contains("U+D800 ở vị trí 2", reason, StringComparison.Ordinal);
        Assert.True(HouseholdCode.TryNormalize("H\uD83C\uDFE001", out var code, out _));
        Assert.Equal("H\uD83C\uDFE001", code.ToString());
    }

    [Fact]
    public void Household_code_with_a_bidi_override_is_refused_in_a_workbook_too()
    {
        using var files = new SurveyFiles();
        files.Sheets["ho"][4] = "H\u202E40,Phạm Thị Dung,nong_thon,4,1800000,,,,,1";

        var error = Assert.Single(SurveyFiles.Score(files.WriteXlsx()).Outcome.Issues.Errors);

        Assert.Equal(("ho", 5, "A", "ma_ho"), (error.Sheet!, error.Row!.Value, error.Column!, error.Key!));
        Assert.Contains("ký tự ẩn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Member_row_whose_household_code_holds_a_zero_width_space_is_refused_at_its_cell()
    {
        using var files = new SurveyFiles();
        files.Sheets["thanh_vien"][2] = "H\u200B02,Trần Văn Em,2012,1,0";

        var outcome = SurveyFiles.Score(files.WriteFolder()).Outcome;

        var error = Assert.Single(outcome.Issues.Errors);
        Assert.Equal(("thanh_vien.csv", 3, "1", "ma_ho"), (error.Sheet!, error.Row!.Value, error.Column!, error.Key!));
        Assert.Contains("U+200B", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Household_code_over_1_KiB_is_refused_without_being_echoed()
    {
        var code = new string('X', 1100);
        using var files = new SurveyFiles();
        files.Sheets["ho"][1] = $"{code},Nguyễn Văn An,nong_thon,4,1200000,,1,1,1,";

        var error = Assert.Single(SurveyFiles.Score(files.WriteFolder()).Outcome.Issues.Errors);

        Assert.Equal(("ho.csv", 2, "ma_ho"), (error.Sheet!, error.Row!.Value, error.Key!));
        Assert.Contains($"dài 1100 ký tự, quá giới hạn {HouseholdCode.MaxLength} ký tự", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("XXXX", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Member_row_with_an_overlong_household_code_is_refused_at_its_cell()
    {
        using var files = new SurveyFiles();
        files.Sheets["thanh_vien"][1] = $"{new string('9', HouseholdCode.MaxLength + 1)},Trần Thị Bình,1980,0,";

        var error = Assert.Single(SurveyFiles.Score(files.WriteFolder()).Outcome.Issues.Errors);

        Assert.Equal(("thanh_vien.csv", 2, "ma_ho"), (error.Sheet!, error.Row!.Value, error.Key!));
        Assert.Contains("quá giới hạn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Household_code_at_the_length_limit_with_Vietnamese_letters_and_an_emoji_is_accepted()
    {
        var code = "Thôn Đồng-🏠-" + new string('7', HouseholdCode.MaxLength - 13);
        Assert.Equal(HouseholdCode.MaxLength, code.Length);
        using var files = new SurveyFiles();
        files.Sheets["ho"][1] = $"{code},Nguyễn Văn An,nong_thon,4,1200000,,1,1,1,";

        var (outcome, scored) = SurveyFiles.Score(files.WriteFolder());

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Issues.Errors));
        Assert.Contains(scored, s => s.Household.Facts.HouseholdId == code);
    }
}
