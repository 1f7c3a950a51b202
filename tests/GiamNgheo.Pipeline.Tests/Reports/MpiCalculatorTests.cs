using System.Text.Json;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Reports;
using static GiamNgheo.Pipeline.Tests.Reports.ReportHouseholds;

namespace GiamNgheo.Pipeline.Tests.Reports;

/// <summary>The mpi report follows the Alkire–Foster definitions (OPHI; mpitb's H, A, M0, hd, hdk, actb, pctb).</summary>
public sealed class MpiCalculatorTests
{
    private const double Tolerance = 1e-12;

    // The web defaults (camelCase) are what the HTTP host writes with.
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    // Decree 07/2021: d = 12 indicators, cut-off 3, so w = 1/12 and k = 3/12.
    private static MpiCalculator HandExample(bool byCommune = true)
    {
        var mpi = new MpiCalculator(2024, Decree07, byCommune);
        // h1: 4 persons, rural, ethnic minority, 3 deprivations: poor (score 3/12).
        mpi.Add(Household("ngheo", 4, ["viec_lam", "bhyt", "nha_tieu"], "nong_thon", true), "00001");
        // h2: 2 persons, urban, 2 deprivations: not poor in the deprivation dimension.
        mpi.Add(Household("can_ngheo", 2, ["viec_lam", "dinh_duong"], "thanh_thi", false), "00001");
        // h3: 3 persons, rural, ethnicity blank, 6 deprivations: poor (score 6/12).
        mpi.Add(Household("ngheo", 3, ["viec_lam", "bhyt", "nha_tieu", "nuoc_sinh_hoat", "vien_thong", "dien_tich_nha_o"], "nong_thon", null), "00002");
        // h4: 1 person, urban, no deprivation.
        mpi.Add(Household("khong_ngheo", 1, [], "thanh_thi", false), "00002");
        return mpi;
    }

    [Fact]
    public void The_hand_computed_example_gives_H_A_and_M0()
    {
        var report = HandExample().Build();

        // N = 4 + 2 + 3 + 1 = 10 persons; the poor are h1 and h3: q = 7 persons.
        Assert.Equal(4, report.Households);
        Assert.Equal(10, report.Population);
        Assert.Equal(7, report.PoorPopulation);
        // H = q / N = 7 / 10.
        Assert.Equal(0.7, report.H, Tolerance);
        // A = (4 × 3/12 + 3 × 6/12) / 7 = (12 + 18) / (7 × 12) = 30 / 84.
        Assert.Equal(30.0 / 84, report.A, Tolerance);
        // M0 = 30 / (10 × 12) = 0.25, and H × A = 0.7 × 30/84 = 0.25.
        Assert.Equal(0.25, report.M0, Tolerance);
        Assert.Equal(12, report.IndicatorCount);
        Assert.Equal(3, report.DeprivationCutoff);
        Assert.Equal(0.25, report.K, Tolerance);
    }

    [Fact]
    public void The_hand_computed_example_gives_each_indicators_headcounts_and_contributions()
    {
        var indicators = HandExample().Build().Indicators.ToDictionary(i => i.Key);

        Assert.Equal(Decree07.Indicators.Select(i => i.Key), HandExample().Build().Indicators.Select(i => i.Key));
        // viec_lam: deprived h1, h2, h3 = 4 + 2 + 3 = 9 persons (hd 9/10); poor and deprived h1, h3 = 7 (hdk 7/10).
        Assert.Equal(0.9, indicators["viec_lam"].Hd, Tolerance);
        Assert.Equal(0.7, indicators["viec_lam"].Hdk, Tolerance);
        // actb = w × hdk = 0.7 / 12; pctb = actb / M0 = (0.7 / 12) / 0.25 = 7 / 30.
        Assert.Equal(0.7 / 12, indicators["viec_lam"].AbsoluteContribution, Tolerance);
        Assert.Equal(7.0 / 30, indicators["viec_lam"].PercentageContribution, Tolerance);
        Assert.Equal(1.0 / 12, indicators["viec_lam"].Weight, Tolerance);
        // dinh_duong: only h2 (2 persons, not poor): hd 2/10, censored away.
        Assert.Equal(0.2, indicators["dinh_duong"].Hd, Tolerance);
        Assert.Equal(0, indicators["dinh_duong"].Hdk);
        Assert.Equal(0, indicators["dinh_duong"].PercentageContribution);
        // nuoc_sinh_hoat: only h3 (3 persons, poor): hd = hdk = 3/10, pctb = (0.3 / 12) / 0.25 = 3 / 30.
        Assert.Equal(0.3, indicators["nuoc_sinh_hoat"].Hd, Tolerance);
        Assert.Equal(0.3, indicators["nuoc_sinh_hoat"].Hdk, Tolerance);
        Assert.Equal(0.1, indicators["nuoc_sinh_hoat"].PercentageContribution, Tolerance);
        Assert.Equal(0, indicators["tiep_can_thong_tin"].Hd);
    }

    [Fact]
    public void The_hand_computed_example_breaks_down_by_area_ethnicity_and_commune()
    {
        var groups = HandExample().Build().Subgroups;

        // Rural: h1 + h3 = 7 persons, all poor: H = 1, M0 = 30 / (7 × 12); share 7/10, so 0.7 × 30/84 = 0.25 = M0.
        var rural = groups.Area["nong_thon"];
        Assert.Equal(7, rural.Population);
        Assert.Equal(1, rural.H, Tolerance);
        Assert.Equal(30.0 / 84, rural.M0, Tolerance);
        Assert.Equal(0.7, rural.PopulationShare, Tolerance);
        // Urban: h2 + h4 = 3 persons, none poor.
        Assert.Equal(0, groups.Area["thanh_thi"].M0);
        Assert.Equal(0.3, groups.Area["thanh_thi"].PopulationShare, Tolerance);
        // Ethnic minority: h1 (4 persons, score 3/12: M0 = 12/48); not stated: h3 (3 persons, score 6/12: M0 = 0.5).
        Assert.Equal(["no", "unknown", "yes"], groups.EthnicMinority.Keys);
        Assert.Equal(0.25, groups.EthnicMinority["yes"].M0, Tolerance);
        Assert.Equal(0.5, groups.EthnicMinority["unknown"].M0, Tolerance);
        Assert.Equal(0, groups.EthnicMinority["no"].H);
        // Commune 00001: h1 + h2 = 6 persons, 4 poor: H = 4/6, M0 = 12 / (6 × 12) = 1/6.
        Assert.NotNull(groups.Commune);
        Assert.Equal(4.0 / 6, groups.Commune["00001"].H, Tolerance);
        Assert.Equal(1.0 / 6, groups.Commune["00001"].M0, Tolerance);
        // Commune 00002: h3 + h4 = 4 persons, 3 poor: M0 = 18 / (4 × 12) = 0.375.
        Assert.Equal(0.375, groups.Commune["00002"].M0, Tolerance);
    }

    [Fact]
    public void A_commune_report_has_no_commune_breakdown() =>
        Assert.Null(HandExample(byCommune: false).Build().Subgroups.Commune);

    [Fact]
    public void The_OPHI_identities_hold_on_a_mixed_population()
    {
        var report = MixedPopulation().Build();

        Assert.True(report.PoorPopulation > 0 && report.PoorPopulation < report.Population, "The population must mix poor and non-poor persons.");
        Assert.Equal(report.H * report.A, report.M0, Tolerance);
        Assert.Equal(report.M0, report.Indicators.Sum(i => i.Weight * i.Hdk), Tolerance);
        Assert.Equal(report.M0, report.Indicators.Sum(i => i.AbsoluteContribution), Tolerance);
        Assert.Equal(1, report.Indicators.Sum(i => i.PercentageContribution), Tolerance);
        Assert.All(report.Indicators, i => Assert.True(i.Hdk <= i.Hd, $"{i.Key}: censored above uncensored."));
        foreach (var breakdown in new[] { report.Subgroups.Commune!, report.Subgroups.Area, report.Subgroups.EthnicMinority })
        {
            Assert.True(breakdown.Count > 1, "Each breakdown must have several subgroups.");
            Assert.Equal(report.Population, breakdown.Values.Sum(g => g.Population));
            Assert.Equal(1, breakdown.Values.Sum(g => g.PopulationShare), Tolerance);
            Assert.Equal(report.M0, breakdown.Values.Sum(g => g.PopulationShare * g.M0), Tolerance);
            Assert.Equal(report.H, breakdown.Values.Sum(g => g.PopulationShare * g.H), Tolerance);
            Assert.All(breakdown.Values, g => Assert.Equal(g.H * g.A, g.M0, Tolerance));
        }
    }

    [Fact]
    public void A_household_with_exactly_the_cutoff_is_poor_and_one_fewer_is_not()
    {
        var mpi = new MpiCalculator(2024, Decree07, byCommune: false);
        mpi.Add(Household("ngheo", 1, ["viec_lam", "bhyt", "nha_tieu"]), "00001");
        mpi.Add(Household("can_ngheo", 1, ["viec_lam", "bhyt"]), "00001");

        var report = mpi.Build();

        // Only the first of the two single-person households is poor: H = 1/2, A = 3/12, M0 = 1/8.
        Assert.Equal(1, report.PoorPopulation);
        Assert.Equal(0.5, report.H, Tolerance);
        Assert.Equal(0.25, report.A, Tolerance);
        Assert.Equal(0.125, report.M0, Tolerance);
    }

    [Fact]
    public void An_empty_population_gives_zeros_not_NaN()
    {
        var report = new MpiCalculator(2024, Decree07, byCommune: true).Build();

        Assert.Equal(0, report.Population);
        Assert.Equal(0, report.H);
        Assert.Equal(0, report.A);
        Assert.Equal(0, report.M0);
        Assert.All(report.Indicators, i => Assert.Equal([0.0, 0.0, 0.0, 0.0], [i.Hd, i.Hdk, i.AbsoluteContribution, i.PercentageContribution]));
        Assert.Empty(report.Subgroups.Area);
    }

    [Fact]
    public void A_population_without_poor_persons_has_A_and_contributions_zero()
    {
        var mpi = new MpiCalculator(2024, Decree07, byCommune: false);
        mpi.Add(Household("can_ngheo", 5, ["viec_lam"]), "00001");

        var report = mpi.Build();

        Assert.Equal(0, report.A);
        // All 5 persons are deprived in viec_lam (hd = 1), none is poor (hdk = 0).
        Assert.Equal((1.0, 0.0), (report.Indicators[0].Hd, report.Indicators[0].Hdk));
        Assert.All(report.Indicators, i => Assert.Equal(0, i.PercentageContribution));
    }

    [Fact]
    public void A_household_of_zero_persons_is_counted_but_weighs_nothing()
    {
        var without = HandExample().Build();
        var mpi = HandExample();
        mpi.Add(Household("ngheo", 0, [.. Decree07.Indicators.Select(i => i.Key)], "thanh_thi"), "00003");

        var with = mpi.Build();

        Assert.Equal(without.Households + 1, with.Households);
        Assert.Equal(without.Population, with.Population);
        Assert.Equal((without.H, without.A, without.M0), (with.H, with.A, with.M0));
        Assert.Equal(0, with.Subgroups.Commune!["00003"].Population);
        Assert.Equal(0, with.Subgroups.Commune["00003"].PopulationShare);
    }

    [Fact]
    public void An_indicator_key_outside_the_standard_is_left_out_and_reported()
    {
        var mpi = new MpiCalculator(2024, Decree07, byCommune: false);
        // Two known deprivations and one unknown key: 2 < 3, so not poor.
        mpi.Add(Household("ngheo", 2, ["viec_lam", "bhyt", "khong_co_trong_chuan"]), "00001");
        mpi.Add(Household("ngheo", 1, ["khong_co_trong_chuan"]), "00001");

        var report = mpi.Build();

        Assert.Equal(0, report.H);
        Assert.Equal(new Dictionary<string, long> { ["khong_co_trong_chuan"] = 2 }, report.UnknownIndicators);
        Assert.DoesNotContain(report.Indicators, i => i.Key == "khong_co_trong_chuan");
    }

    [Fact]
    public void A_repeated_indicator_key_counts_once()
    {
        var mpi = new MpiCalculator(2024, Decree07, byCommune: false);
        mpi.Add(Household("ngheo", 1, ["viec_lam", "viec_lam", "bhyt"]), "00001");

        Assert.Equal(0, mpi.Build().H);
    }

    [Fact]
    public void A_household_scored_under_another_standard_is_refused() =>
        Assert.Throws<ArgumentException>(() => new MpiCalculator(2026, Decree07, byCommune: false)
            .Add(Household("ngheo", 3, ["viec_lam", "bhyt", "nha_tieu"], standard: "nd-351-2025"), "00001"));

    [Fact]
    public void A_household_of_negative_size_is_refused() =>
        Assert.Throws<ArgumentException>(() => new MpiCalculator(2024, Decree07, byCommune: false)
            .Add(Household("ngheo", -1, ["viec_lam", "bhyt", "nha_tieu"]), "00001"));

    [Fact]
    public void The_change_from_the_previous_year_is_absolute_and_relative()
    {
        var previous = new MpiCalculator(2023, Decree07, byCommune: false);
        // 2023: 2 single-person households, one poor with 6 deprivations: H = 0.5, A = 0.5, M0 = 0.25.
        previous.Add(Household("ngheo", 1, ["viec_lam", "bhyt", "nha_tieu", "nuoc_sinh_hoat", "vien_thong", "dien_tich_nha_o"]), "00001");
        previous.Add(Household("khong_ngheo", 1, []), "00001");
        var current = new MpiCalculator(2024, Decree07, byCommune: false);
        // 2024: 4 single-person households, one poor with 3 deprivations: H = 0.25, A = 0.25, M0 = 0.0625.
        current.Add(Household("ngheo", 1, ["viec_lam", "bhyt", "nha_tieu"]), "00001");
        for (var i = 0; i < 3; i++)
            current.Add(Household("khong_ngheo", 1, []), "00001");

        var change = current.Build().WithChangeFrom(previous.Build()).Change!;

        Assert.Equal(2023, change.PreviousYear);
        Assert.True(change.SameIndicators);
        // H: 0.25 − 0.5 = −0.25, relative −0.25 / 0.5 = −0.5.
        Assert.Equal(-0.25, change.H.Absolute, Tolerance);
        Assert.Equal(-0.5, change.H.Relative!.Value, Tolerance);
        // M0: 0.0625 − 0.25 = −0.1875, relative −0.75.
        Assert.Equal(-0.1875, change.M0.Absolute, Tolerance);
        Assert.Equal(-0.75, change.M0.Relative!.Value, Tolerance);
        Assert.Equal((0.5, 0.25), (change.A.Previous, change.A.Current));
    }

    [Fact]
    public void The_relative_change_from_zero_is_null()
    {
        var change = MeasureChange.Between(0, 0.1);

        Assert.Null(change.Relative);
        Assert.Equal(0.1, change.Absolute, Tolerance);
    }

    [Fact]
    public void A_previous_result_of_the_same_or_a_later_year_is_refused()
    {
        var report = HandExample().Build();

        Assert.Throws<ArgumentException>(() => report.WithChangeFrom(report));
    }

    [Fact]
    public async Task Households_streamed_in_give_the_same_report_as_households_added_one_by_one()
    {
        var mpi = new MpiCalculator(2024, Decree07, byCommune: true);
        await mpi.AddAsync(Stream(), "00001", CancellationToken.None);

        var streamed = mpi.Build();

        Assert.Equal(0.25, streamed.M0, Tolerance);
        Assert.Equal(["00001"], streamed.Subgroups.Commune!.Keys);

        static async IAsyncEnumerable<HouseholdRecord> Stream()
        {
            await Task.Yield();
            yield return Household("ngheo", 1, ["viec_lam", "bhyt", "nha_tieu", "nuoc_sinh_hoat", "vien_thong", "dien_tich_nha_o"]);
            yield return Household("khong_ngheo", 1, []);
        }
    }

    [Fact]
    public void The_JSON_names_H_A_and_M0_at_the_top_level_and_the_mpitb_names_per_indicator()
    {
        var json = JsonSerializer.SerializeToElement(HandExample().Build().WithChangeFrom(HandExample().Build() with { Year = 2023 }), WebJson);

        Assert.Equal(0.7, json.GetProperty("H").GetDouble(), Tolerance);
        Assert.Equal(30.0 / 84, json.GetProperty("A").GetDouble(), Tolerance);
        Assert.Equal(0.25, json.GetProperty("M0").GetDouble(), Tolerance);
        Assert.Equal(0.25, json.GetProperty("k").GetDouble(), Tolerance);
        var indicator = json.GetProperty("indicators")[0];
        Assert.Equal(["key", "name", "weight", "hd", "hdk", "actb", "pctb"], indicator.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, json.GetProperty("change").GetProperty("M0").GetProperty("absolute").GetDouble(), Tolerance);
        Assert.Equal(0.25, json.GetProperty("subgroups").GetProperty("area").GetProperty("nong_thon").GetProperty("M0").GetDouble() * 0.7, Tolerance);
    }

    // 600 households over 3 communes, both areas and all three ethnicity values, 0 to 12 deprivations each.
    private static MpiCalculator MixedPopulation()
    {
        var random = new Random(11);
        var keys = Decree07.Indicators.Select(i => i.Key).ToArray();
        var mpi = new MpiCalculator(2024, Decree07, byCommune: true);
        for (var h = 0; h < 600; h++)
        {
            var deprived = keys.Where(_ => random.NextDouble() < 0.2).ToArray();
            var area = random.Next(2) == 0 ? "nong_thon" : "thanh_thi";
            bool? ethnic = random.Next(3) switch { 0 => true, 1 => false, _ => null };
            mpi.Add(Household(deprived.Length >= 3 ? "ngheo" : "can_ngheo", random.Next(1, 9), deprived, area, ethnic), "0000" + random.Next(1, 4));
        }

        return mpi;
    }
}
