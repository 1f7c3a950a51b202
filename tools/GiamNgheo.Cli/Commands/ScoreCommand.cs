using System.CommandLine;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Cli.Commands;

/// <summary><c>score INPUT --year YYYY --out OUTPUT.csv</c>: scores a survey and writes one row per household.</summary>
internal static class ScoreCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("input") { Description = "Tệp .xlsx, tệp .zip các CSV, hoặc thư mục chứa thong_tin.csv, ho.csv, thanh_vien.csv." };
        var year = new Option<int>("--year") { Description = "Năm rà soát; phải trùng với thong_tin.nam.", Required = true };
        var outPath = new Option<string>("--out") { Description = "Tệp CSV kết quả.", Required = true };
        var localStandards = new Option<string[]>("--local-standard") { Description = "Tệp JSON chuẩn nghèo địa phương (có thể lặp lại).", AllowMultipleArgumentsPerToken = true };
        var maxSize = new Option<int>("--max-size-mb") { Description = "Kích thước tệp tối đa (MB).", DefaultValueFactory = _ => 200 };
        var command = new Command("score", "Chấm điểm, phân loại từng hộ và in tổng hợp.") { input, year, outPath, localStandards, maxSize };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(input),
            parse.GetValue(year),
            parse.GetRequiredValue(outPath),
            parse.GetValue(localStandards) ?? [],
            parse.GetValue(maxSize),
            output,
            error));
        return command;
    }

    private static int Run(string inputPath, int year, string outputPath, string[] localStandardFiles, int maxSizeMb, TextWriter output, TextWriter error)
    {
        StandardCatalog standards;
        try
        {
            standards = LocalStandards.Register(StandardCatalog.Default, localStandardFiles);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            error.WriteLine($"Lỗi — tệp chuẩn địa phương: {ex.Message}");
            return CliApp.BadInput;
        }

        var limits = SurveyLimits.Default with { MaxFileBytes = (long)maxSizeMb << 20 };
        var scorer = new SurveyScorer(standards, AdminUnitCatalog.Default, limits);
        using var staging = new StagedFile(outputPath);
        SurveyOutcome outcome;
        try
        {
            using var source = SurveySource.Open(inputPath, limits);
            using (var writer = new ScoredHouseholdCsvWriter(staging.Stream))
            {
                outcome = scorer.Score(source, new SurveyExpectations(year), writer);
            }
        }
        catch (SurveyFormatException ex)
        {
            error.WriteLine(new SurveyIssue(IssueSeverity.Error, ex.Sheet, ex.Row, ex.Column, null, ex.Message));
            error.WriteLine("Không ghi tệp kết quả.");
            return CliApp.BadInput;
        }

        foreach (var issue in outcome.Issues.Listed)
            error.WriteLine(issue);
        if (outcome.Issues.OmittedSummary() is { } omitted)
            error.WriteLine(omitted);

        if (!outcome.Succeeded)
        {
            error.WriteLine($"Có {outcome.Issues.ErrorCount} lỗi. Không ghi tệp kết quả; hãy sửa tệp và chạy lại.");
            return CliApp.BadInput;
        }

        staging.Commit();
        SummaryPrinter.Print(outcome, output);
        output.WriteLine($"Đã ghi {outcome.HouseholdsScored} hộ vào {Path.GetFullPath(outputPath)}.");
        return CliApp.Success;
    }
}

/// <summary>Reads local standard files given on the command line.</summary>
internal static class LocalStandards
{
    public static StandardCatalog Register(StandardCatalog catalog, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            catalog = catalog.WithLocalStandard(stream, Path.GetFileName(file));
        }

        return catalog;
    }
}
