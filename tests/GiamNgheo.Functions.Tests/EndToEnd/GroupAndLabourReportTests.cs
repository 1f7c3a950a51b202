using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GiamNgheo.Access.Callers;
using GiamNgheo.Testing;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The nhom-dac-thu and lao-dong reports over HTTP, from member rows uploaded, scored and stored in Azurite.</summary>
public sealed partial class ReportTests
{
    [Fact]
    public async Task The_groups_report_counts_households_without_nguoi_co_cong_and_per_group_from_the_stored_member_profiles()
    {
        var commune = await UploadMembersSurveyAsync("92");

        // The profile went through the table and back: H01's mother is 65, disabled and unable to work; its head is a woman.
        var page = await _app.GetJsonAsync($"/api/units/2025/{commune}/households?pageSize=10");
        var h01 = page.GetProperty("items").EnumerateArray().Single(h => h.GetProperty("householdId").GetString() == "H01").GetProperty("members");
        Assert.Equal((3, 2, 1, 1, 1, 1, true),
            (h01.GetProperty("members").GetInt32(), h01.GetProperty("aged15Plus").GetInt32(), h01.GetProperty("withoutLabourCapacity").GetInt32(),
                h01.GetProperty("elderly").GetInt32(), h01.GetProperty("children").GetInt32(), h01.GetProperty("disabled").GetInt32(), h01.GetProperty("headFemale").GetBoolean()));
        // H05 listed nobody: no profile (the API leaves nulls out), never one of zeros.
        Assert.False(page.GetProperty("items").EnumerateArray().Single(h => h.GetProperty("householdId").GetString() == "H05").TryGetProperty("members", out _));

        using var analyst = _app.ClientWith(TestTokens.Shared.For(Role.Analyst, "92"));
        var report = await _app.GetJsonAsync("/api/units/2025/92/reports/nhom-dac-thu", analyst);

        Assert.Equal(200, report.GetProperty("residentHouseholds").GetInt64());
        var poor = report.GetProperty("poor");
        Assert.Equal((3, 1.5m, 1), (poor.GetProperty("households").GetInt64(), poor.GetProperty("rate").GetDecimal(), poor.GetProperty("householdsWithoutMembers").GetInt64()));
        Assert.Equal((2, 1m), (poor.GetProperty("excludingNguoiCoCong").GetProperty("households").GetInt64(), poor.GetProperty("excludingNguoiCoCong").GetProperty("rate").GetDecimal()));
        var groups = poor.GetProperty("groups");
        (long, decimal, long) Group(string key) =>
            (groups.GetProperty(key).GetProperty("households").GetInt64(), groups.GetProperty(key).GetProperty("percent").GetDecimal(), groups.GetProperty(key).GetProperty("unknown").GetInt64());
        Assert.Equal((1, 33.33m, 1), Group("ethnicMinority"));
        Assert.Equal((1, 33.33m, 1), Group("nguoiCoCong"));
        Assert.Equal((1, 33.33m, 1), Group("femaleHeaded"));
        Assert.Equal((0, 0m, 1), Group("withoutLabourCapacity"));
        Assert.Equal((1, 33.33m, 1), Group("withElderly"));
        Assert.Equal((1, 33.33m, 2), Group("withDisabled"));
        Assert.Equal((1, 33.33m, 1), Group("withChildren"));
        Assert.Equal(1, report.GetProperty("nearPoor").GetProperty("groups").GetProperty("withChildren").GetProperty("households").GetInt64());
    }

    [Fact]
    public async Task The_labour_report_gives_Thap_Muois_rows_with_their_denominators()
    {
        await UploadMembersSurveyAsync("96");

        using var analyst = _app.ClientWith(TestTokens.Shared.For(Role.Analyst, "96"));
        var report = await _app.GetJsonAsync("/api/units/2025/96/reports/lao-dong", analyst);

        var poor = report.GetProperty("poor");
        Assert.Equal((3, 1.5m, 1, 4, 5),
            (poor.GetProperty("households").GetInt64(), poor.GetProperty("householdsRate").GetDecimal(), poor.GetProperty("householdsWithoutMembers").GetInt64(),
                poor.GetProperty("personsInHouseholdsWithoutMembers").GetInt64(), poor.GetProperty("persons").GetInt64()));
        Assert.Equal((4, 80m), Figure(poor.GetProperty("personsAged15Plus")));
        Assert.Equal((3, 60m), Figure(poor.GetProperty("withLabourCapacity")));
        Assert.Equal((1, 20m), Figure(poor.GetProperty("withoutLabourCapacity")));
        Assert.Equal(
            [("co_viec_lam", 1L, 25m), ("khong_co_viec_lam", 0L, 0m), ("dang_tim_viec", 1L, 25m), ("khong_co_kha_nang_lao_dong", 1L, 25m),
                ("dang_di_hoc", 0L, 0m), ("khong_muon_di_lam", 0L, 0m), ("noi_tro", 1L, 25m)],
            poor.GetProperty("employment").EnumerateObject().Select(e => (e.Name, Figure(e.Value).Count, Figure(e.Value).Percent)));
        Assert.Equal((1, 25m), Figure(poor.GetProperty("supportGroups").GetProperty("withoutJob")));
        Assert.Equal((1, 25m), Figure(poor.GetProperty("supportGroups").GetProperty("withoutLabourCapacity")));

        var nearPoor = report.GetProperty("nearPoor");
        Assert.Equal((2, 100m), Figure(nearPoor.GetProperty("personsAged15Plus")));
        Assert.Equal((1, 50m), Figure(nearPoor.GetProperty("labourCapacityUnknown")));
        Assert.Equal((1, 50m), Figure(nearPoor.GetProperty("employment").GetProperty("dang_di_hoc")));
    }

    private static (long Count, decimal Percent) Figure(JsonElement figure) =>
        (figure.GetProperty("count").GetInt64(), figure.GetProperty("percent").GetDecimal());

    // Three poor households (H01 ethnic minority with a female head, a 14-year-old and a disabled mother of 65 unable to work;
    // H02 with a người có công member; H05 without member rows), one near-poor (H03) and one not poor (H04), in a commune
    // of 200 resident households.
    private async Task<string> UploadMembersSurveyAsync(string province)
    {
        var commune = SurveyPipelineTests.CommunesOf(province)[0];
        var sheets = new Dictionary<string, string>
        {
            ["thong_tin"] = $"nam,ma_tinh,ma_xa,tong_so_ho,tong_so_nhan_khau\n2025,{province},{commune},200,800\n",
            ["ho"] = string.Join('\n',
                "ma_ho,khu_vuc,so_nhan_khau,thu_nhap_binh_quan,tt_bhyt,tt_nha_tieu,tt_nuoc_sinh_hoat,tt_tre_em_di_hoc,tt_nguoi_phu_thuoc,tt_dinh_duong,tt_viec_lam,dan_toc_thieu_so,co_nguoi_co_cong",
                "H01,nong_thon,3,1200000,1,1,1,0,0,0,0,1,0",
                "H02,nong_thon,2,1300000,1,1,1,0,0,0,0,0,1",
                "H03,nong_thon,2,1400000,1,0,0,0,0,0,0,0,0",
                "H04,nong_thon,1,3000000,0,0,0,0,0,0,0,0,0",
                "H05,nong_thon,4,1100000,1,1,1,0,0,0,0,,") + "\n",
            ["thanh_vien"] = string.Join('\n',
                "ma_ho,ho_ten,gioi_tinh,nam_sinh,quan_he_chu_ho,kha_nang_lao_dong,tinh_trang_viec_lam,khuyet_tat",
                "H01,Lò Thị An,nu,1970,chủ hộ,1,co_viec_lam,0",
                "H01,Lò Văn Bình,nam,2011,con,,,0",
                "H01,Cà Thị Cúc,nu,1960,mẹ,0,khong_co_kha_nang_lao_dong,1",
                "H02,Trần Văn Dũng,nam,1980,chủ hộ,1,dang_tim_viec,",
                "H02,Lê Thị Em,nu,1985,vợ,1,noi_tro,",
                "H03,Phạm Thị Giang,nu,1990,chủ hộ,1,khong_co_viec_lam,0",
                "H03,Phạm Văn Hải,nam,2010,con,,dang_di_hoc,0",
                "H04,Vũ Văn Khánh,nam,1975,chủ hộ,1,co_viec_lam,0") + "\n",
        };
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (sheet, text) in sheets)
            {
                await using var entry = new StreamWriter(archive.CreateEntry(sheet + ".csv").Open(), new UTF8Encoding(false));
                await entry.WriteAsync(text);
            }
        }

        var submission = await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, commune, zip.ToArray()));
        Assert.Equal("scored", submission.GetProperty("status").GetString());
        await _app.WaitSummaryAsync(2025, province, s => s.GetProperty("communesReported").GetInt32() == 1);
        return commune;
    }
}
