using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using GiamNgheo.LocalHost;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Synthetic;
using GiamNgheo.Testing;

namespace GiamNgheo.Benchmarks.Hosting;

/// <summary>What <c>hosting</c> runs: which scenarios, and their sizes.</summary>
/// <param name="Scenarios">Any of memory, export, crash, summary.</param>
/// <param name="LargeHouseholds">Households of a province-scale upload (memory, crash).</param>
/// <param name="Communes">Communes per province in the export and crash scenarios.</param>
/// <param name="Households">Households per commune of those provinces.</param>
internal sealed record HostingOptions(IReadOnlySet<string> Scenarios, int LargeHouseholds, int Communes, int Households)
{
    public static readonly string[] All = ["memory", "export", "crash", "summary"];

    /// <summary>Reads <c>[scenario…] [--large N] [--communes N] [--households N]</c>; no scenario means all.</summary>
    public static HostingOptions Parse(IReadOnlyList<string> args)
    {
        var scenarios = new HashSet<string>(StringComparer.Ordinal);
        int large = 200_000, communes = 20, households = 5_000;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--large": large = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--communes": communes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--households": households = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case var name when All.Contains(name): scenarios.Add(name); break;
                default: throw new ArgumentException($"Unknown hosting argument '{args[i]}'.");
            }
        }

        return new HostingOptions(scenarios.Count == 0 ? All.ToHashSet() : scenarios, large, communes, households);
    }
}

/// <summary>One figure of the report, with the baseline measured in the same run where one makes sense.</summary>
internal sealed record Figure(string Scenario, string Measure, string Value, string Baseline, string Ratio, string Target, bool? Meets);

/// <summary>The local host as a separate process against its own Azurite: memory of province-scale uploads, the upload's answer
/// time, concurrent requests for a stale province export, a kill -9 in the middle of scoring and of an export build, and how soon
/// a counted submission shows in its commune's summary. Each scenario gets a fresh Azurite and a fresh local host.</summary>
internal sealed class HostingBenchmarks
{
    private const int Year = HostApi.Year;

    /// <summary>The province of the province-scale uploads (commune 00004 of the scoring benchmarks is in it).</summary>
    private const string LargeProvince = "01";

    /// <summary>What the Azure Storage provider logs when a work item's message came back while the work item still ran.</summary>
    private const string DuplicateDelivery = "is being processed multiple times concurrently";

    private static readonly TimeSpan Long = TimeSpan.FromMinutes(30);
    private static readonly DateOnly ReferenceDate = new(Year, 9, 1);

    private readonly HostingOptions _options;
    private readonly string _runFolder;
    private readonly string _localHost;
    private readonly List<Figure> _figures = [];

    private HostingBenchmarks(HostingOptions options)
    {
        _options = options;
        _runFolder = Path.Combine(BenchmarkData.Folder, "hosting", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        _localHost = LocalHostProcess.Snapshot(Path.Combine(_runFolder, "local-host"));
    }

    public static async Task RunAsync(HostingOptions options)
    {
        var run = new HostingBenchmarks(options);
        // A temporary folder of the run's own, inherited by the local host, Azurite and the scoring baseline: files a killed host
        // leaves behind can be counted, and the runtime's diagnostic port of the local host is where RuntimeCounters looks.
        Environment.SetEnvironmentVariable("TMPDIR", Directory.CreateDirectory(Path.Combine(run._runFolder, "tmp")).FullName);
        Console.WriteLine($"Local host copied to {run._localHost}; logs in {run._runFolder}");
        foreach (var scenario in HostingOptions.All.Where(options.Scenarios.Contains))
        {
            var stopwatch = Stopwatch.StartNew();
            Console.WriteLine();
            Console.WriteLine($"== {scenario} ==");
            await (scenario switch
            {
                "memory" => run.MemoryAsync(),
                "export" => run.ExportAsync(),
                "crash" => run.CrashAsync(),
                _ => run.SummaryLagAsync(),
            });
            Console.WriteLine($"({scenario}: {stopwatch.Elapsed.TotalMinutes:0.0} min)");
        }

        run.Report();
    }

    /// <summary>Idle memory; one and four province-scale uploads at once: peak working set and the upload's answer time.</summary>
    private async Task MemoryAsync()
    {
        var communes = Communes(LargeProvince, 6);
        var large = communes.Take(5).Select(c => (Commune: c, File: BenchmarkData.CommuneXlsx(c, _options.LargeHouseholds))).ToList();
        var fileMb = new FileInfo(large[0].File).Length / 1048576.0;
        Console.WriteLine($"Scoring {large[0].File} alone in a fresh process (baseline) …");
        var (alonePeak, aloneSeconds) = MemoryProfile.Measure(large[0].File);

        await WithHostAsync("memory", async (host, api) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idle = ProcessMemory.Resident(host.Pid)!.Value;
            var warm = await api.UploadBytesAsync(communes[5], Survey(communes[5], 5_000, 1));
            await api.WaitCountedAsync([warm.SubmissionId], Long, TimeSpan.FromMilliseconds(200));
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleWarm = ProcessMemory.Resident(host.Pid)!.Value;
            Console.WriteLine($"idle {Mb(idle)}, after a 5,000-household warm-up {Mb(idleWarm)}");

            var direct = await DirectUploadAsync(host.ConnectionString, [large[0].File]);
            var directFour = await DirectUploadAsync(host.ConnectionString, [.. large.Skip(1).Select(f => f.File)]);
            Console.WriteLine($"the same {fileMb:0.0} MB file straight into Azurite: {S(direct)}; the other four at once: {S(directFour)}");

            UploadTiming one;
            TimeSpan scoring;
            long peakOne;
            double? gcOne;
            await using (var watch = MemoryWatch.Start(host.Pid))
            await using (var counters = RuntimeCounters.Start(host.Pid))
            {
                one = await api.UploadFileAsync(large[0].Commune, large[0].File);
                var counted = Stopwatch.StartNew();
                await api.WaitCountedAsync([one.SubmissionId], Long, TimeSpan.FromMilliseconds(250));
                scoring = counted.Elapsed;
                peakOne = watch.Peak();
                gcOne = counters.MiB("gc-committed", 1e6);
                Console.WriteLine($"1 × {_options.LargeHouseholds:N0}: body sent in {S(one.Sending)}, last byte → 202 {S(one.BodyEndToAnswer)}, 202 → counted {S(scoring)}, " +
                    $"peak {Mb(peakOne)} (largest sample {Mb(watch.SampledPeak)} at {watch.SampledPeakAt:0.0} s); {counters.GcSummary()}");
            }

            UploadTiming[] four;
            TimeSpan directLoaded;
            TimeSpan scoringFour;
            long peakFour;
            double? gcFour;
            await using (var watch = MemoryWatch.Start(host.Pid))
            await using (var counters = RuntimeCounters.Start(host.Pid))
            {
                var started = Stopwatch.StartNew();
                four = await Task.WhenAll(large.Skip(1).Select(f => api.UploadFileAsync(f.Commune, f.File)));
                directLoaded = await DirectUploadAsync(host.ConnectionString, [large[0].File]);
                await api.WaitCountedAsync(four.Select(u => u.SubmissionId), Long, TimeSpan.FromSeconds(1));
                scoringFour = started.Elapsed;
                peakFour = watch.Peak();
                gcFour = counters.MiB("gc-committed", 1e6);
                Console.WriteLine($"4 × {_options.LargeHouseholds:N0} at once: last byte → 202 {string.Join(", ", four.Select(u => S(u.BodyEndToAnswer)))}, " +
                    $"the same file straight into Azurite meanwhile {S(directLoaded)}, all counted after {S(scoringFour)}, peak {Mb(peakFour)} (largest sample {Mb(watch.SampledPeak)} at {watch.SampledPeakAt:0.0} s); {counters.GcSummary()}");
            }

            await Task.Delay(TimeSpan.FromSeconds(10));
            var after = ProcessMemory.Resident(host.Pid)!.Value;
            Console.WriteLine($"idle again 10 s later: {Mb(after)}");

            Add("memory", "idle working set (fresh start)", Mb(idle), "", "", "for reference", null);
            Add("memory", "idle working set (after a 5,000-household warm-up)", Mb(idleWarm), "", "", "for reference", null);
            Add("memory", $"peak working set, 1 upload × {_options.LargeHouseholds:N0} ({fileMb:0.0} MB xlsx), upload to counted", Mb(peakOne),
                $"{Mb(alonePeak)} (scoring alone, fresh process)", Ratio(peakOne, alonePeak), "< 500 MB", peakOne < 500L << 20);
            Add("memory", $"peak working set, 4 uploads × {_options.LargeHouseholds:N0} at once", Mb(peakFour),
                $"{Mb(peakOne)} (1 upload)", Ratio(peakFour, peakOne), "< 1 GB", peakFour < 1L << 30);
            Add("memory", "last byte of the body → 202, 1 upload", S(one.BodyEndToAnswer),
                $"{S(direct)} (same file straight into Azurite)", Ratio(one.BodyEndToAnswer, direct), "≤ 2 s", one.BodyEndToAnswer <= TimeSpan.FromSeconds(2));
            var slowest = four.Max(u => u.BodyEndToAnswer);
            Add("memory", "last byte of the body → 202, slowest of 4 at once", S(slowest),
                $"{S(directFour)} (the 4 files straight into Azurite at once, idle); {S(directLoaded)} (1 file while the 4 are scored)", Ratio(slowest, directFour), "≤ 2 s",
                slowest <= TimeSpan.FromSeconds(2));
            Add("memory", "GC committed memory at most, 1 upload / 4 at once", FormattableString.Invariant($"{gcOne:N0} MB / {gcFour:N0} MB"),
                $"{Mb(peakOne)} / {Mb(peakFour)} (peak working set)", "", "for reference", null);
            Add("memory", "202 → counted, 1 upload", S(scoring), $"{aloneSeconds:0.00} s (scoring alone, fresh process)", Ratio(scoring.TotalSeconds, aloneSeconds), "for reference", null);
            Add("memory", "upload start → all counted, 4 at once", S(scoringFour), $"{S(scoring)} (1 upload)", Ratio(scoringFour, scoring), "for reference", null);
            Add("memory", "working set 10 s after the last upload was counted", Mb(after), $"{Mb(idleWarm)} (idle after warm-up)", Ratio(after, idleWarm), "for reference", null);
        });
    }

    /// <summary>Ten concurrent requests for a stale province export against one request for a province of equal size.</summary>
    private async Task ExportAsync()
    {
        var provinces = AdminUnitCatalog.Default.Provinces(ReferenceDate)
            .Where(p => p.Code != LargeProvince && Communes(p.Code, _options.Communes).Count == _options.Communes)
            .Take(4).Select(p => p.Code).ToList();
        var surveys = Surveys(provinces);

        await WithHostAsync("export", async (host, api) =>
        {
            await UploadAllAsync(api, surveys);
            foreach (var province in provinces)
                await api.WaitProvinceAsync(province, _options.Communes, Long);

            // ABBA: one request, ten, ten, one, so that drift on the shared machine falls on both sides alike.
            var runs = new List<BuildRun>();
            foreach (var (province, requests) in provinces.Zip([1, 10, 10, 1]))
            {
                var build = await BuildAsync(api, host.ConnectionString, province, requests);
                runs.Add(build);
                Console.WriteLine(build);
            }

            var probe = new StorageProbe(host.ConnectionString);
            var records = new List<ExportRecord>();
            foreach (var province in provinces)
            {
                var record = await probe.ExportAsync(province);
                records.Add(record);
                Console.WriteLine($"province {province}: {record}");
            }

            var single = runs.Where(r => r.Requests == 1).ToList();
            var ten = runs.Where(r => r.Requests == 10).ToList();
            var singleMean = TimeSpan.FromTicks((long)single.Average(r => r.Ready.Ticks));
            var tenMean = TimeSpan.FromTicks((long)ten.Average(r => r.Ready.Ticks));
            var firstAnswer = ten.Max(r => r.SlowestFirstAnswer);
            var poll = runs.Max(r => r.SlowestPoll);
            var azurite = runs.Max(r => r.SlowestAzurite);
            var rows = (long)_options.Communes * _options.Households;
            var oneBuildEach = records.All(r => r.Manifests == 1 && r.Workbooks == 1 && r.Instances.SequenceEqual(["Completed"]) && r.Households == rows);
            var size = $"{_options.Communes} communes × {_options.Households:N0}";
            Add("export", $"slowest of 10 concurrent requests for a stale export ({size})", S(firstAnswer),
                $"{S(single.Max(r => r.SlowestFirstAnswer))} (1 request)", Ratio(firstAnswer, single.Max(r => r.SlowestFirstAnswer)), "≤ 1 s each", firstAnswer <= TimeSpan.FromSeconds(1));
            Add("export", "slowest status poll while building (clients every 2 s, probe every 0.1 s)", S(poll),
                $"{S(azurite)} (slowest direct Azurite blob HEAD meanwhile)", Ratio(poll, azurite), "≤ 1 s each", poll <= TimeSpan.FromSeconds(1));
            Add("export", "builds per province (manifests / instances / workbooks)",
                string.Join("; ", records.Select(r => $"{r.Manifests}/{r.Instances.Count}/{r.Workbooks}")), "", "", "exactly one", oneBuildEach);
            Add("export", "activity deliveries while the same activity still ran (log)", host.LogCount(DuplicateDelivery).ToString(CultureInfo.InvariantCulture), "", "", "0", null);
            Add("export", "request → file ready, 10 concurrent requests (mean of 2)", S(tenMean),
                $"{S(singleMean)} (1 request, fresh province of equal size, mean of 2)", Ratio(tenMean, singleMean), "≤ 1.3×", tenMean <= singleMean * 1.3);
        });
    }

    /// <summary>kill -9 while a province-scale upload is being scored and an export build runs; restart; check both finish, once.</summary>
    private async Task CrashAsync()
    {
        var large = BenchmarkData.Commune;
        var largeFile = BenchmarkData.CommuneXlsx(large, _options.LargeHouseholds);
        var surveys = Surveys([LargeProvince], _options.Communes + 1).Where(s => s.Commune != large).Take(_options.Communes).ToList();
        var settings = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));

        await WithHostAsync("crash", async (host, api) =>
        {
            var probe = new StorageProbe(host.ConnectionString);
            await UploadAllAsync(api, surveys);
            await api.WaitProvinceAsync(LargeProvince, _options.Communes, Long);

            var upload = await api.UploadFileAsync(large, largeFile);
            var threshold = _options.LargeHouseholds / 10;
            while (await probe.HouseholdRowsAsync(large, threshold) < threshold)
                await Task.Delay(500);

            var requested = await api.GetAsync($"/api/exports/{Year}/{LargeProvince}");
            var status = requested.Location ?? throw new InvalidOperationException($"Export answered {(int)requested.Status} without a status URL.");
            // Kill as soon as the build is part-way through its communes (activities in flight), the scoring still going.
            var target = Math.Min(4, _options.Communes / 2);
            JsonElement buildAtKill;
            while (true)
            {
                var progress = await api.GetAsync(status);
                if (progress.Status == HttpStatusCode.SeeOther)
                    throw new InvalidOperationException("The export build finished before the kill; use more communes (--communes).");
                if (progress.Body is { } body && body.GetProperty("communesDone").GetInt32() >= target)
                {
                    buildAtKill = body;
                    break;
                }

                await Task.Delay(100);
            }

            host.Kill();
            if (await probe.SubmissionCountedAsync(upload.SubmissionId))
                throw new InvalidOperationException("The large upload was counted before the kill; use a larger file (--large).");
            var rowsAtKill = await probe.HouseholdRowsAsync(large);
            var temps = LocalHostProcess.TempFiles();
            Console.WriteLine($"kill -9 with {rowsAtKill:N0} of {_options.LargeHouseholds:N0} household rows stored and the build at " +
                $"{buildAtKill.GetProperty("phase").GetString()} {buildAtKill.GetProperty("communesDone").GetInt32()}/{buildAtKill.GetProperty("communesTotal")}; " +
                $"{temps.Files} temporary files ({temps.Bytes / 1048576.0:0} MB) left behind");

            var startup = await host.RestartAsync();
            var sinceRestart = Stopwatch.StartNew();
            var scored = WhenAsync(async () => (await api.SubmissionAsync(upload.SubmissionId)).GetProperty("counted").GetBoolean(), sinceRestart);
            var built = WhenAsync(async () => (await api.GetAsync(status)).Status == HttpStatusCode.SeeOther, sinceRestart);
            var scoredAfter = await scored;
            var builtAfter = await built;
            Console.WriteLine($"restart answered after {S(startup)}; then the large upload was counted after {S(scoredAfter)}, the build finished after {S(builtAfter)}");

            // What storage and the API say once everything settled.
            await api.WaitProvinceAsync(LargeProvince, _options.Communes + 1, Long);
            var expected = surveys.ToDictionary(s => s.Commune, _ => (long)_options.Households);
            expected[large] = _options.LargeHouseholds;
            var wrong = new List<string>();
            long communeSum = 0;
            foreach (var (commune, households) in expected)
            {
                var rows = await probe.HouseholdRowsAsync(commune);
                var submissions = await probe.SubmissionRowsAsync(commune);
                var summary = (await api.SummaryAsync(commune))!.Value.GetProperty("scoredHouseholds").GetInt64();
                communeSum += summary;
                if (rows != households || submissions != 1 || summary != households)
                    wrong.Add($"{commune}: {rows} rows, {submissions} submissions, summary {summary}, file {households}");
            }

            var province = (await api.SummaryAsync(LargeProvince))!.Value.GetProperty("scoredHouseholds").GetInt64();
            var after = await api.SubmissionAsync(upload.SubmissionId);
            var record = await probe.ExportAsync(LargeProvince);
            var leftover = LocalHostProcess.TempFiles();
            Console.WriteLine($"large submission: {after.GetProperty("status").GetString()}, attempts {after.GetProperty("attempts").GetInt32()}; " +
                $"province {province:N0} = sum of communes {communeSum:N0} = files {expected.Values.Sum():N0}; export: {record}; " +
                $"temporary files now {leftover.Files} ({leftover.Bytes / 1048576.0:0} MB)");
            foreach (var line in wrong)
                Console.WriteLine("  MISMATCH " + line);

            var counted = wrong.Count == 0 && province == communeSum && communeSum == expected.Values.Sum();
            var once = record.Manifests == 1 && record.Workbooks == 1 && record.Instances.SequenceEqual(["Completed"]) && record.Households == (long)_options.Communes * _options.Households;
            Add("crash", $"nothing counted twice (rows per commune = file, province = Σ communes = {expected.Values.Sum():N0})",
                counted ? "yes" : $"no ({wrong.Count} communes differ)", "", "", "exact", counted);
            Add("crash", "one build after the restart (manifests / instances / workbooks, households written)",
                $"{record.Manifests}/{string.Join("+", record.Instances)}/{record.Workbooks}, {record.Households:N0}", "", "", "1/Completed/1", once);
            Add("crash", "restart → local host answering", S(startup), "", "", "for reference", null);
            Add("crash", $"restart → large upload counted ({rowsAtKill:N0} rows stored at the kill, scored again from the start)", S(scoredAfter),
                "", "", "completes", true);
            Add("crash", $"restart → export file ready (task hub visibility timeout {settings.WorkItemQueueVisibilityTimeout.TotalSeconds:0} s)", S(builtAfter),
                "", "", "completes", true);
            Add("crash", "temporary files left by the killed process", $"{leftover.Files} ({leftover.Bytes / 1048576.0:0} MB)", "", "", "for reference", null);
            Add("crash", "activity deliveries while the same activity still ran (log)", host.LogCount(DuplicateDelivery).ToString(CultureInfo.InvariantCulture), "", "", "0", null);
        });
    }

    /// <summary>How long after a submission is counted its commune's summary names it: one commune alone, then ten at once.</summary>
    private async Task SummaryLagAsync()
    {
        var communes = Communes(LargeProvince, 12);
        await WithHostAsync("summary", async (_, api) =>
        {
            var warm = await api.UploadBytesAsync(communes[11], Survey(communes[11], 5_000, 1));
            await api.WaitCountedAsync([warm.SubmissionId], Long, TimeSpan.FromMilliseconds(200));

            var alone = await CountedToSummaryAsync(api, communes[0], Survey(communes[0], 5_000, 2));
            var together = await Task.WhenAll(communes.Skip(1).Take(10).Select((c, i) => (Commune: c, Survey: Survey(c, 5_000, 3 + i))).ToList()
                .Select(s => CountedToSummaryAsync(api, s.Commune, s.Survey)));
            Console.WriteLine($"counted → summary names it: alone {S(alone)}; ten at once {string.Join(", ", together.Select(S))}");
            Add("summary", "counted → commune summary names the submission, 1 commune × 5,000", S(alone), "", "", "≤ 5 s", alone <= TimeSpan.FromSeconds(5));
            Add("summary", "the same, slowest of 10 communes × 5,000 at once", S(together.Max()), "", "", "≤ 5 s", together.Max() <= TimeSpan.FromSeconds(5));
        });
    }

    /// <summary>Uploads one survey, polls its submission until counted, then times until the commune summary names it.</summary>
    private static async Task<TimeSpan> CountedToSummaryAsync(HostApi api, string commune, byte[] survey)
    {
        var upload = await api.UploadBytesAsync(commune, survey);
        await api.WaitCountedAsync([upload.SubmissionId], Long, TimeSpan.FromMilliseconds(20));
        var stopwatch = Stopwatch.StartNew();
        while ((await api.SummaryAsync(commune))?.GetProperty("submissionId").GetString() != upload.SubmissionId)
            await Task.Delay(20);
        return stopwatch.Elapsed;
    }

    /// <summary>One export build: <paramref name="requests"/> clients ask at once and follow the status URL as told (Retry-After);
    /// a probe polls it every 100 ms to see precisely when the file is ready, and another times Azurite itself meanwhile.</summary>
    private static async Task<BuildRun> BuildAsync(HostApi api, string connectionString, string province, int requests)
    {
        var stopwatch = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => api.GetAsync($"/api/exports/{Year}/{province}")));
        if (answers.Any(a => a.Status != HttpStatusCode.Accepted) || answers.Select(a => a.Location).Distinct().Count() != 1)
            throw new InvalidOperationException($"Export of {province}: {string.Join(", ", answers.Select(a => $"{(int)a.Status} {a.Location}"))}");
        var status = answers[0].Location!;
        var latencies = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        using var done = new CancellationTokenSource();

        async Task<ApiAnswer> FollowAsync(TimeSpan interval)
        {
            while (true)
            {
                await Task.Delay(interval);
                var answer = await api.GetAsync(status);
                latencies.Add(answer.Elapsed);
                if (answer.Status == HttpStatusCode.SeeOther)
                    return answer;
                if (answer.Status != HttpStatusCode.Accepted)
                    throw new InvalidOperationException($"Export status of {province} answered {(int)answer.Status}: {answer.Body}");
                if (stopwatch.Elapsed > Long)
                    throw new TimeoutException($"Export of {province} not ready within {Long.TotalMinutes:0} min.");
            }
        }

        async Task<TimeSpan> TimeAzuriteAsync()
        {
            // The call the status endpoint makes first (does the workbook exist?), straight to Azurite.
            var blob = new BlobServiceClient(connectionString).GetBlobContainerClient(PipelineStorage.ExportsContainer).GetBlobClient($"{Year}/{province}/probe.xlsx");
            var slowest = TimeSpan.Zero;
            while (!done.IsCancellationRequested)
            {
                var call = Stopwatch.StartNew();
                await blob.ExistsAsync();
                slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, call.Elapsed.Ticks));
                await Task.Delay(100);
            }

            return slowest;
        }

        var azurite = TimeAzuriteAsync();
        var probe = FollowAsync(TimeSpan.FromMilliseconds(100));
        var clients = answers.Select(a => FollowAsync(a.RetryAfter ?? TimeSpan.FromSeconds(2))).ToList();
        var ready = await probe;
        var readyAt = stopwatch.Elapsed;
        await Task.WhenAll(clients);
        await done.CancelAsync();
        var file = await api.GetAsync(ready.Location!);
        if (file.Status != HttpStatusCode.OK)
            throw new InvalidOperationException($"Export file of {province} answered {(int)file.Status}.");
        return new BuildRun(province, requests, answers.Max(a => a.Elapsed), latencies.Max(), await azurite, readyAt);
    }

    /// <summary>Runs a scenario against a fresh Azurite and a fresh local host process.</summary>
    private async Task WithHostAsync(string scenario, Func<LocalHostProcess, HostApi, Task> body)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(_runFolder, scenario)).FullName;
        await using var process = await LocalHostProcess.StartAsync(_localHost, azurite.ConnectionString, folder);
        using var api = new HostApi(process.BaseAddress);
        Console.WriteLine($"Azurite {azurite.BlobPort}/{azurite.QueuePort}/{azurite.TablePort}; local host pid {process.Pid} on {process.BaseAddress}");
        try
        {
            await body(process, api);
        }
        catch
        {
            Console.WriteLine("Local host log (tail):" + Environment.NewLine + process.LogTail());
            throw;
        }
    }

    /// <summary>Stores files straight into Azurite at once, as the upload does (same SDK call); how long until the last was stored.</summary>
    private static async Task<TimeSpan> DirectUploadAsync(string connectionString, IReadOnlyList<string> paths)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient("baseline");
        await container.CreateIfNotExistsAsync();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(paths.Select(path => container.GetBlobClient(Path.GetFileName(path)).UploadAsync(path, overwrite: true)));
        return stopwatch.Elapsed;
    }

    /// <summary>Polls every 100 ms until the condition holds; the time on <paramref name="clock"/> when it did.</summary>
    private static async Task<TimeSpan> WhenAsync(Func<Task<bool>> condition, Stopwatch clock)
    {
        while (!await condition())
        {
            if (clock.Elapsed > Long)
                throw new TimeoutException($"Not done within {Long.TotalMinutes:0} min of the restart.");
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    private static async Task UploadAllAsync(HostApi api, List<(string Commune, byte[] Survey)> surveys)
    {
        var stopwatch = Stopwatch.StartNew();
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(surveys, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (s, _) =>
            ids.Add((await api.UploadBytesAsync(s.Commune, s.Survey)).SubmissionId));
        await api.WaitCountedAsync(ids, Long, TimeSpan.FromMilliseconds(500));
        Console.WriteLine($"{surveys.Count} communes uploaded and counted in {S(stopwatch.Elapsed)}");
    }

    private List<(string Commune, byte[] Survey)> Surveys(IEnumerable<string> provinces, int? communes = null) =>
        [.. provinces.SelectMany(p => Communes(p, communes ?? _options.Communes).Select((c, i) => (c, Survey(c, _options.Households, 700 + i))))];

    private static List<string> Communes(string province, int count) =>
        [.. AdminUnitCatalog.Default.CommunesOf(province, ReferenceDate).Select(c => c.Code).Take(count)];

    private static byte[] Survey(string commune, int households, int seed) =>
        new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default).CommuneFile(commune, Year, households, seed);

    private void Add(string scenario, string measure, string value, string baseline, string ratio, string target, bool? meets) =>
        _figures.Add(new Figure(scenario, measure, value, baseline, ratio, target, meets));

    private void Report()
    {
        Console.WriteLine();
        Console.WriteLine($"| scenario | measure | value | baseline (same run) | ratio | target | meets |");
        Console.WriteLine("|---|---|---:|---|---:|---|---|");
        foreach (var f in _figures)
        {
            var meets = f.Meets switch { true => "yes", false => "**no**", null => "" };
            Console.WriteLine($"| {f.Scenario} | {f.Measure} | {f.Value} | {f.Baseline} | {f.Ratio} | {f.Target} | {meets} |");
        }
    }

    private static string Mb(long bytes) => FormattableString.Invariant($"{bytes / 1048576.0:N0} MB");

    private static string S(TimeSpan time) => FormattableString.Invariant($"{time.TotalSeconds:0.00} s");

    private static string Ratio(double value, double baseline) => FormattableString.Invariant($"{value / baseline:0.00}×");

    private static string Ratio(TimeSpan value, TimeSpan baseline) => Ratio(value.TotalSeconds, baseline.TotalSeconds);

    /// <summary>One export build as the clients saw it.</summary>
    private sealed record BuildRun(string Province, int Requests, TimeSpan SlowestFirstAnswer, TimeSpan SlowestPoll, TimeSpan SlowestAzurite, TimeSpan Ready)
    {
        public override string ToString() =>
            FormattableString.Invariant($"province {Province}, {Requests} request(s): slowest first answer {SlowestFirstAnswer.TotalSeconds:0.000} s, slowest status poll {SlowestPoll.TotalSeconds:0.000} s ")
            + FormattableString.Invariant($"(slowest direct Azurite call {SlowestAzurite.TotalSeconds:0.000} s), file ready after {Ready.TotalSeconds:0.00} s");
    }
}
