using GiamNgheo.Surveys.Reading;
using System.CommandLine;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Synthetic;

namespace GiamNgheo.Cli.Commands;

/// <summary><c>generate --province CODE --communes N --households N --seed S --out DIR</c>: synthetic surveys for demos and benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var province = new Option<string>("--province") { Description = "Mã tỉnh 2 chữ số.", Required = true };
        var communes = new Option<int>("--communes") { Description = "Số xã.", Required = true };
        var households = new Option<int>("--households") { Description = "Số hộ rà soát mỗi xã.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Hạt giống ngẫu nhiên (cùng hạt giống cho cùng kết quả).", DefaultValueFactory = _ => 1 };
        var year = new Option<int>("--year") { Description = "Năm rà soát.", DefaultValueFactory = _ => ReviewYear.Current(TimeProvider.System) };
        var format = new Option<string>("--format") { Description = "xlsx, csv-zip hoặc csv.", DefaultValueFactory = _ => "xlsx" };
        format.AcceptOnlyFromAmong("xlsx", "csv-zip", "csv");
        var outPath = new Option<string>("--out") { Description = "Thư mục ghi tệp.", Required = true };
        var command = new Command("generate", "Tạo phiếu rà soát giả lập với mã đơn vị hành chính thật.") { province, communes, households, seed, year, format, outPath };
        command.SetAction(parse =>
        {
            var options = new SyntheticOptions(
                parse.GetRequiredValue(province),
                parse.GetValue(communes),
                parse.GetValue(households),
                parse.GetValue(seed),
                parse.GetValue(year),
                parse.GetValue(format) switch
                {
                    "csv-zip" => SurveyFormat.CsvZip,
                    "csv" => SurveyFormat.CsvFolder,
                    _ => SurveyFormat.Xlsx,
                });
            if (options.Communes < 1 || options.HouseholdsPerCommune < 1)
            {
                error.WriteLine("Lỗi: --communes và --households phải lớn hơn 0.");
                return CliApp.BadInput;
            }

            try
            {
                var directory = parse.GetRequiredValue(outPath);
                Directory.CreateDirectory(directory);
                var files = new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default).Generate(options, directory);
                foreach (var file in files)
                    output.WriteLine(file);
                output.WriteLine($"Đã tạo {files.Count} phiếu xã, mỗi phiếu {options.HouseholdsPerCommune} hộ, năm {options.Year}.");
                return CliApp.Success;
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"Lỗi: {ex.Message}");
                return CliApp.BadInput;
            }
        });
        return command;
    }
}

/// <summary>The review year in progress, by the calendar in Vietnam.</summary>
internal static class ReviewYear
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static int Current(TimeProvider clock) => clock.GetUtcNow().ToOffset(VietnamOffset).Year;
}
