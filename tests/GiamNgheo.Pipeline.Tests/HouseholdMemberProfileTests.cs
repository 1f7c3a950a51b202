using Azure.Data.Tables;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.Scoring;
using static GiamNgheo.Pipeline.Tests.Reports.ReportHouseholds;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>The member profile is stored with each household's result, and results stored before it read back as unknown.</summary>
public sealed class HouseholdMemberProfileTests
{
    private static readonly SubmissionKey Key = new(2025, "00004", new string('a', 64));

    [Fact]
    public void The_profile_round_trips_through_the_table_entity()
    {
        var profile = new MemberProfile
        {
            Members = 6, Aged15Plus = 4, WithLabourCapacity = 2, WithoutLabourCapacity = 1,
            Employment = new EmploymentCounts { Employed = 1, NotEmployed = 1, LookingForWork = 1, UnableToWork = 1, Studying = 0, NotWillingToWork = 0, Homemaker = 0 },
            Elderly = 1, Children = 2, Disabled = 1, DisabilityUnknown = 3, HeadFemale = true,
        };
        var household = Household("ngheo", 6, ["bhyt"]) with { Members = profile };

        var read = HouseholdRecord.FromEntity(household.ToEntity(Key), HouseholdView.WithoutHeadName);

        Assert.Equal(profile, read.Members);
    }

    [Fact]
    public void A_result_stored_before_profiles_reads_back_as_unknown_never_as_zeros()
    {
        var entity = Household("ngheo", 3, ["bhyt"]).ToEntity(Key);
        Assert.False(entity.ContainsKey("Members"));

        Assert.Null(HouseholdRecord.FromEntity(entity, HouseholdView.WithoutHeadName).Members);
    }

    [Fact]
    public void A_head_of_unknown_sex_stays_unknown_through_the_table()
    {
        var household = Household("can_ngheo", 1, []) with { Members = new MemberProfile { Members = 1, Aged15Plus = 1 } };

        var read = HouseholdRecord.FromEntity(new TableEntity(household.ToEntity(Key)), HouseholdView.WithoutHeadName);

        Assert.Null(read.Members!.HeadFemale);
        Assert.Equal(1, read.Members.Members);
    }
}
