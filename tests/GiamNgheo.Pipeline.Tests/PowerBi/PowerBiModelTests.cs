using ClosedXML.Excel;
using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Pipeline.Tests.PowerBi;

/// <summary>The Power BI star schema as Excel and Parquet readers see it: its tables and columns, keys that join, pseudonyms
/// only, and the type-2 unit dimension resolving units before and after the 2025 reform.</summary>
public sealed class PowerBiModelTests(PowerBiModelOutput output) : IClassFixture<PowerBiModelOutput>
{
    /// <summary>The agreed schema (docs/power-bi.md): T text, I whole number, N decimal number, B boolean, D date, S timestamp.</summary>
    private static readonly Dictionary<string, string> Schema = new()
    {
        ["HoGiaDinh"] = "nam:I ma_tinh:T ma_huyen:T ma_xa:T ten_xa:T ma_nop:T ma_ho_an_danh:T thon:T phan_loai:T so_chi_so_thieu_hut:I diem_b2:I "
            + "chi_so_thieu_hut:T nguon_chi_so:T khu_vuc:T so_nhan_khau:I dan_toc_thieu_so:B kiem_dinh_thu_nhap:T gia_tri_kiem_dinh:N nguong_kiem_dinh:N "
            + "chuan_ap_dung:T phan_loai_dia_phuong:T chuan_dia_phuong:T giai_thich:T khoa_ho:T khoa_don_vi:T ngay_tham_chieu:D co_nguoi_co_cong:B",
        ["ThieuHutHo"] = "khoa_ho:T nam:I ma_ho_an_danh:T khoa_don_vi:T phan_loai:T khoa_chi_so:T chi_so:T nguon:T",
        ["DonVi"] = "nam:I cap:T ma_don_vi:T ten_don_vi:T ma_tinh:T ma_huyen:T so_xa_bao_cao:I tong_so_ho:I tong_so_nhan_khau:I ho_ngheo:I ho_can_ngheo:I "
            + "ho_muc_song_trung_binh:I ho_khong_ngheo:I ty_le_ho_ngheo:N ty_le_ho_can_ngheo:N ty_le_ho_muc_song_trung_binh:N nhan_khau_ngheo:I "
            + "nhan_khau_can_ngheo:I nhan_khau_muc_song_trung_binh:I nhan_khau_khong_ngheo:I khoa_don_vi:T",
        ["ThieuHut"] = "nam:I cap:T ma_don_vi:T phan_loai:T chi_so:T ten_chi_so:T so_ho:I khoa_don_vi:T khoa_chi_so:T",
        ["NopKhaoSat"] = "nam:I ma_nop:T ma_xa:T ma_huyen:T khoa_don_vi:T chuan:T tong_so_ho:I tong_so_nhan_khau:I so_ho_duoc_cham:I so_ho_ngheo:I so_ho_can_ngheo:I",
        ["BaoCaoDungHan"] = "nam:I ma_ke_hoach:T ten_ke_hoach:T ma_don_vi_ke_hoach:T khoa_don_vi:T ma_ky:T ten_ky:T han_nop:D ma_don_vi_bao_cao:T "
            + "ten_don_vi_bao_cao:T ma_hanh_chinh_bao_cao:T du_kien:B trang_thai:T ten_trang_thai:T thoi_diem_nop:S ngay_nop:D so_ngay_tre:I",
        ["DmDonVi"] = "khoa_don_vi:T ma_don_vi:T ten_don_vi:T cap:T ten_cap:T loai:T ma_tinh:T ma_huyen:T ma_cap_tren:T hieu_luc_tu:D hieu_luc_den:D hieu_luc_ngay_tham_chieu:B",
        ["DmNgay"] = "ngay:D nam:I quy:I thang:I ten_thang:T ngay_trong_thang:I thu_trong_tuan:I ten_thu:T nam_thang:T",
        ["DmChiSo"] = "khoa_chi_so:T chuan:T chi_so:T ten_chi_so:T chieu:T ten_chieu:T thu_tu:I nguon:T tam_thoi:B",
        ["DmChuan"] = "chuan:T ten_chuan:T quoc_gia:B ma_tinh:T tu_nam:I den_nam:I nguong_so_chi_so:I nguon:T",
        ["DmPhanLoai"] = "phan_loai:T ten_phan_loai:T thu_tu:I",
    };

    /// <summary>The Parquet physical and logical type of each kind: what Power BI, Fabric and Spark type the column by.</summary>
    private static readonly Dictionary<string, string> ParquetTypes = new()
    {
        ["T"] = "BYTE_ARRAY STRING", ["I"] = "INT64 ", ["N"] = "DOUBLE ", ["B"] = "BOOLEAN ", ["D"] = "INT32 DATE", ["S"] = "INT64 TIMESTAMP(utc, ms)",
    };

    [Fact]
    public void Every_entity_is_a_named_table_of_the_workbook_with_the_agreed_columns_and_the_old_tables_keep_their_sheets()
    {
        using var book = new XLWorkbook(new MemoryStream(output.Workbooks[2025]));

        var tables = book.Worksheets.SelectMany(w => w.Tables.Select(t => (Sheet: w.Name, t.Name, Columns: t.Fields.Select(f => f.Name).ToList()))).ToList();

        Assert.Equal(Schema.Keys.Order(), tables.Select(t => t.Name).Order());
        foreach (var t in tables)
            Assert.Equal(Columns(t.Name).Select(c => c.Name), t.Columns);
        Assert.Equal(("ho_gia_dinh", "don_vi", "thieu_hut"), (Sheet("HoGiaDinh"), Sheet("DonVi"), Sheet("ThieuHut")));

        string Sheet(string table) => tables.Single(t => t.Name == table).Sheet;
    }

    [Fact]
    public async Task Every_parquet_file_has_the_agreed_columns_and_types()
    {
        foreach (var table in PowerBiModel.Tables)
        {
            await using var reader = await output.ReaderAsync(2025, table);
            var fields = reader.Schema.GetDataFields();

            Assert.Equal(Columns(table.TableName).Select(c => c.Name), fields.Select(f => f.Name));
            Assert.Equal(Columns(table.TableName).Select(c => c.Type), fields.Select(f => TypeOf(f.SchemaElement!)));
            Assert.All(fields, f => Assert.True(f.IsNullable, $"{table.FileName}.{f.Name}"));
            Assert.Equal(table.TableName, reader.CustomMetadata["giamngheo.table"]);
        }
    }

    [Fact]
    public void A_parquet_file_read_back_gives_the_households_written()
    {
        var rows = output.Rows[2025]["HoGiaDinh"];
        var written = output.Households[2025];

        Assert.Equal(written.Count, rows.Count);
        var (commune, household) = written[3];
        var row = rows.Single(r => (string?)r["ma_ho_an_danh"] == output.Pseudonymiser.Pseudonymise(commune, household.HouseholdId));
        Assert.Equal(2025L, row["nam"]);
        Assert.Equal(commune, row["ma_xa"]);
        Assert.Equal("ngheo", row["phan_loai"]);
        Assert.Equal((long)household.Persons, row["so_nhan_khau"]);
        Assert.Equal(1_200_003d, row["gia_tri_kiem_dinh"]);
        Assert.Equal(false, row["dan_toc_thieu_so"]);
        Assert.Equal(new DateOnly(2025, 9, 1), row["ngay_tham_chieu"]);
        Assert.Equal(PowerBiModel.HouseholdKey(2025, (string)row["ma_ho_an_danh"]!), row["khoa_ho"]);
        Assert.Null(At(row, "ma_huyen"));

        var deprivations = output.Rows[2025]["ThieuHutHo"].Where(d => (string?)d["khoa_ho"] == (string?)row["khoa_ho"]).ToList();
        Assert.Equal(household.Deprivations, deprivations.Select(d => (string?)d["chi_so"]));
        Assert.Equal(["khai", "suy_ra", "suy_ra"], deprivations.Select(d => (string?)d["nguon"]));
    }

    [Fact]
    public void Timeliness_rows_carry_the_status_the_day_in_Vietnam_and_the_days_late()
    {
        var rows = output.Rows[2025]["BaoCaoDungHan"];

        Assert.Equal(PowerBiModelOutput.Timeliness.Count, rows.Count);
        var late = rows.Single(r => (string?)r["ma_don_vi_bao_cao"] == "so-gd" && (string?)r["ma_ky"] == "6-thang");
        Assert.Equal("Trễ hạn", late["ten_trang_thai"]);
        Assert.Equal(new DateOnly(2025, 6, 16), late["ngay_nop"]);
        Assert.Equal(1L, late["so_ngay_tre"]);
        var onTime = rows.Single(r => (string?)r["ma_don_vi_bao_cao"] == "so-y-te" && (string?)r["ma_ky"] == "6-thang");
        Assert.Equal(new DateOnly(2025, 6, 15), onTime["ngay_nop"]);
        Assert.Null(At(onTime, "so_ngay_tre"));
        Assert.Equal(new DateTime(2025, 6, 15, 16, 59, 0, DateTimeKind.Utc), ((DateTime)onTime["thoi_diem_nop"]!).ToUniversalTime());
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    public void Every_foreign_key_of_every_fact_finds_its_dimension_row_and_dimension_keys_are_unique(int year)
    {
        var rows = output.Rows[year];
        var units = Keys(rows, "DmDonVi", "khoa_don_vi");
        var indicators = Keys(rows, "DmChiSo", "khoa_chi_so");
        var standards = Keys(rows, "DmChuan", "chuan");
        var classes = Keys(rows, "DmPhanLoai", "phan_loai");
        var dates = rows["DmNgay"].Select(r => (DateOnly)r["ngay"]!).ToHashSet();
        var households = Keys(rows, "HoGiaDinh", "khoa_ho");

        Assert.Equal(output.Households[year].Count, households.Count);
        AllIn(rows, "HoGiaDinh", "khoa_don_vi", units);
        AllIn(rows, "HoGiaDinh", "phan_loai", classes);
        AllIn(rows, "HoGiaDinh", "chuan_ap_dung", standards);
        AllIn(rows, "ThieuHutHo", "khoa_ho", households);
        AllIn(rows, "ThieuHutHo", "khoa_don_vi", units);
        AllIn(rows, "ThieuHutHo", "khoa_chi_so", indicators);
        AllIn(rows, "ThieuHutHo", "phan_loai", classes);
        AllIn(rows, "DonVi", "khoa_don_vi", units);
        AllIn(rows, "ThieuHut", "khoa_don_vi", units);
        AllIn(rows, "ThieuHut", "phan_loai", classes);
        AllIn(rows, "NopKhaoSat", "khoa_don_vi", units);
        AllIn(rows, "NopKhaoSat", "chuan", standards);
        AllIn(rows, "BaoCaoDungHan", "khoa_don_vi", units);
        AllIn(rows, "DmChiSo", "chuan", standards);
        Assert.All(rows["HoGiaDinh"], r => Assert.Contains((DateOnly)r["ngay_tham_chieu"]!, dates));
        Assert.All(rows["BaoCaoDungHan"], r => Assert.Contains((DateOnly)r["han_nop"]!, dates));
        Assert.NotEmpty(rows["ThieuHutHo"]);
        Assert.Equal(dates.Max().DayNumber - dates.Min().DayNumber + 1, dates.Count);
    }

    [Fact]
    public void The_unit_dimension_holds_the_versions_before_and_after_the_reform_and_each_year_resolves_its_own()
    {
        var before = output.Rows[2024]["HoGiaDinh"].Select(r => (string)r["khoa_don_vi"]!).ToHashSet();
        var after = output.Rows[2025]["HoGiaDinh"].Select(r => (string)r["khoa_don_vi"]!).ToHashSet();
        var dimension = output.Rows[2025]["DmDonVi"].ToDictionary(r => (string)r["khoa_don_vi"]!);

        Assert.Superset(before, dimension.Keys.ToHashSet());
        Assert.Superset(after, dimension.Keys.ToHashSet());
        Assert.All(before, k => Assert.True(At(dimension[k], "hieu_luc_den") is DateOnly end && end < AdminUnitCatalog.TwoTierFrom, k));
        Assert.All(after, k => Assert.Equal(true, dimension[k]["hieu_luc_ngay_tham_chieu"]));
        Assert.All(before, k => Assert.NotNull(At(dimension[k], "ma_huyen")));
        Assert.Contains(dimension.Values, u => (string?)At(u, "cap") == "huyen");
        Assert.Equal(output.Rows[2024]["DmDonVi"].Count, dimension.Count);
    }

    [Fact]
    public void Households_appear_only_under_their_pseudonym_in_every_table_of_both_formats()
    {
        foreach (var year in new[] { 2024, 2025 })
        {
            var workbook = PowerBiModelOutput.WorkbookText(output.Workbooks[year]);
            var parquetText = output.Rows[year].Values.SelectMany(t => t).SelectMany(r => r.Values).OfType<string>().ToList();
            foreach (var (commune, household) in output.Households[year])
            {
                Assert.DoesNotContain(household.HouseholdId, workbook, StringComparison.Ordinal);
                Assert.DoesNotContain(household.HeadName!, workbook, StringComparison.Ordinal);
                Assert.DoesNotContain(parquetText, t => t.Contains(household.HouseholdId, StringComparison.Ordinal) || t.Contains(household.HeadName!, StringComparison.Ordinal));
                Assert.Contains(output.Pseudonymiser.Pseudonymise(commune, household.HouseholdId), workbook, StringComparison.Ordinal);
            }

            foreach (var bytes in output.ParquetFiles[year].Values)
            {
                var raw = System.Text.Encoding.UTF8.GetString(bytes);
                Assert.All(output.Households[year], h => Assert.DoesNotContain(h.Household.HouseholdId, raw, StringComparison.Ordinal));
            }
        }
    }

    private static string TypeOf(Parquet.Meta.SchemaElement e) => e.Type + " " + e.LogicalType switch
    {
        { STRING: not null } => "STRING",
        { DATE: not null } => "DATE",
        { TIMESTAMP: { } t } => $"TIMESTAMP({(t.IsAdjustedToUTC ? "utc" : "local")}, {(t.Unit.MILLIS is null ? "other" : "ms")})",
        _ => "",
    };

    private static List<(string Name, string Type)> Columns(string table) =>
        [.. Schema[table].Split(' ').Select(c => c.Split(':')).Select(p => (p[0], ParquetTypes[p[1]]))];

    private static HashSet<string> Keys(Dictionary<string, List<IDictionary<string, object?>>> rows, string table, string column)
    {
        var keys = rows[table].Select(r => (string)At(r, column)!).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        return [.. keys];
    }

    private static void AllIn(Dictionary<string, List<IDictionary<string, object?>>> rows, string table, string column, HashSet<string> keys) =>
        Assert.All(rows[table], r => Assert.True(At(r, column) is string key && keys.Contains(key), $"{table}.{column} = {At(r, column)} has no dimension row"));

    /// <summary>A cell as Parquet.Net's untyped reader gives it: a null cell is left out of the row.</summary>
    private static object? At(IDictionary<string, object?> row, string column) => row.TryGetValue(column, out var value) ? value : null;
}
