using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Rules.Scoring;
using static GiamNgheo.Pipeline.Tests.Reports.ReportHouseholds;

namespace GiamNgheo.Pipeline.Tests.Reports;

/// <summary>The nhom-dac-thu report: rates with and without người có công households, and the groups plans single out.</summary>
public sealed class GroupsCalculatorTests
{
    [Fact]
    public void Thanh_Liem_2020_poor_rate_without_nguoi_co_cong_households_is_over_all_resident_households()
    {
        // Seed 001: "700 hộ nghèo (không tính 31 hộ nghèo có thành viên thuộc chính sách ưu đãi người có công) chiếm 1,64%
        // tổng số hộ toàn huyện; 1357 hộ cận nghèo, chiếm 3,18%". The plan gives no total; 42,700 reproduces both rates.
        var calculator = new GroupsCalculator(2020);
        for (var i = 0; i < 731; i++)
            calculator.Add(Household("ngheo", 3, []) with { MeritFamily = i < 31 });
        for (var i = 0; i < 1357; i++)
            calculator.Add(Household("can_ngheo", 3, []) with { MeritFamily = false });

        var report = calculator.Build(42_700);

        Assert.Equal((731L, 1.71m), (report.Poor.Households, report.Poor.Rate));
        Assert.Equal(new HouseholdRate(700, 1.64m), report.Poor.ExcludingNguoiCoCong);
        Assert.Equal((31L, 4.24m, 0L), Of(report.Poor, "nguoiCoCong"));
        Assert.Equal((1357L, 3.18m), (report.NearPoor.Households, report.NearPoor.Rate));
        Assert.Equal(new HouseholdRate(1357, 3.18m), report.NearPoor.ExcludingNguoiCoCong);
    }

    [Fact]
    public void Each_group_counts_the_households_known_to_be_in_it_with_the_unknown_beside()
    {
        var calculator = new GroupsCalculator(2025);
        // A: female head, an elderly member, a disabled one, a child; ethnic minority.
        calculator.Add(Household("ngheo", 3, [], ethnicMinority: true) with
        {
            Members = new MemberProfile { Members = 3, Aged15Plus = 2, WithLabourCapacity = 1, WithoutLabourCapacity = 1, Elderly = 1, Children = 1, Disabled = 1, HeadFemale = true },
        });
        // B: nobody able to work, every answer given, complete list: without labour capacity; no elderly, disabled or child.
        calculator.Add(Household("ngheo", 2, []) with
        {
            Members = new MemberProfile { Members = 2, Aged15Plus = 2, WithoutLabourCapacity = 2, HeadFemale = false },
        });
        // C: no member rows: every member group unknown; ethnic minority blank.
        calculator.Add(Household("ngheo", 4, [], ethnicMinority: null));
        // D: near-poor, not counted among the poor.
        calculator.Add(Household("can_ngheo", 1, []) with { Members = new MemberProfile { Members = 1, Aged15Plus = 1, Elderly = 1 } });

        var poor = calculator.Build(50).Poor;

        Assert.Equal((3L, 6m, 1L), (poor.Households, poor.Rate, poor.HouseholdsWithoutMembers));
        Assert.Equal((1L, 33.33m, 1L), Of(poor, "ethnicMinority"));
        Assert.Equal((1L, 33.33m, 1L), Of(poor, "femaleHeaded"));
        Assert.Equal((1L, 33.33m, 1L), Of(poor, "withoutLabourCapacity"));
        Assert.Equal((1L, 33.33m, 1L), Of(poor, "withElderly"));
        Assert.Equal((1L, 33.33m, 1L), Of(poor, "withDisabled"));
        Assert.Equal((1L, 33.33m, 1L), Of(poor, "withChildren"));
        Assert.Equal(
            ["ethnicMinority", "nguoiCoCong", "femaleHeaded", "withoutLabourCapacity", "withElderly", "withDisabled", "withChildren"],
            poor.Groups.Keys);
        Assert.Equal("Hộ có chủ hộ là nữ", poor.Groups["femaleHeaded"].Name);
        Assert.Equal(1, calculator.Build(50).NearPoor.Groups["withElderly"].Households);
    }

    [Fact]
    public void A_member_list_shorter_than_the_household_cannot_say_nobody_is_elderly_or_able_to_work()
    {
        var calculator = new GroupsCalculator(2025);
        // 4 persons, 2 listed: neither elderly nor able to work among them, but the two missing could be.
        calculator.Add(Household("ngheo", 4, []) with { Members = new MemberProfile { Members = 2, Aged15Plus = 2, WithoutLabourCapacity = 2 } });

        var poor = calculator.Build(10).Poor;

        Assert.Equal((0L, 0m, 1L), Of(poor, "withElderly"));
        Assert.Equal((0L, 0m, 1L), Of(poor, "withoutLabourCapacity"));
    }

    [Fact]
    public void A_blank_labour_or_disability_answer_leaves_the_household_unknown_unless_another_member_settles_it()
    {
        var calculator = new GroupsCalculator(2025);
        // One blank labour answer, nobody able: unknown. One able member beside a blank: certainly not without capacity.
        calculator.Add(Household("ngheo", 2, []) with { Members = new MemberProfile { Members = 2, Aged15Plus = 2, WithoutLabourCapacity = 1, DisabilityUnknown = 2 } });
        calculator.Add(Household("ngheo", 2, []) with { Members = new MemberProfile { Members = 2, Aged15Plus = 2, WithLabourCapacity = 1, Disabled = 1, DisabilityUnknown = 1 } });

        var poor = calculator.Build(10).Poor;

        Assert.Equal((0L, 0m, 1L), Of(poor, "withoutLabourCapacity"));
        Assert.Equal((1L, 50m, 1L), Of(poor, "withDisabled"));
    }

    [Fact]
    public void Without_resident_households_the_rates_are_null_not_zero()
    {
        var calculator = new GroupsCalculator(2025);
        calculator.Add(Household("ngheo", 1, []));

        var report = calculator.Build(0);

        Assert.Null(report.Poor.Rate);
        Assert.Null(report.Poor.ExcludingNguoiCoCong.Rate);
    }

    private static (long Households, decimal Percent, long Unknown) Of(ClassGroups c, string group) =>
        (c.Groups[group].Households, c.Groups[group].Percent, c.Groups[group].Unknown);
}
