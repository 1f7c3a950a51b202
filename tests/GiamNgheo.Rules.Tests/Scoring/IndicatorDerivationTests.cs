using GiamNgheo.Rules.Scoring;
using static GiamNgheo.Rules.Tests.Scoring.Households;

namespace GiamNgheo.Rules.Tests.Scoring;

/// <summary>Blank flags derived from facts, with the parameters of the 2022–2026 standard (working definitions).</summary>
public class IndicatorDerivationTests
{
    private static IndicatorOutcome OutcomeOf(ScoredHousehold result, string key) =>
        result.National.Indicators.Single(i => i.Indicator.Key == key);

    [Theory]
    [InlineData(32.0, 4, false)]
    [InlineData(31.99, 4, true)]
    [InlineData(8.0, 1, false)]
    [InlineData(7.5, 1, true)]
    public void Floor_area_below_8_square_metres_per_person_is_deprived(double area, int size, bool deprived)
    {
        var outcome = OutcomeOf(Score(2024, Make(income: 1_000_000, size: size, floorArea: (decimal)area)), "dien_tich_nha_o");

        Assert.Equal(deprived, outcome.Deprived);
        Assert.Equal(IndicatorSource.Derived, outcome.Source);
    }

    [Fact]
    public void Floor_area_not_given_counts_as_not_deprived_by_default()
    {
        var outcome = OutcomeOf(Score(2024, Make(income: 1_000_000)), "dien_tich_nha_o");

        Assert.False(outcome.Deprived);
        Assert.Equal(IndicatorSource.Default, outcome.Source);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(70, true)]
    public void Member_aged_6_or_more_without_health_insurance_is_deprived(int age, bool deprived)
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(35), Member(age, insured: false));

        var outcome = OutcomeOf(Score(2024, Make(income: 1_000_000, members: members)), "bhyt");

        Assert.Equal(deprived, outcome.Deprived);
        Assert.Equal(IndicatorSource.Derived, outcome.Source);
    }

    [Fact]
    public void Unknown_insurance_of_a_member_leaves_the_indicator_undecided()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(35), Member(40, insured: null));

        var outcome = OutcomeOf(Score(2024, Make(income: 1_000_000, members: members)), "bhyt");

        Assert.Equal(IndicatorSource.Default, outcome.Source);
        Assert.False(outcome.Deprived);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(15, true)]
    [InlineData(16, false)]
    public void Child_aged_3_to_under_16_not_in_school_is_deprived(int age, bool deprived)
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(35), Member(age, inSchool: false));

        var outcome = OutcomeOf(Score(2024, Make(income: 1_000_000, members: members)), "tre_em_di_hoc");

        Assert.Equal(deprived, outcome.Deprived);
    }

    [Fact]
    public void Dependants_exactly_half_of_members_are_not_deprived()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(35), Member(33), Member(5), Member(8));

        var outcome = OutcomeOf(Score(2024, Make(income: 1_000_000, members: members)), "nguoi_phu_thuoc");

        Assert.False(outcome.Deprived);
        Assert.Equal(IndicatorSource.Derived, outcome.Source);
    }

    [Fact]
    public void Dependants_over_half_of_members_are_deprived()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(35), Member(33), Member(5), Member(8), Member(80, allowance: true));

        var outcome = OutcomeOf(Score(2024, Make(income: 1_000_000, size: 5, members: members)), "nguoi_phu_thuoc");

        Assert.True(outcome.Deprived);
        Assert.Contains("3/5", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_a_household_of_4_listing_one_child_is_not_poor_through_the_dependants_ratio_over_listed_members()
    {
        // Issue 10: 1/1 listed member is a dependant, so the ratio over listed members made the household deprived (and poor
        // with two declared deprivations); fully listed, the same household has 1/4 and is near-poor.
        var scorer = Scorer(2024);
        var partial = Score(2024, Make(income: 1_000_000, size: 4, members: Members(scorer, Member(5)), deprived: ["nha_tieu", "nuoc_sinh_hoat"]));
        var full = Score(2024, Make(income: 1_000_000, size: 4, members: Members(scorer, Member(35), Member(33), Member(60), Member(5)), deprived: ["nha_tieu", "nuoc_sinh_hoat"]));

        var outcome = OutcomeOf(partial, "nguoi_phu_thuoc");
        Assert.Equal(IndicatorSource.Default, outcome.Source);
        Assert.False(outcome.Deprived);
        Assert.Contains("khai 1 thành viên nhưng số nhân khẩu là 4", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(HouseholdClass.NearPoor, partial.National.Class);
        Assert.Equal(HouseholdClass.NearPoor, full.National.Class);
    }

    [Fact]
    public void More_members_listed_than_persons_leaves_the_dependants_indicator_undecided_and_a_declared_flag_unchallenged()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(35), Member(5), Member(6), Member(7));

        var result = Score(2024, Make(income: 1_000_000, size: 3, members: members, notDeprived: ["nguoi_phu_thuoc"]));

        Assert.Equal(IndicatorSource.Flag, OutcomeOf(result, "nguoi_phu_thuoc").Source);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Elderly_member_without_social_allowance_is_not_a_dependant()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(35), Member(5), Member(75, allowance: false));

        var outcome = OutcomeOf(Score(2024, Make(income: 1_000_000, size: 3, members: members)), "nguoi_phu_thuoc");

        Assert.False(outcome.Deprived);
    }

    [Fact]
    public void Incapacitated_adult_on_social_allowance_is_a_dependant()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(40, ableToWork: false, allowance: true), Member(5));

        var outcome = OutcomeOf(Score(2024, Make(income: 1_000_000, size: 2, members: members)), "nguoi_phu_thuoc");

        Assert.True(outcome.Deprived);
    }

    [Fact]
    public void Malnourished_child_under_16_is_deprived()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(30), Member(4, malnourished: true));

        Assert.True(OutcomeOf(Score(2024, Make(income: 1_000_000, members: members)), "dinh_duong").Deprived);
    }

    [Fact]
    public void Unemployed_working_age_member_is_deprived_in_employment()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(30, employment: EmploymentStatus.LookingForWork));

        Assert.True(OutcomeOf(Score(2024, Make(income: 1_000_000, members: members)), "viec_lam").Deprived);
    }

    [Fact]
    public void Employment_cannot_be_derived_as_not_deprived_because_contracts_are_not_surveyed()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(30));

        var result = Score(2024, Make(income: 1_000_000, members: members, deprived: ["viec_lam"]));
        var outcome = OutcomeOf(result, "viec_lam");

        Assert.True(outcome.Deprived);
        Assert.Equal(IndicatorSource.Flag, outcome.Source);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Explicit_flag_wins_over_a_derived_value_and_the_disagreement_is_a_warning()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(30, insured: false));

        var result = Score(2024, Make(income: 1_000_000, members: members, notDeprived: ["bhyt"]));

        var outcome = OutcomeOf(result, "bhyt");
        Assert.False(outcome.Deprived);
        Assert.Equal(IndicatorSource.Flag, outcome.Source);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("tt_bhyt", warning.Column);
    }

    [Fact]
    public void Derived_deprivations_count_towards_poverty()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(30, insured: false), Member(10, inSchool: false), Member(3, malnourished: true));

        var result = Score(2024, Make(income: 1_000_000, size: 3, members: members));

        Assert.Equal(HouseholdClass.Poor, result.National.Class);
        Assert.All(result.National.Deprived, d => Assert.Equal(IndicatorSource.Derived, d.Source));
    }
}
