using System.Text;

namespace GiamNgheo.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter(new StringBuilder());
        var error = new StringWriter(new StringBuilder());
        var code = CliApp.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary working folder with a small valid survey in CSV form.</summary>
internal sealed class WorkFolder : IDisposable
{
    public WorkFolder() => Root = Directory.CreateTempSubdirectory("giamngheo-cli-").FullName;

    public string Root { get; }

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public string WriteSurvey(string info = "2025,01,00004,100,400", string? extraHousehold = null)
    {
        var folder = Path("survey");
        Directory.CreateDirectory(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "thong_tin.csv"), "nam,ma_tinh,ma_xa,tong_so_ho,tong_so_nhan_khau\n" + info + "\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "ho.csv"),
            "ma_ho,khu_vuc,so_nhan_khau,thu_nhap_binh_quan,tt_bhyt,tt_nha_tieu,tt_nuoc_sinh_hoat\n" +
            "H01,nong_thon,4,1200000,1,1,1\n" +
            "H02,thanh_thi,3,2500000,,,\n" +
            (extraHousehold is null ? "" : extraHousehold + "\n"));
        return folder;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
