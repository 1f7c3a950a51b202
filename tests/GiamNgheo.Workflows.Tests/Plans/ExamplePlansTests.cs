using System.Text;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Workflows.Tests.Plans;

/// <summary>The seeds' reporting regimes as shipped example plans: valid, and with the deadlines the documents give.</summary>
public sealed class ExamplePlansTests
{
    public static TheoryData<string, string, string[]> Deadlines => new()
    {
        // Tu Mơ Rông 2022, V: agencies and communes "trước ngày 20/6" and "trước ngày 10/12" to the district.
        { "tu-mo-rong-2022", "617", ["6-thang=2022-06-20", "nam=2022-12-10"] },
        // The same section: the district's Phòng LĐ-TB&XH reports upward "trước ngày 30/6" and "trước ngày 15/12".
        { "tu-mo-rong-2022-bao-cao-huyen", "617", ["6-thang=2022-06-30", "nam=2022-12-15"] },
        // Thanh Liêm 2021, closing paragraph: "06 tháng (trước ngày 10/6), năm (trước ngày 15/11)".
        { "thanh-liem-2021", "351", ["6-thang=2021-06-10", "nam=2021-11-15"] },
        // Tháp Mười 2024, III.9: quarterly, 6-monthly and yearly, no dates given: assumed.
        { "thap-muoi-2024", "872", ["quy-1=2024-03-20", "6-thang=2024-06-20", "9-thang=2024-09-20", "nam=2024-12-10"] },
        // Đắk Tờ Re 2024, V.2: "báo cáo định kỳ hàng năm", no date given: assumed.
        { "dak-to-re-2024", "23494", ["nam=2024-12-05"] },
        // Ninh Thuận 2023: "định kỳ, đột xuất theo quy định", no dates given: assumed before TT 10/2022's 1 June and 1 December.
        { "ninh-thuan-2023", "58", ["6-thang=2023-05-20", "nam=2023-11-20"] },
    };

    [Fact]
    public void The_six_example_plans_are_listed_by_id()
    {
        Assert.Equal(["dak-to-re-2024", "ninh-thuan-2023", "thanh-liem-2021", "thap-muoi-2024", "tu-mo-rong-2022", "tu-mo-rong-2022-bao-cao-huyen"], ExamplePlans.Ids);
    }

    [Fact]
    public void Every_example_validates_and_carries_the_id_it_is_listed_by()
    {
        foreach (var id in ExamplePlans.Ids)
        {
            using var json = ExamplePlans.OpenJson(id);
            var result = PlanDocument.Read(json);

            Assert.True(result.IsValid, $"{id}: {string.Join(" | ", result.Issues)}");
            Assert.Equal(id, result.Plan.Id);
        }
    }

    [Fact]
    public void Every_example_file_is_the_canonical_JSON_of_its_plan()
    {
        foreach (var id in ExamplePlans.Ids)
        {
            using var json = ExamplePlans.OpenJson(id);
            using var text = new StreamReader(json, Encoding.UTF8);

            Assert.Equal(PlanDocument.ToJson(ExamplePlans.Load(id)) + "\n", text.ReadToEnd());
        }
    }

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void Each_example_has_the_unit_and_deadlines_taken_from_its_document(string id, string unitCode, string[] deadlines)
    {
        var plan = ExamplePlans.Load(id);

        Assert.Equal(unitCode, plan.UnitCode);
        Assert.Equal(deadlines, plan.Periods.Select(p => $"{p.Id}={p.Due:yyyy-MM-dd}"));
    }

    [Fact]
    public void Plans_whose_documents_give_no_dates_say_their_deadlines_are_assumed()
    {
        foreach (var id in new[] { "thap-muoi-2024", "dak-to-re-2024", "ninh-thuan-2023" })
        {
            var plan = ExamplePlans.Load(id);

            Assert.Contains("GIẢ ĐỊNH", plan.Note, StringComparison.Ordinal);
            Assert.All(plan.Periods, p => Assert.Contains("giả định", p.Label, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void District_plans_list_every_commune_the_district_had_in_the_plans_year_with_its_code()
    {
        foreach (var (id, district) in new[] { ("tu-mo-rong-2022", "617"), ("thanh-liem-2021", "351"), ("thap-muoi-2024", "872") })
        {
            var plan = ExamplePlans.Load(id);
            var on = ReviewYear.Of(plan.Year).ReferenceDate;
            var province = AdminUnitCatalog.Default.FindDistrict(district, on)!.ProvinceCode;
            var expected = AdminUnitCatalog.Default.CommunesOf(province, on).Where(c => c.DistrictCode == district).Select(c => c.Code);

            Assert.Equal(expected, plan.Reporters.Where(r => r.UnitCode is not null).Select(r => r.UnitCode));
            Assert.All(plan.Reporters.Where(r => r.UnitCode is not null), r => Assert.Equal($"xa-{r.UnitCode}", r.Id));
        }
    }

    [Fact]
    public void The_reporter_counts_are_the_agencies_and_units_named_in_each_document()
    {
        var counts = ExamplePlans.All().ToDictionary(p => p.Id, p => (Agencies: p.Reporters.Count(r => r.UnitCode is null), Units: p.Reporters.Count(r => r.UnitCode is not null)));

        Assert.Equal((13, 11), counts["tu-mo-rong-2022"]);
        Assert.Equal((1, 0), counts["tu-mo-rong-2022-bao-cao-huyen"]);
        Assert.Equal((16, 16), counts["thanh-liem-2021"]);
        Assert.Equal((5, 13), counts["thap-muoi-2024"]);
        Assert.Equal((6, 0), counts["dak-to-re-2024"]);
        Assert.Equal((5, 7), counts["ninh-thuan-2023"]);
    }

    [Fact]
    public void Named_agencies_are_in_the_plans_with_their_real_names()
    {
        var thanhLiem = ExamplePlans.Load("thanh-liem-2021");
        var tuMoRong = ExamplePlans.Load("tu-mo-rong-2022");

        Assert.Equal("Phòng Y tế", thanhLiem.Reporter("phong-y-te")!.Name);
        Assert.Equal("Phòng Giáo dục và Đào tạo", thanhLiem.Reporter("phong-gd-dt")!.Name);
        Assert.Equal("UBND thị trấn Kiện Khê", thanhLiem.Reporter("xa-13441")!.Name);
        Assert.Equal("UBND xã Tu Mơ Rông", tuMoRong.Reporter("xa-23422")!.Name);
        Assert.Equal("Phòng Dân tộc huyện", tuMoRong.Reporter("phong-dan-toc")!.Name);
        Assert.Equal("UBND thành phố Phan Rang-Tháp Chàm", ExamplePlans.Load("ninh-thuan-2023").Reporter("huyen-582")!.Name);
    }

    [Fact]
    public void Targets_carry_the_documents_numbers()
    {
        Assert.Equal((8.74m, "diem-phan-tram"), Target("tu-mo-rong-2022", "giam-ty-le-ho-ngheo"));
        Assert.Equal((1.49m, "%"), Target("thanh-liem-2021", "ty-le-ho-ngheo-cuoi-nam"));
        Assert.Equal((38m, "ho"), Target("dak-to-re-2024", "giam-ho-ngheo"));
        Assert.Equal((2.75m, "diem-phan-tram"), Target("dak-to-re-2024", "giam-ty-le-ho-ngheo"));
        Assert.Equal((78m, "ho"), Target("dak-to-re-2024", "giam-ho-can-ngheo"));
        Assert.Equal((5.64m, "diem-phan-tram"), Target("dak-to-re-2024", "giam-ty-le-ho-can-ngheo"));
        Assert.Equal((1.5m, "diem-phan-tram"), Target("ninh-thuan-2023", "giam-ty-le-ho-ngheo"));
        Assert.Equal((6m, "diem-phan-tram"), Target("ninh-thuan-2023", "giam-ty-le-ho-ngheo-huyen-ngheo"));
        Assert.Equal((264m, "ho"), Target("ninh-thuan-2023", "nha-o-huyen-ngheo"));
        Assert.Equal((206m, "nguoi"), Target("thap-muoi-2024", "viec-lam-ho-ngheo"));
    }

    [Fact]
    public void Every_contact_address_is_fictional_under_the_reserved_example_domain()
    {
        foreach (var plan in ExamplePlans.All())
        {
            Assert.EndsWith(".example", plan.Supervisor.Email, StringComparison.Ordinal);
            Assert.All(plan.Reporters, r => Assert.EndsWith(".example", r.Email, StringComparison.Ordinal));
            Assert.Contains("RFC 2606", plan.Note, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ids_are_unique_within_every_example()
    {
        foreach (var plan in ExamplePlans.All())
        {
            Assert.Equal(plan.Reporters.Count + 1, plan.Reporters.Select(r => r.Id).Append(plan.Supervisor.Id).Distinct().Count());
            Assert.Equal(plan.Periods.Count, plan.Periods.Select(p => p.Id).Distinct().Count());
            Assert.Equal(plan.Targets.Count, plan.Targets.Select(t => t.Id).Distinct().Count());
        }
    }

    [Fact]
    public void An_unknown_example_is_a_clear_error()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => ExamplePlans.Load("ha-noi-2030"));

        Assert.Contains("thanh-liem-2021", error.Message, StringComparison.Ordinal);
    }

    private static (decimal Value, string Unit) Target(string planId, string targetId)
    {
        var target = ExamplePlans.Load(planId).Targets.Single(t => t.Id == targetId);
        return (target.Value, target.Unit);
    }
}
