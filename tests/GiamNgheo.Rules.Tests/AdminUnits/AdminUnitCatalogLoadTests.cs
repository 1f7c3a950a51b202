using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Rules.Tests.AdminUnits;

// Load is the seam the embedded data goes through; these pin down the file format with tiny inputs.
public sealed class AdminUnitCatalogLoadTests
{
    private const string UnitsHeader = "level,code,name,type,province_code,district_code,valid_from,valid_to\n";
    private const string MappingHeader = "old_code,new_code,kind\n";
    private const string AliasesHeader = "alias_code,code,level,valid_from,note\n";
    private static readonly DateOnly Day = new(2025, 9, 1);

    private static AdminUnitCatalog Load(string unitRows, string mappingRows = "", string aliasRows = "") =>
        AdminUnitCatalog.Load(
            new StringReader(UnitsHeader + unitRows),
            new StringReader(MappingHeader + mappingRows),
            new StringReader(AliasesHeader + aliasRows));

    [Fact]
    public void Parses_quoted_name_with_comma_and_doubled_quote()
    {
        var catalog = Load(
            "province,01,Thành phố Hà Nội,thanh_pho,01,,2025-07-01,\n" +
            "commune,00004,\"Phường \"\"Ba\"\", Đình\",phuong,01,,2025-07-01,\n");

        Assert.Equal("Phường \"Ba\", Đình", catalog.FindCommune("00004", Day)?.Unit.Name);
    }

    [Fact]
    public void Accepts_crlf_line_ends_and_a_missing_final_newline()
    {
        var catalog = AdminUnitCatalog.Load(
            new StringReader(UnitsHeader.Replace("\n", "\r\n") + "province,01,Thành phố Hà Nội,thanh_pho,01,,2025-07-01,"),
            new StringReader(MappingHeader),
            new StringReader(AliasesHeader));

        var province = catalog.FindProvince("01", Day);
        Assert.NotNull(province);
        Assert.Null(province.ValidTo);
    }

    [Fact]
    public void Unsorted_rows_still_give_code_order()
    {
        var catalog = Load(
            "commune,00008,Phường Ngọc Hà,phuong,01,,2025-07-01,\n" +
            "province,01,Thành phố Hà Nội,thanh_pho,01,,2025-07-01,\n" +
            "commune,00004,Phường Ba Đình,phuong,01,,2025-07-01,\n");

        Assert.Equal(["00004", "00008"], catalog.CommunesOf("01", Day).Select(c => c.Code));
    }

    [Fact]
    public void Rejects_overlapping_versions_of_one_code()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(
            "commune,00004,Phường A,phuong,01,,2025-07-01,\n" +
            "commune,00004,Phường B,phuong,01,,2026-01-01,\n"));

        Assert.Contains("overlapping", error.Message);
    }

    [Theory]
    [InlineData("commune,0004,Phường A,phuong,01,,2025-07-01,\n", "not a 5-digit code")]
    [InlineData("commune,00004,Phường A,phuong,01,,2025-07-01\n", "expected 8 fields")]
    [InlineData("commune,00004,Phường A,phuong,01,,01/07/2025,\n", "yyyy-MM-dd")]
    [InlineData("ward,00004,Phường A,phuong,01,,2025-07-01,\n", "unknown level")]
    [InlineData("commune,00004,\"Phường A,phuong,01,,2025-07-01,\n", "unterminated")]
    public void Rejects_malformed_row_with_its_line_number(string row, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(row));

        Assert.Contains("units.csv, line 2", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Rejects_unexpected_header()
    {
        Assert.Throws<InvalidDataException>(() => AdminUnitCatalog.Load(
            new StringReader("code,name\n"), new StringReader(MappingHeader), new StringReader(AliasesHeader)));
    }

    [Fact]
    public void Alias_applies_only_from_its_valid_from_date()
    {
        var catalog = Load(
            "commune,00002,Xã Cũ,xa,01,001,,2025-06-30\n" +
            "commune,00004,Xã Mới,xa,01,,2025-07-01,\n",
            aliasRows: "00001,00004,commune,2025-07-01,test alias\n");

        Assert.Null(catalog.FindCommune("00001", new DateOnly(2025, 6, 30)));
        Assert.True(catalog.FindCommune("00001", new DateOnly(2025, 7, 1))?.ViaAlias);
    }
}
