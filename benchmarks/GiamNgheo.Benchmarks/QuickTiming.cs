using System.Diagnostics;

namespace GiamNgheo.Benchmarks;

/// <summary>A timing harness: each operation run in turn, best of N, reported as a ratio to the raw read of the same file.</summary>
/// <remarks>Interleaving the operations spreads the noise of a shared machine evenly over all of them.</remarks>
internal static class QuickTiming
{
    public static void Run(int households, int repetitions)
    {
        var (csv, xlsx) = BenchmarkData.Ensure(households);
        var operations = new (string Name, string Baseline, Func<object> Run)[]
        {
            ("read CSV (Sylvan)", "csv", () => RawReads.CsvFolder(csv)),
            ("score CSV", "csv", () => Scoring.Score(csv, BenchmarkData.Year, writeResults: false)),
            ("score CSV + write results", "csv", () => Scoring.Score(csv, BenchmarkData.Year, writeResults: true)),
            ("read xlsx (own streaming reader)", "xlsx", () => RawReads.Xlsx(xlsx)),
            ("read xlsx (ExcelDataReader)", "xlsx", () => RawReads.XlsxExcelDataReader(xlsx)),
            ("score xlsx", "xlsx", () => Scoring.Score(xlsx, BenchmarkData.Year, writeResults: false)),
            ("score xlsx + write results", "xlsx", () => Scoring.Score(xlsx, BenchmarkData.Year, writeResults: true)),
        };
        var best = operations.Select(_ => double.MaxValue).ToArray();
        foreach (var op in operations)
            op.Run();
        for (var r = 0; r < repetitions; r++)
        {
            for (var i = 0; i < operations.Length; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var stopwatch = Stopwatch.StartNew();
                operations[i].Run();
                best[i] = Math.Min(best[i], stopwatch.Elapsed.TotalSeconds);
            }
        }

        Console.WriteLine($"| operation ({households:N0} households) | best of {repetitions}, s | households/s | ratio to raw read |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (var i = 0; i < operations.Length; i++)
        {
            var baseline = best[Array.FindIndex(operations, o => o.Baseline == operations[i].Baseline)];
            Console.WriteLine(FormattableString.Invariant($"| {operations[i].Name} | {best[i]:0.000} | {households / best[i]:N0} | {best[i] / baseline:0.00} |"));
        }
    }
}
