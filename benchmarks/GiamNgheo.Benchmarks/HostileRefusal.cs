using System.Diagnostics;
using System.Globalization;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;
using GiamNgheo.Synthetic;
using GiamNgheo.Testing;

namespace GiamNgheo.Benchmarks;

/// <summary>The cost of refusing each bomb of the hostile corpus (seconds and peak working set of a fresh process reading it as the
/// pipeline does), against scoring normal surveys measured in the same run.</summary>
internal static class HostileRefusal
{
    private const int BaselineHouseholds = 5_000;

    public static void Run()
    {
        var folder = Directory.CreateTempSubdirectory("giamngheo-hostile-").FullName;
        try
        {
            var generator = new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default);
            var baselines = new[] { ("xlsx", SurveyFormat.Xlsx, ".xlsx"), ("zip of CSVs", SurveyFormat.CsvZip, ".zip") }
                .Select(b => (Name: $"baseline: normal survey, {BaselineHouseholds:N0} households, {b.Item1}", Path: Write(folder, "baseline" + b.Item3, generator.CommuneFile("00004", 2025, BaselineHouseholds, 1, b.Item2))))
                .ToList();
            var bombs = HostileSurveys.For("01", "00004").Where(c => c.IsBomb)
                .Select((c, i) => (c.Name, Path: Write(folder, $"bomb{i}{Path.GetExtension(c.FileName)}", c.Build())))
                .ToList();

            var measured = baselines.Concat(bombs).Select(f => (f.Name, Bytes: new FileInfo(f.Path).Length, Result: Measure(f.Path))).ToList();
            var baseSeconds = measured.Take(baselines.Count).Max(m => m.Result.Seconds);
            var basePeak = measured.Take(baselines.Count).Max(m => m.Result.Peak);
            Console.WriteLine("| file | compressed KB | outcome | seconds | × baseline | peak working set MB | × baseline |");
            Console.WriteLine("|---|---:|---|---:|---:|---:|---:|");
            foreach (var (name, bytes, (outcome, peak, seconds)) in measured)
                Console.WriteLine(FormattableString.Invariant($"| {name} | {bytes / 1024.0:N0} | {outcome} | {seconds:0.00} | {seconds / baseSeconds:0.00} | {peak / 1048576.0:0} | {(double)peak / basePeak:0.00} |"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads one file as the pipeline does (open, quick check, score) in this process; prints outcome, peak working set and seconds.</summary>
    public static void MeasureHere(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        string outcome;
        try
        {
            using var source = SurveySource.Open(path);
            var result = new SurveyScorer(StandardCatalog.Default, AdminUnitCatalog.Default).Score(source, new SurveyExpectations(2025, "00004"), new Scoring.CountingSink());
            outcome = result.Succeeded ? "scored" : "rejected";
        }
        catch (SurveyFormatException)
        {
            outcome = "refused-at-open";
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant($"{outcome} {process.PeakWorkingSet64} {stopwatch.Elapsed.TotalSeconds:0.000}"));
    }

    private static string Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (string Outcome, long Peak, double Seconds) Measure(string path)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileName(Environment.ProcessPath) is "dotnet" or "dotnet.exe")
            start.ArgumentList.Add(typeof(HostileRefusal).Assembly.Location);
        start.ArgumentList.Add("measure-refusal");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        process.WaitForExit();
        return (line[0], long.Parse(line[1], CultureInfo.InvariantCulture), double.Parse(line[2], CultureInfo.InvariantCulture));
    }
}
