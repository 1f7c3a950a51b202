using System.Text;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using static GiamNgheo.Rules.Tests.Scoring.Households;

namespace GiamNgheo.Rules.Tests.Standards;

public class StandardCatalogTests
{
    [Theory]
    [InlineData(2021, null)]
    [InlineData(2022, "nd-07-2021")]
    [InlineData(2025, "nd-07-2021")]
    [InlineData(2026, "nd-07-2021")]
    [InlineData(2027, "nd-351-2025")]
    [InlineData(2030, "nd-351-2025")]
    [InlineData(2031, null)]
    public void Chooses_the_national_standard_by_review_year(int year, string? expected)
    {
        Assert.Equal(expected, StandardCatalog.Default.NationalFor(year)?.Id);
    }

    [Fact]
    public void Standard_2022_2026_has_the_twelve_indicators_of_Decree_07_in_legal_order()
    {
        var standard = StandardCatalog.Default.NationalFor(2024)!;

        Assert.Equal(
            ["viec_lam", "nguoi_phu_thuoc", "dinh_duong", "bhyt", "giao_duc_nguoi_lon", "tre_em_di_hoc", "chat_luong_nha_o", "dien_tich_nha_o", "nuoc_sinh_hoat", "nha_tieu", "vien_thong", "tiep_can_thong_tin"],
            standard.Indicators.Select(i => i.Key));
        Assert.False(standard.IndicatorsProvisional);
        Assert.Equal(Confidence.Confirmed, standard.IncomeLine.Provenance.Confidence);
        Assert.Equal(1_500_000, standard.IncomeLine.Value.Rural);
        Assert.Equal(2_000_000, standard.IncomeLine.Value.Urban);
        Assert.Equal(140, standard.B1Threshold!.Value.Rural);
        Assert.Equal(175, standard.B1Threshold.Value.Urban);
    }

    [Fact]
    public void Standard_2027_2030_is_marked_provisional_and_drops_information_assets()
    {
        var standard = StandardCatalog.Default.NationalFor(2027)!;

        Assert.True(standard.IndicatorsProvisional);
        Assert.Equal(Confidence.Unconfirmed, standard.IndicatorsProvenance.Confidence);
        Assert.DoesNotContain(standard.Indicators, i => i.Key == "tiep_can_thong_tin");
        Assert.Contains(standard.Indicators, i => i.Key == "xu_ly_rac_thai");
        Assert.Equal(12, standard.Indicators.Count);
        Assert.Null(standard.B1Threshold);
        Assert.Null(standard.MiddleLiving);
        Assert.Equal(2_200_000, standard.IncomeLine.Value.Rural);
        Assert.Equal(2_800_000, standard.IncomeLine.Value.Urban);
    }

    [Fact]
    public void Every_derivation_and_threshold_records_its_source()
    {
        foreach (var standard in StandardCatalog.Default.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(standard.IncomeLine.Provenance.Source));
            Assert.False(string.IsNullOrWhiteSpace(standard.DeprivationCutoff.Provenance.Source));
            Assert.All(standard.Derivations, d => Assert.False(string.IsNullOrWhiteSpace(d.Provenance.Source)));
        }
    }

    [Fact]
    public void Dong_Nai_local_standard_applies_in_addition_to_the_national_one()
    {
        // Rural, 1.8 M, two deprivations: above the national line, but poor under Đồng Nai's 2.0 M line and cut-off of 2.
        var result = Score(2024, Make(income: 1_800_000, deprived: ["bhyt", "nha_tieu"]), province: "75");

        Assert.Equal(HouseholdClass.NotPoor, result.National.Class);
        Assert.NotNull(result.Local);
        Assert.Equal("dia-phuong-75-2022-2025", result.Local!.Standard.Id);
        Assert.Equal(HouseholdClass.Poor, result.Local.Class);
    }

    [Fact]
    public void Province_without_a_local_standard_gets_only_the_national_result()
    {
        Assert.Null(Score(2024, Make(income: 1_800_000), province: "01").Local);
        Assert.Null(Score(2026, Make(income: 1_800_000), province: "75").Local);
    }

    [Fact]
    public void Local_standard_without_B1_threshold_leaves_B1_only_households_undecided_with_the_reason()
    {
        var result = Score(2024, Make(b1: 100), province: "75");

        Assert.Null(result.Local);
        Assert.Contains("điểm B1", result.LocalUndecided!.Message, StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_province_can_register_a_local_standard_from_json()
    {
        var catalog = StandardCatalog.Default.WithLocalStandard(Json(LocalStandard("48", 2027, 2030)), "test.json");

        var local = catalog.LocalFor("48", 2028);

        Assert.NotNull(local);
        Assert.Equal("nd-351-2025", local!.BasedOn);
        Assert.Equal(catalog.NationalFor(2028)!.Indicators, local.Indicators);
    }

    [Fact]
    public void Registering_a_second_local_standard_for_the_same_years_is_rejected()
    {
        var ex = Assert.Throws<InvalidDataException>(() =>
            StandardCatalog.Default.WithLocalStandard(Json(LocalStandard("75", 2024, 2024, id: "other")), "clash.json"));
        Assert.Contains("2024", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelt_keys_in_a_standard_file_are_rejected()
    {
        var json = LocalStandard("48", 2027, 2030).Replace("\"incomeLine\"", "\"incomeLines\"", StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => StandardCatalog.Default.WithLocalStandard(Json(json), "typo.json"));
    }

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string LocalStandard(string province, int from, int to, string id = "dia-phuong-test") => $$"""
        {
          "id": "{{id}}", "name": "Chuẩn thử", "scope": { "kind": "province", "provinceCode": "{{province}}", "basedOn": "{{(from >= 2027 ? "nd-351-2025" : "nd-07-2021")}}" },
          "years": [ { "from": {{from}}, "to": {{to}}, "source": "Nghị quyết thử", "confidence": "C1" } ],
          "incomeLine": { "rural": 2500000, "urban": 3000000, "source": "thử", "confidence": "C1" },
          "b1Threshold": null, "middleLiving": null,
          "deprivationCutoff": { "value": 3, "source": "thử", "confidence": "C1" },
          "b2PointsPerIndicator": { "value": 10, "source": "thử", "confidence": "C1" }
        }
        """;
}
