using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using GiamNgheo.Benchmarks;
using GiamNgheo.Benchmarks.Hosting;
using GiamNgheo.Benchmarks.Reminders;

// Modes:
//   throughput [N]   BenchmarkDotNet: read vs score, CSV and xlsx, N households (default 200,000)
//   quick [N]        timing harness: the same comparisons, interleaved, best of 3 (minutes faster than BenchmarkDotNet)
//   memory [N…]      peak working set of one scoring run per file size, each in a fresh process
//   measure PATH     (internal) one scoring run; prints the process's peak working set in bytes
//   pipeline [N] [C] upload → summary through the local host (in this process) on Azurite: one commune of N households
//                    (default 5,000), then C communes at once (default 20), against Azurite storing the same entities directly
//   hosting [memory] [export] [crash] [summary] [--large N] [--communes N] [--households N]
//                    the local host as a child process on its own Azurite (all four scenarios when none is named):
//                    peak memory and upload answer time for 1 and 4 uploads of N households (default 200,000); 10 concurrent
//                    requests for a stale export of C communes × H households (default 20 × 5,000) against 1 request; kill -9
//                    during scoring and an export build, then restart; counted submission → commune summary
//   hostile          the cost of refusing each bomb of the hostile corpus (tests/GiamNgheo.Testing/HostileSurveys.cs), seconds
//                    and peak working set of a fresh process each, against normal surveys of 5,000 households in the same run
//   measure-refusal PATH (internal) reads one file as the pipeline does; prints outcome, peak working set, seconds
//   extract [N] [R]  the Power BI household fact (HoGiaDinh) of N households (default 1,000,000) written by the product's xlsx
//                    writer (the own XlsxStreamWriter) and Parquet.Net against the fastest raw writes of the same rows (CSV; sheet XML deflated),
//                    each in a fresh process, interleaved, best of R (default 3): seconds, peak working set, ratios
//   measure-extract CASE N (internal) one case of extract; prints seconds, peak working set, bytes
//   reminders        a province's year of reminders (126 communes, two plans of 40 reporters, the review's milestones) scheduled
//                    and delivered on Azurite under a virtual clock: time, storage transactions per phase, checks, a same-run
//                    baseline, and the Durable task hub's cost per generation measured in the local host
//   reports [C] [H]  the mpi and thieu-hut reports of a province of C communes × H households (default 100 × 3,000) on Azurite,
//                    via the households table and via the household digests, against downloading the digests unparsed
//   reports-measure CONNECTION CASE (internal) one case of reports in a fresh process; prints peak working set and seconds
var mode = args.FirstOrDefault() ?? "throughput";
switch (mode)
{
    case "throughput":
    {
        var households = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        BenchmarkData.Ensure(households);
        var config = BenchmarkDotNet.Configs.ManualConfig.Create(BenchmarkDotNet.Configs.DefaultConfig.Instance).WithArtifactsPath(Path.Combine(BenchmarkData.Folder, "results"));
        BenchmarkSwitcher.FromTypes([typeof(SurveyScoringBenchmarks)]).Run(["--filter", "*"], config);
        break;
    }

    case "quick":
    {
        var households = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        QuickTiming.Run(households, repetitions: 3);
        break;
    }

    case "memory":
        MemoryProfile.Run(args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [25_000, 50_000, 100_000, 200_000]);
        break;

    case "measure":
    {
        var stopwatch = Stopwatch.StartNew();
        var scored = Scoring.Score(args[1], BenchmarkData.Year, writeResults: true);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant($"{scored} {process.PeakWorkingSet64} {stopwatch.Elapsed.TotalSeconds:0.000}"));
        break;
    }

    case "pipeline":
        await PipelineTiming.RunAsync(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
        break;

    case "hosting":
        await HostingBenchmarks.RunAsync(HostingOptions.Parse(args[1..]));
        break;

    case "hostile":
        HostileRefusal.Run();
        break;

    case "measure-refusal":
        HostileRefusal.MeasureHere(args[1]);
        break;

    case "extract":
        PowerBiExtract.Run(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
        break;

    case "measure-extract":
        await PowerBiExtract.MeasureHereAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        break;

    case "reminders":
        if (!await ReminderBenchmark.RunAsync())
            return 1;
        break;

    case "reports":
        await ReportTiming.RunAsync(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3_000);
        break;

    case "reports-measure":
        await ReportTiming.MeasureHereAsync(args[1], args[2]);
        break;

    default:
        Console.Error.WriteLine("usage: throughput [households] | quick [households] | memory [households…] | pipeline [households] [communes] | hosting [memory|export|crash|summary…] [--large N] [--communes N] [--households N] | hostile | extract [households] [repetitions] | reminders | reports [communes] [households]");
        return 1;
}

return 0;
