using GiamNgheo.Surveys.Reading;
using System.Globalization;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Synthetic;
using Sylvan.Data.Csv;

namespace GiamNgheo.Synthetic.Tests;

/// <summary>The content of generated surveys: consistent households, members and codes.</summary>
public sealed class SyntheticHouseholdTests : IDisposable
{
    private static readonly SyntheticSurveyGenerator Generator = new(AdminUnitCatalog.Default, StandardCatalog.Default);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Csv_is_utf8_without_bom_with_keys_as_header_and_crlf_line_ends()
    {
        var folder = Write("00004", 2025, 20);

        var bytes = File.ReadAllBytes(Path.Combine(folder, "thong_tin.csv"));
        var text = File.ReadAllText(Path.Combine(folder, "thong_tin.csv"));

        Assert.Equal((byte)'n', bytes[0]);
        Assert.StartsWith("nam,ma_tinh,ma_xa,tong_so_ho,tong_so_nhan_khau,ky_ra_soat,ten_xa\r\n2025,01,00004,", text, StringComparison.Ordinal);
        Assert.EndsWith(",Phường Ba Đình\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_counts_the_reviewed_households_and_more()
    {
        var folder = Write("00004", 2025, 300);

        var info = Rows(folder, "thong_tin").Single();
        var persons = Rows(folder, "ho").Sum(h => int.Parse(h["so_nhan_khau"], CultureInfo.InvariantCulture));

        Assert.InRange(long.Parse(info["tong_so_ho"], CultureInfo.InvariantCulture), 301, 300 * 3);
        Assert.True(long.Parse(info["tong_so_nhan_khau"], CultureInfo.InvariantCulture) > persons);
        Assert.Equal("dinh_ky", info["ky_ra_soat"]);
    }

    [Fact]
    public void Years_before_the_reform_give_the_district()
    {
        var commune = AdminUnitCatalog.Default.CommunesOf("01", new DateOnly(2024, 9, 1))[0];

        var info = Rows(Write(commune.Code, 2024, 5), "thong_tin").Single();

        Assert.Equal(commune.DistrictCode, info["ma_huyen"]);
    }

    [Fact]
    public void Household_size_matches_its_members_and_is_mostly_three_or_four()
    {
        var folder = Write("00004", 2025, 2000);

        var sizes = Rows(folder, "ho").ToDictionary(h => h["ma_ho"], h => int.Parse(h["so_nhan_khau"], CultureInfo.InvariantCulture));
        var members = Rows(folder, "thanh_vien").GroupBy(m => m["ma_ho"]).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(2000, sizes.Count);
        Assert.Equal(sizes.OrderBy(s => s.Key), members.OrderBy(m => m.Key));
        Assert.All(sizes.Values, size => Assert.InRange(size, 1, 9));
        Assert.InRange(sizes.Values.Average(), 3.2, 4.0);
        Assert.Equal([3, 4], sizes.Values.CountBy(s => s).OrderByDescending(c => c.Value).Take(2).Select(c => c.Key).Order());
    }

    [Fact]
    public void Members_have_ages_and_sexes_consistent_with_their_relation_to_the_head()
    {
        var folder = Write("00004", 2025, 1000);

        foreach (var household in Rows(folder, "thanh_vien").GroupBy(m => m["ma_ho"]))
        {
            var members = household.ToList();
            var head = members[0];
            Assert.Equal("chủ hộ", head["quan_he_chu_ho"]);
            Assert.Single(members, m => m["quan_he_chu_ho"] == "chủ hộ");
            var headBorn = Born(head);
            foreach (var member in members.Skip(1))
            {
                var born = Born(member);
                Assert.InRange(born, 2025 - 120, 2025);
                switch (member["quan_he_chu_ho"])
                {
                    case "vợ":
                        Assert.Equal(("nam", "nu"), (head["gioi_tinh"], member["gioi_tinh"]));
                        break;
                    case "chồng":
                        Assert.Equal(("nu", "nam"), (head["gioi_tinh"], member["gioi_tinh"]));
                        break;
                    case "con":
                        Assert.True(born >= headBorn + 16, $"{household.Key}: con born {born}, head {headBorn}");
                        break;
                    case "cháu":
                        Assert.True(born >= headBorn + 35, $"{household.Key}: cháu born {born}, head {headBorn}");
                        break;
                    case "bố" or "mẹ":
                        Assert.True(born <= headBorn - 16, $"{household.Key}: parent born {born}, head {headBorn}");
                        break;
                    case "con dâu" or "con rể":
                        Assert.True(born >= headBorn + 10, $"{household.Key}: in-law born {born}, head {headBorn}");
                        break;
                    default:
                        Assert.Fail($"Unexpected relation \"{member["quan_he_chu_ho"]}\".");
                        break;
                }
            }
        }
    }

    [Fact]
    public void Names_are_vietnamese_and_children_share_a_parents_family_name()
    {
        var members = Rows(Write("00004", 2025, 500), "thanh_vien").ToList();

        Assert.All(members, m => Assert.True(m["ho_ten"].Split(' ').Length >= 3, m["ho_ten"]));
        Assert.InRange(members.Count(m => m["ho_ten"].StartsWith("Nguyễn ", StringComparison.Ordinal)) / (double)members.Count, 0.25, 0.5);
        Assert.Contains(members, m => m["ho_ten"].Contains(" Thị ", StringComparison.Ordinal));
        foreach (var household in members.GroupBy(m => m["ma_ho"]))
        {
            var parents = household.Where(m => m["quan_he_chu_ho"] is "chủ hộ" or "vợ" or "chồng").Select(Family).ToHashSet();
            Assert.All(household.Where(m => m["quan_he_chu_ho"] == "con"), child => Assert.Contains(Family(child), parents));
        }
    }

    [Fact]
    public void Citizen_id_encodes_birth_province_century_sex_and_birth_year_of_the_head()
    {
        var folder = Write("00004", 2025, 500);
        var heads = Rows(folder, "thanh_vien").Where(m => m["quan_he_chu_ho"] == "chủ hộ").ToDictionary(m => m["ma_ho"]);
        var provinces = AdminUnitCatalog.Default.Provinces(new DateOnly(2025, 6, 30)).Select(p => "0" + p.Code).ToHashSet();

        var ids = Rows(folder, "ho").Where(h => h["so_cccd_chu_ho"].Length > 0).ToList();

        Assert.InRange(ids.Count, 450, 500);
        foreach (var household in ids)
        {
            var id = household["so_cccd_chu_ho"];
            var head = heads[household["ma_ho"]];
            var born = Born(head);
            Assert.Matches("^[0-9]{12}$", id);
            Assert.Contains(id[..3], provinces);
            Assert.Equal((born >= 2000 ? 2 : 0) + (head["gioi_tinh"] == "nam" ? 0 : 1), id[3] - '0');
            Assert.Equal((born % 100).ToString("D2", CultureInfo.InvariantCulture), id[4..6]);
        }

        Assert.True(ids.Count(h => h["so_cccd_chu_ho"].StartsWith("001", StringComparison.Ordinal)) > ids.Count / 2);
    }

    [Fact]
    public void Wards_are_mostly_urban_and_rural_communes_mostly_rural()
    {
        var units = AdminUnitCatalog.Default.CommunesOf("01", new DateOnly(2025, 9, 1));
        var ward = units.First(u => u.Type == "phuong");
        var commune = units.First(u => u.Type == "xa");

        var wardAreas = Rows(Write(ward.Code, 2025, 400), "ho").Select(h => h["khu_vuc"]).ToList();
        var communeAreas = Rows(Write(commune.Code, 2025, 400), "ho").Select(h => h["khu_vuc"]).ToList();

        Assert.True(wardAreas.Count(a => a == "thanh_thi") > 360);
        Assert.True(communeAreas.Count(a => a == "nong_thon") > 360);
        Assert.Contains(communeAreas, a => a == "thanh_thi");
    }

    [Fact]
    public void Under_the_2022_standard_most_households_have_b1_points_and_every_one_b1_or_income()
    {
        var households = Rows(Write("00004", 2025, 1000), "ho").ToList();

        var withB1 = households.Count(h => h["diem_b1"].Length > 0);
        var withIncome = households.Count(h => h["thu_nhap_binh_quan"].Length > 0);

        Assert.InRange(withB1, 600, 800);
        Assert.InRange(withIncome, 500, 800);
        Assert.All(households, h => Assert.True(h["diem_b1"].Length > 0 || h["thu_nhap_binh_quan"].Length > 0));
    }

    [Fact]
    public void Under_the_2027_standard_every_household_has_income_and_no_b1_nor_agriculture_column()
    {
        var folder = Write("00004", 2027, 300);
        var header = File.ReadLines(Path.Combine(folder, "ho.csv")).First().Split(',');

        Assert.DoesNotContain("diem_b1", header);
        Assert.DoesNotContain("nlndn", header);
        Assert.DoesNotContain("tt_tiep_can_thong_tin", header);
        Assert.Contains("tt_xu_ly_rac_thai", header);
        Assert.All(Rows(folder, "ho"), h => Assert.NotEqual("", h["thu_nhap_binh_quan"]));
    }

    [Fact]
    public void Flags_mix_explicit_values_and_blanks()
    {
        var households = Rows(Write("00004", 2025, 500), "ho").ToList();

        foreach (var key in new[] { "tt_bhyt", "tt_nha_tieu" })
        {
            var values = households.Select(h => h[key]).ToList();
            Assert.Contains("1", values);
            Assert.Contains("0", values);
            Assert.Contains("", values);
        }
    }

    private string Write(string commune, int year, int households)
    {
        var folder = _temp.Sub($"{commune}-{year}-{households}");
        Generator.WriteCommune(commune, year, households, seed: 21, SurveyFormat.CsvFolder, folder);
        return folder;
    }

    private static IEnumerable<Dictionary<string, string>> Rows(string folder, string sheet)
    {
        using var csv = CsvDataReader.Create(Path.Combine(folder, sheet + ".csv"));
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < csv.FieldCount; i++)
                row[csv.GetName(i)] = csv.GetString(i);
            yield return row;
        }
    }

    private static int Born(Dictionary<string, string> member) => int.Parse(member["nam_sinh"], CultureInfo.InvariantCulture);

    private static string Family(Dictionary<string, string> member) => member["ho_ten"].Split(' ')[0];
}
