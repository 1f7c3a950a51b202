using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Rules.Tests.AdminUnits;

// Runs against the embedded data, so these double as a check that the committed import is complete.
public sealed class AdminUnitCatalogTests
{
    private static readonly AdminUnitCatalog Catalog = AdminUnitCatalog.Default;
    private static readonly DateOnly TwoTierDay = new(2025, 9, 1);
    private static readonly DateOnly ThreeTierDay = new(2024, 9, 1);
    private static readonly DateOnly LastThreeTierDay = new(2025, 6, 30);
    private static readonly DateOnly FirstTwoTierDay = new(2025, 7, 1);

    [Fact]
    public void Two_tier_day_has_34_provinces_3321_communes_and_no_districts()
    {
        var provinces = Catalog.Provinces(TwoTierDay);

        Assert.Equal(34, provinces.Count);
        Assert.Equal(3321, provinces.Sum(p => Catalog.CommunesOf(p.Code, TwoTierDay).Count));
        Assert.Equal(0, provinces.Sum(p => Catalog.DistrictsOf(p.Code, TwoTierDay).Count));
    }

    [Fact]
    public void Three_tier_day_has_63_provinces_696_districts_10035_communes()
    {
        var provinces = Catalog.Provinces(ThreeTierDay);

        Assert.Equal(63, provinces.Count);
        Assert.Equal(696, provinces.Sum(p => Catalog.DistrictsOf(p.Code, ThreeTierDay).Count));
        Assert.Equal(10035, provinces.Sum(p => Catalog.CommunesOf(p.Code, ThreeTierDay).Count));
    }

    [Fact]
    public void Two_tier_starts_on_reform_date()
    {
        Assert.False(AdminUnitCatalog.IsTwoTier(LastThreeTierDay));
        Assert.True(AdminUnitCatalog.IsTwoTier(FirstTwoTierDay));
        Assert.Equal(FirstTwoTierDay, AdminUnitCatalog.TwoTierFrom);
    }

    [Fact]
    public void Finds_three_tier_commune_on_last_day_before_reform()
    {
        var lookup = Catalog.FindCommune("00004", LastThreeTierDay);

        Assert.NotNull(lookup);
        Assert.Equal("Phường Trúc Bạch", lookup.Unit.Name);
        Assert.Equal("01", lookup.Unit.ProvinceCode);
        Assert.Equal("001", lookup.Unit.DistrictCode);
        Assert.Equal("Quận Ba Đình", Catalog.FindDistrict("001", LastThreeTierDay)?.Name);
        Assert.False(lookup.ViaAlias);
    }

    [Fact]
    public void Finds_two_tier_commune_after_reform_date()
    {
        var lookup = Catalog.FindCommune("00004", FirstTwoTierDay);

        Assert.NotNull(lookup);
        Assert.Equal("Phường Ba Đình", lookup.Unit.Name);
        Assert.Equal("phuong", lookup.Unit.Type);
        Assert.Equal("01", lookup.Unit.ProvinceCode);
        Assert.Null(lookup.Unit.DistrictCode);
        Assert.Null(Catalog.FindDistrict("001", FirstTwoTierDay));
    }

    [Fact]
    public void Legacy_only_commune_code_is_unknown_after_reform()
    {
        // 00001 Phường Phúc Xá was merged into 00097 Phường Hồng Hà.
        Assert.Equal("Phường Phúc Xá", Catalog.FindCommune("00001", ThreeTierDay)?.Unit.Name);
        Assert.Null(Catalog.FindCommune("00001", TwoTierDay));
    }

    [Fact]
    public void Reused_province_code_means_different_provinces_before_and_after_reform()
    {
        Assert.Equal("Tỉnh Bắc Giang", Catalog.FindProvince("24", ThreeTierDay)?.Name);
        Assert.Equal("Tỉnh Bắc Ninh", Catalog.FindProvince("24", TwoTierDay)?.Name);
    }

    [Theory]
    [InlineData("06978", "06970", "Xã Ba Chẽ")]
    [InlineData("23737", "23938", "Xã Ia Mơ")]
    public void Alias_code_resolves_to_two_tier_commune(string alias, string code, string name)
    {
        var lookup = Catalog.FindCommune(alias, TwoTierDay);

        Assert.NotNull(lookup);
        Assert.True(lookup.ViaAlias);
        Assert.Equal(alias, lookup.RequestedCode);
        Assert.Equal(code, lookup.Unit.Code);
        Assert.Equal(name, lookup.Unit.Name);
    }

    [Fact]
    public void Canonical_code_is_not_reported_as_alias()
    {
        var lookup = Catalog.FindCommune("06970", TwoTierDay);

        Assert.NotNull(lookup);
        Assert.False(lookup.ViaAlias);
        Assert.Equal("Xã Ba Chẽ", lookup.Unit.Name);
    }

    [Fact]
    public void Code_23737_before_reform_is_legacy_Ia_Mo_Nong_not_an_alias()
    {
        var lookup = Catalog.FindCommune("23737", ThreeTierDay);

        Assert.NotNull(lookup);
        Assert.False(lookup.ViaAlias);
        Assert.Equal("23737", lookup.Unit.Code);
        Assert.Equal("Xã Ia Mơ Nông", lookup.Unit.Name);
    }

    [Fact]
    public void Alias_is_not_valid_before_reform()
    {
        // 06978 was never a legacy code, and the alias only exists for the 2025 list.
        Assert.Null(Catalog.FindCommune("06978", LastThreeTierDay));
    }

    [Fact]
    public void Dong_Nai_becomes_a_city_on_2026_04_30()
    {
        var before = Catalog.FindProvince("75", new DateOnly(2026, 4, 29));
        var after = Catalog.FindProvince("75", new DateOnly(2026, 4, 30));

        Assert.Equal(("Tỉnh Đồng Nai", "tinh"), (before?.Name, before?.Type));
        Assert.Equal(("Thành phố Đồng Nai", "thanh_pho"), (after?.Name, after?.Type));
        Assert.Equal(new DateOnly(2026, 4, 29), before?.ValidTo);
        Assert.Equal(new DateOnly(2026, 4, 30), after?.ValidFrom);
    }

    [Fact]
    public void Commune_type_changes_from_xa_to_phuong_with_same_code()
    {
        var before = Catalog.FindCommune("25270", new DateOnly(2026, 4, 29))?.Unit;
        var after = Catalog.FindCommune("25270", new DateOnly(2026, 4, 30))?.Unit;

        Assert.Equal(("Xã Lộc Ninh", "xa"), (before?.Name, before?.Type));
        Assert.Equal(("Phường Lộc Ninh", "phuong"), (after?.Name, after?.Type));
        Assert.Equal("75", after?.ProvinceCode);
    }

    [Fact]
    public void Dong_Nai_communes_count_the_same_across_the_type_change()
    {
        // Versioning must not double-count a commune on the day its type changes.
        Assert.Equal(
            Catalog.CommunesOf("75", new DateOnly(2026, 4, 29)).Count,
            Catalog.CommunesOf("75", new DateOnly(2026, 4, 30)).Count);
        Assert.Equal(33, Catalog.CommunesOf("75", new DateOnly(2026, 5, 1)).Count(c => c.Type == "phuong"));
    }

    [Fact]
    public void Quang_Ninh_becomes_a_city_on_2026_09_01()
    {
        Assert.Equal("Tỉnh Quảng Ninh", Catalog.FindProvince("22", new DateOnly(2026, 8, 31))?.Name);
        Assert.Equal("Thành phố Quảng Ninh", Catalog.FindProvince("22", new DateOnly(2026, 9, 1))?.Name);
    }

    [Fact]
    public void Bac_Ninh_change_without_effective_date_is_not_applied()
    {
        var farFuture = new DateOnly(2030, 1, 1);

        var province = Catalog.FindProvince("24", farFuture);
        Assert.Equal(("Tỉnh Bắc Ninh", "tinh"), (province?.Name, province?.Type));
        Assert.Null(province?.ValidTo);
        var commune = Catalog.FindCommune("07294", farFuture)?.Unit;
        Assert.Equal(("Xã Bố Hạ", "xa"), (commune?.Name, commune?.Type));
    }

    [Fact]
    public void Communes_of_Ha_Noi_include_00004_and_are_sorted_by_code()
    {
        var communes = Catalog.CommunesOf("01", TwoTierDay);

        Assert.Contains(communes, c => c.Code == "00004" && c.Name == "Phường Ba Đình");
        Assert.All(communes, c => Assert.Equal("01", c.ProvinceCode));
        Assert.Equal(communes.Select(c => c.Code).Order(StringComparer.Ordinal), communes.Select(c => c.Code));
    }

    [Fact]
    public void Every_three_tier_commune_has_a_district_of_its_own_province()
    {
        foreach (var province in Catalog.Provinces(ThreeTierDay))
        {
            var districts = Catalog.DistrictsOf(province.Code, ThreeTierDay).Select(d => d.Code).ToHashSet();
            Assert.All(Catalog.CommunesOf(province.Code, ThreeTierDay), c => Assert.Contains(c.DistrictCode!, districts));
        }
    }

    [Theory]
    [InlineData("31", "318", "Huyện Bạch Long Vĩ")]
    [InlineData("45", "471", "Huyện Cồn Cỏ")]
    [InlineData("48", "498", "Huyện Hoàng Sa")]
    [InlineData("51", "536", "Huyện Lý Sơn")]
    [InlineData("77", "755", "Huyện Côn Đảo")]
    public void Commune_less_legacy_district_exists_without_communes(string province, string district, string name)
    {
        var unit = Catalog.FindDistrict(district, ThreeTierDay);

        Assert.Equal((name, "huyen", province), (unit?.Name, unit?.Type, unit?.ProvinceCode));
        Assert.DoesNotContain(Catalog.CommunesOf(province, ThreeTierDay), c => c.DistrictCode == district);
    }

    [Fact]
    public void District_level_city_gets_its_own_type()
    {
        Assert.Equal("thanh_pho_thuoc_tinh", Catalog.FindDistrict("769", ThreeTierDay)?.Type); // Thủ Đức
        Assert.Equal("quan", Catalog.FindDistrict("001", ThreeTierDay)?.Type);
    }

    [Fact]
    public void Split_commune_maps_to_several_new_communes()
    {
        // 00007 Phường Cống Vị was divided between 00008 Phường Ngọc Hà and 00025 Phường Giảng Võ.
        var rows = Catalog.NewCommunesOf("00007");

        Assert.True(rows.Count >= 2);
        Assert.All(rows, r => Assert.Equal(("00007", "split"), (r.OldCode, r.Kind)));
        Assert.Equal(rows.Count, rows.Select(r => r.NewCode).Distinct().Count());
        Assert.All(rows, r => Assert.NotNull(Catalog.FindCommune(r.NewCode, TwoTierDay)));
    }

    [Fact]
    public void New_commune_lists_its_old_communes()
    {
        var rows = Catalog.OldCommunesOf("00004");

        Assert.Contains(rows, r => r.OldCode == "00004");
        Assert.Contains(rows, r => r.OldCode == "00016" && r.Kind == "split"); // part of the old Phường Ngọc Hà
        Assert.All(rows, r => Assert.Equal("00004", r.NewCode));
    }

    [Fact]
    public void Every_legacy_commune_has_a_mapping()
    {
        var unmapped = Catalog.Provinces(ThreeTierDay)
            .SelectMany(p => Catalog.CommunesOf(p.Code, ThreeTierDay))
            .Where(c => Catalog.NewCommunesOf(c.Code).Count == 0)
            .Select(c => c.Code);

        Assert.Empty(unmapped);
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("")]
    [InlineData("abcde")]
    public void Unknown_code_returns_null(string code)
    {
        Assert.Null(Catalog.FindCommune(code, TwoTierDay));
        Assert.Null(Catalog.FindCommune(code, ThreeTierDay));
        Assert.Null(Catalog.FindProvince(code, TwoTierDay));
        Assert.Null(Catalog.FindDistrict(code, ThreeTierDay));
        Assert.Empty(Catalog.CommunesOf(code, TwoTierDay));
        Assert.Empty(Catalog.NewCommunesOf(code));
        Assert.Empty(Catalog.OldCommunesOf(code));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0004")]
    [InlineData("000004")]
    [InlineData(" 00004")]
    [InlineData("00004 ")]
    public void Commune_lookup_is_exact_on_the_digit_string(string code)
    {
        Assert.NotNull(Catalog.FindCommune("00004", TwoTierDay));
        Assert.Null(Catalog.FindCommune(code, TwoTierDay));
    }

    [Fact]
    public void Province_lookup_is_exact_on_the_digit_string()
    {
        Assert.NotNull(Catalog.FindProvince("01", TwoTierDay));
        Assert.Null(Catalog.FindProvince("1", TwoTierDay));
        Assert.Empty(Catalog.CommunesOf("1", TwoTierDay));
    }

    [Fact]
    public void Default_is_one_shared_instance_across_threads()
    {
        var seen = new AdminUnitCatalog[8];
        Parallel.For(0, seen.Length, i => seen[i] = AdminUnitCatalog.Default);

        Assert.All(seen, c => Assert.Same(Catalog, c));
    }

    [Fact]
    public void Returned_lists_cannot_change_the_shared_catalogue()
    {
        if (Catalog.NewCommunesOf("00007") is CommuneMapping[] rows)
            rows[0] = new CommuneMapping("x", "y", "z");
        if (Catalog.CommunesOf("01", TwoTierDay) is AdminUnit[] communes)
            Array.Clear(communes);

        Assert.Equal("00007", Catalog.NewCommunesOf("00007")[0].OldCode);
        Assert.NotNull(Catalog.CommunesOf("01", TwoTierDay)[0]);
    }
}
