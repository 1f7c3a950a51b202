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
        Assert.Contains("suy ra: thành viên Thành viên 30 (30 tuổi) không có BHYT", text, StringComparison.Ordinal);
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
}
