using System.CommandLine;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Template;

namespace GiamNgheo.Cli.Commands;

/// <summary><c>template --year YYYY --out FILE.xlsx</c>: writes the blank survey template of a review year.</summary>
internal static class TemplateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var year = new Option<int>("--year") { Description = "Năm rà soát.", Required = true };
        var outPath = new Option<string>("--out") { Description = "Tệp .xlsx sẽ ghi.", Required = true };
        var command = new Command("template", "Ghi mẫu phiếu rà soát (xlsx) của một năm.") { year, outPath };
        command.SetAction(parse =>
        {
            var y = parse.GetValue(year);
            if (StandardCatalog.Default.NationalFor(y) is null)
            {
                error.WriteLine($"Lỗi: chưa có chuẩn nghèo cho năm {y}.");
                return CliApp.BadInput;
            }

            var path = parse.GetRequiredValue(outPath);
            using var staged = new StagedFile(path);
            SurveyTemplate.Write(staged.Stream, y, StandardCatalog.Default);
            staged.Commit();
            output.WriteLine($"Đã ghi mẫu phiếu năm {y} vào {Path.GetFullPath(path)}.");
            return CliApp.Success;
        });
        return command;
    }
}
