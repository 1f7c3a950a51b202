using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;

namespace GiamNgheo.Benchmarks;

/// <summary>Scoring a province-scale survey against just reading the same file, per format (ratios within a category).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SurveyScoringBenchmarks
{
    private string _csv = "";
    private string _xlsx = "";

    [Params(200_000)]
    public int Households { get; set; }

    [GlobalSetup]
    public void Setup() => (_csv, _xlsx) = BenchmarkData.Ensure(Households);

    [Benchmark(Baseline = true, Description = "read CSV (Sylvan)")]
    [BenchmarkCategory("csv")]
    public long ReadCsv() => RawReads.CsvFolder(_csv);

    [Benchmark(Description = "score CSV")]
    [BenchmarkCategory("csv")]
    public int ScoreCsv() => Scoring.Score(_csv, BenchmarkData.Year, writeResults: false);

    [Benchmark(Description = "score CSV + write results")]
    [BenchmarkCategory("csv")]
    public int ScoreCsvAndWrite() => Scoring.Score(_csv, BenchmarkData.Year, writeResults: true);

    [Benchmark(Baseline = true, Description = "read xlsx (own streaming reader)")]
    [BenchmarkCategory("xlsx")]
    public long ReadXlsx() => RawReads.Xlsx(_xlsx);

    [Benchmark(Description = "read xlsx (ExcelDataReader)")]
    [BenchmarkCategory("xlsx")]
    public long ReadXlsxWithExcelDataReader() => RawReads.XlsxExcelDataReader(_xlsx);

    [Benchmark(Description = "score xlsx")]
    [BenchmarkCategory("xlsx")]
    public int ScoreXlsx() => Scoring.Score(_xlsx, BenchmarkData.Year, writeResults: false);

    [Benchmark(Description = "score xlsx + write results")]
    [BenchmarkCategory("xlsx")]
    public int ScoreXlsxAndWrite() => Scoring.Score(_xlsx, BenchmarkData.Year, writeResults: true);
}
