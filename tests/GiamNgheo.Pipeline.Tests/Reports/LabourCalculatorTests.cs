using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Rules.Scoring;
using static GiamNgheo.Pipeline.Tests.Reports.ReportHouseholds;

namespace GiamNgheo.Pipeline.Tests.Reports;

/// <summary>The lao-dong report reproduces Tháp Mười's labour table (seed 004) from the stored member profiles.</summary>
public sealed class LabourCalculatorTests
{
    // Tháp Mười's plan gives no total of resident households; 35,100 is one that reproduces both of its rates (1.09 %, 1.67 %).
    private const long ThapMuoiResidentHouseholds = 35_100;

    [Fact]
    public void Thap_Muoi_2024_poor_and_near_poor_rows_and_denominators_are_reproduced()
    {
        var calculator = new LabourCalculator(2024);
        // Poor: 382 households, 1,281 persons, 965 aged 15+: 676 able (387 employed, 51 without a job, 155 seeking one,
        // 75 studying, 4 not wanting to work, 4 homemakers), 289 unable to work.
        foreach (var h in Households("ngheo", 382, children: 1281 - 965, able: [387, 51, 155, 0, 75, 4, 4], unable: 289))
            calculator.Add(h);
        // Near-poor: 586 households, 2,083 persons, 1,560 aged 15+: 1,252 able (953, 29, 128, –, 131, 3, 8), 308 unable.
        foreach (var h in Households("can_ngheo", 586, children: 2083 - 1560, able: [953, 29, 128, 0, 131, 3, 8], unable: 308))
            calculator.Add(h);

        var report = calculator.Build(ThapMuoiResidentHouseholds);

        var poor = report.Poor;
        Assert.Equal((382L, 1.09m), (poor.Households, poor.HouseholdsRate));
        Assert.Equal(1281, poor.Persons);
        Assert.Equal(new Figure(965, 75.33m), poor.PersonsAged15Plus);
        Assert.Equal(new Figure(676, 52.77m), poor.WithLabourCapacity);
        Assert.Equal(new Figure(289, 22.56m), poor.WithoutLabourCapacity);
        Assert.Equal(
            [("co_viec_lam", 387, 40.1m), ("khong_co_viec_lam", 51, 5.28m), ("dang_tim_viec", 155, 16.06m), ("khong_co_kha_nang_lao_dong", 289, 29.95m),
                ("dang_di_hoc", 75, 7.77m), ("khong_muon_di_lam", 4, 0.41m), ("noi_tro", 4, 0.41m)],
            poor.Employment.Select(e => (e.Key, e.Value.Count, e.Value.Percent)));
        Assert.Equal(new Figure(0, 0), poor.EmploymentUnknown);
        // "206 người còn khả năng lao động thuộc hộ nghèo không có việc làm, đang tìm việc làm"; 289 without labour capacity.
        Assert.Equal((206L, 4L, 289L), (poor.SupportGroups.WithoutJob.Count, poor.SupportGroups.NotWantingToWork.Count, poor.SupportGroups.WithoutLabourCapacity.Count));

        var nearPoor = report.NearPoor;
        Assert.Equal((586L, 1.67m), (nearPoor.Households, nearPoor.HouseholdsRate));
        Assert.Equal(new Figure(1560, 74.89m), nearPoor.PersonsAged15Plus);
        Assert.Equal(new Figure(1252, 60.11m), nearPoor.WithLabourCapacity);
        Assert.Equal(new Figure(308, 14.79m), nearPoor.WithoutLabourCapacity);
        Assert.Equal(
            [61.09m, 1.86m, 8.21m, 19.74m, 8.4m, 0.19m, 0.51m],
            nearPoor.Employment.Values.Select(e => e.Percent));
        Assert.Equal(157, nearPoor.SupportGroups.WithoutJob.Count);
    }

    [Fact]
    public void Households_without_member_rows_are_counted_apart_and_weigh_in_no_percentage()
    {
        var calculator = new LabourCalculator(2025);
        calculator.Add(Household("ngheo", 2, []) with { Members = new MemberProfile { Members = 2, Aged15Plus = 2, WithLabourCapacity = 1 } });
        calculator.Add(Household("ngheo", 5, []));

        var poor = calculator.Build(100).Poor;

        Assert.Equal((2L, 1L, 5L), (poor.Households, poor.HouseholdsWithoutMembers, poor.PersonsInHouseholdsWithoutMembers));
        Assert.Equal(2, poor.Persons);
        Assert.Equal(new Figure(1, 50m), poor.WithLabourCapacity);
        Assert.Equal(new Figure(1, 50m), poor.LabourCapacityUnknown);
        Assert.Equal(new Figure(2, 100m), poor.EmploymentUnknown);
    }

    [Fact]
    public void Other_classes_are_not_counted_and_an_empty_class_has_zero_percentages()
    {
        var calculator = new LabourCalculator(2025);
        calculator.Add(Household("khong_ngheo", 3, []) with { Members = new MemberProfile { Members = 3, Aged15Plus = 3 } });

        var report = calculator.Build(0);

        Assert.Equal((0L, 0L, (decimal?)null), (report.Poor.Households, report.Poor.Persons, report.Poor.HouseholdsRate));
        Assert.Equal(new Figure(0, 0), report.NearPoor.PersonsAged15Plus);
    }

    // Spreads the class's members over its households (as the survey would list them), one profile per household.
    private static IEnumerable<HouseholdRecord> Households(string @class, int households, int children, int[] able, int unable)
    {
        var members = new List<(bool Adult, bool? Able, EmploymentStatus? Status)>();
        members.AddRange(Enumerable.Repeat((false, (bool?)null, (EmploymentStatus?)null), children));
        for (var s = 0; s < able.Length; s++)
            members.AddRange(Enumerable.Repeat((true, (bool?)true, (EmploymentStatus?)(EmploymentStatus)s), able[s]));
        members.AddRange(Enumerable.Repeat((true, (bool?)false, (EmploymentStatus?)EmploymentStatus.UnableToWork), unable));
        return members.Select((m, i) => (m, i)).GroupBy(x => x.i % households, x => x.m).Select(g =>
        {
            var list = g.ToList();
            var adults = list.Where(m => m.Adult).ToList();
            int Status(EmploymentStatus s) => adults.Count(m => m.Status == s);
            return Household(@class, list.Count, []) with
            {
                Members = new MemberProfile
                {
                    Members = list.Count,
                    Aged15Plus = adults.Count,
                    WithLabourCapacity = adults.Count(m => m.Able == true),
                    WithoutLabourCapacity = adults.Count(m => m.Able == false),
                    Employment = new EmploymentCounts
                    {
                        Employed = Status(EmploymentStatus.Employed),
                        NotEmployed = Status(EmploymentStatus.NotEmployed),
                        LookingForWork = Status(EmploymentStatus.LookingForWork),
                        UnableToWork = Status(EmploymentStatus.UnableToWork),
                        Studying = Status(EmploymentStatus.Studying),
                        NotWillingToWork = Status(EmploymentStatus.NotWillingToWork),
                        Homemaker = Status(EmploymentStatus.Homemaker),
                    },
                },
            };
        });
    }
}
