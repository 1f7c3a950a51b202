using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using static GiamNgheo.Rules.Tests.Scoring.Households;

namespace GiamNgheo.Rules.Tests.Scoring;

public class ExplanationTests
{
    [Fact]
    public void Explanation_names_the_standard_the_income_test_each_deprivation_and_the_class()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(30, insured: false));
        var result = Score(2024, Make(b1: 130, members: members, deprived: ["nha_tieu", "nuoc_sinh_hoat"]));

        var text = Explanation.Describe(result.National, AreaType.Rural);

        Assert.Contains("nd-07-2021", text, StringComparison.Ordinal);
        Assert.Contains("Điểm B1 130 ≤ 140", text, StringComparison.Ordinal);
        Assert.Contains("khai tt_nha_tieu = 1", text, StringComparison.Ordinal);
        Assert.Contains("suy ra: thành viên thứ 1 (30 tuổi) không có BHYT", text, StringComparison.Ordinal);
        Assert.EndsWith("Kết quả: Hộ nghèo.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_of_an_income_test_shows_the_line_in_dong()
    {
        var result = Score(2024, Make(income: 2_000_000, area: AreaType.Urban));

        var text = Explanation.Describe(result.National, AreaType.Urban);

        Assert.Contains("Thu nhập bình quân 2.000.000 ≤ 2.000.000 đồng/người/tháng", text, StringComparison.Ordinal);
        Assert.Contains("thành thị", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_names_a_member_by_relationship_and_age()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(45, relationship: "chủ hộ"), Member(73, insured: false, relationship: "mẹ", ordinal: 2),
            Member(4, malnourished: true, relationship: "con", ordinal: 3));
        var result = Score(2024, Make(income: 1_000_000, size: 3, members: members));

        var text = Explanation.Describe(result.National, AreaType.Rural);

        Assert.Contains("suy ra: mẹ (73 tuổi) không có BHYT", text, StringComparison.Ordinal);
        Assert.Contains("suy ra: con (4 tuổi) suy dinh dưỡng", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_names_a_member_without_a_known_relationship_by_position_and_age()
    {
        var scorer = Scorer(2024);
        var members = Members(scorer, Member(45), Member(30), Member(73, insured: false, ordinal: 3));
        var result = Score(2024, Make(income: 1_000_000, size: 3, members: members));

        var text = Explanation.Describe(result.National, AreaType.Rural);

        Assert.Contains("suy ra: thành viên thứ 3 (73 tuổi) không có BHYT", text, StringComparison.Ordinal);
    }
}
