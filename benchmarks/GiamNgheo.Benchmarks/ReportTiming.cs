using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Pipeline;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;
using GiamNgheo.Synthetic;
using GiamNgheo.Testing;

namespace GiamNgheo.Benchmarks;

/// <summary>The <c>mpi</c> and <c>thieu-hut</c> reports of a province of 300,000 households on Azurite: read from the
/// households table (as before ADR 0011) and from the household digests, against reading the same digest bytes without
/// parsing them, all measured in the same run.</summary>
/// <remarks>Times are the best of three, the cases interleaved; peak working sets come from a fresh process per case so
/// peaks do not mix.</remarks>
internal static class ReportTiming
{
    private const int Year = 2025;
    private const string Province = "01";

    private static readonly string[] Cases = ["bytes", "digest-mpi", "digest-thieu-hut", "table-entities", "table-mpi", "table-thieu-hut"];

    public static async Task RunAsync(int communes, int householdsEach)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var world = await World.CreateAsync(azurite.ConnectionString);
        var unit = new ReportUnit(Year, UnitLevel.Province, Province, Province);

        var load = Stopwatch.StartNew();
        var codes = AdminUnitCatalog.Default.CommunesOf(Province, ReviewYear.Of(Year).ReferenceDate).Take(communes).Select(c => c.Code).ToList();
        Console.WriteLine($"Scoring {codes.Count} communes × {householdsEach:N0} households into Azurite…");
        await world.LoadAsync(codes, householdsEach);
        Console.WriteLine(FormattableString.Invariant($"loaded in {load.Elapsed.TotalSeconds:0.0} s"));

        var digestBytes = await world.DigestBytesAsync();
        Console.WriteLine(FormattableString.Invariant($"digests: {digestBytes / 1048576.0:0.0} MB in all, {(double)digestBytes / (communes * householdsEach):0} bytes a household"));

        // Both paths must give the same reports before their times mean anything.
        foreach (var report in new[] { "mpi", "thieu-hut" })
        {
            if (await world.RunAsync("table-" + report, unit) != await world.RunAsync("digest-" + report, unit))
                throw new InvalidOperationException($"The {report} report via the digests differs from the one via the table.");
        }

        var best = Cases.ToDictionary(c => c, _ => TimeSpan.MaxValue);
        for (var round = 0; round < 3; round++)
        {
            foreach (var name in Cases)
            {
                var stopwatch = Stopwatch.StartNew();
                await world.RunAsync(name, unit);
                best[name] = stopwatch.Elapsed < best[name] ? stopwatch.Elapsed : best[name];
            }
        }

        var lazy = await world.LazyBuildAsync(unit);
        var memory = Cases.ToDictionary(c => c, c => MeasureInChild(azurite.ConnectionString, c));

        var total = communes * householdsEach;
        Console.WriteLine();
        Console.WriteLine($"| one pass over {total:N0} households of {communes} communes | best of 3, s | households/s | × digest bytes | peak working set MB (fresh process) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var name in Cases)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {Describe(name)} | {best[name].TotalSeconds:0.000} | {total / best[name].TotalSeconds:N0} | {best[name] / best["bytes"]:0.00} | {memory[name] / 1048576.0:0} |"));
        }

        Console.WriteLine(FormattableString.Invariant($"| `thieu-hut` right after every digest was deleted (each built from the table and stored) | {lazy.TotalSeconds:0.000} | {total / lazy.TotalSeconds:N0} | {lazy / best["bytes"]:0.00} | |"));
        foreach (var report in new[] { "mpi", "thieu-hut" })
            Console.WriteLine(FormattableString.Invariant($"{report}: the table takes {best["table-" + report] / best["digest-" + report]:0.0}× the digests' time"));
    }

    /// <summary>Runs one case once in this (fresh) process against the Azurite the parent loaded; prints peak working set and seconds.</summary>
    public static async Task MeasureHereAsync(string connectionString, string name)
    {
        var world = await World.CreateAsync(connectionString);
        var stopwatch = Stopwatch.StartNew();
        await world.RunAsync(name, new ReportUnit(Year, UnitLevel.Province, Province, Province));
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant($"{process.PeakWorkingSet64} {stopwatch.Elapsed.TotalSeconds:0.000}"));
    }

    private static long MeasureInChild(string connectionString, string name)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileName(Environment.ProcessPath) is "dotnet" or "dotnet.exe")
            start.ArgumentList.Add(typeof(ReportTiming).Assembly.Location);
        start.ArgumentList.Add("reports-measure");
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(name);
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        process.WaitForExit();
        return long.Parse(line[0], CultureInfo.InvariantCulture);
    }

    private static string Describe(string name) => name switch
    {
        "bytes" => "baseline: the same digest blobs downloaded, 8 at a time, not parsed",
        "digest-mpi" => "`mpi` via the digests (`UnitReports`, 8 communes read ahead)",
        "digest-thieu-hut" => "`thieu-hut` via the digests",
        "table-entities" => "the table's entities only, commune after commune: no records, no report",
        "table-mpi" => "`mpi` via the households table (`HouseholdStore.AllAsync`, commune after commune, as before ADR 0011)",
        _ => "`thieu-hut` via the households table, as before",
    };

    private sealed class World
    {
        private readonly PipelineStorage _storage;
        private readonly HouseholdStore _households;
        private readonly SummaryStore _summaries;
        private readonly UnitReports _reports;

        private World(PipelineStorage storage)
        {
            _storage = storage;
            _households = new HouseholdStore(storage);
            _summaries = new SummaryStore(storage, new SubmissionStore(storage), StandardCatalog.Default);
            _reports = new UnitReports(_summaries, new HouseholdDigestStore(storage, _households), StandardCatalog.Default, PipelineOptions.Default);
        }

        public static async Task<World> CreateAsync(string connectionString)
        {
            var storage = new PipelineStorage(
                new BlobServiceClient(connectionString),
                new TableServiceClient(connectionString),
                new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
            await storage.EnsureCreatedAsync();
            return new World(storage);
        }

        public async Task LoadAsync(IReadOnlyList<string> communes, int householdsEach)
        {
            var submissions = new SubmissionStore(_storage);
            var reports = new SubmissionReportStore(_storage);
            var scorer = new SurveyScorer(StandardCatalog.Default, AdminUnitCatalog.Default);
            var intake = new SubmissionIntake(_storage, submissions, reports, _summaries, scorer, StandardCatalog.Default, AdminUnitCatalog.Default, SurveyLimits.Default, TimeProvider.System);
            var processor = new SurveyProcessor(_storage, submissions, reports, _households, _summaries, scorer, StandardCatalog.Default, AdminUnitCatalog.Default, SurveyLimits.Default, PipelineOptions.Default, TimeProvider.System);
            var generator = new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default);
            await Parallel.ForEachAsync(communes.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (commune, ct) =>
            {
                var file = generator.CommuneFile(commune.c, Year, householdsEach, 7000 + commune.i);
                var received = await intake.ReceiveAsync(ReviewYear.Of(Year), commune.c, new MemoryStream(file), commune.c + ".xlsx", ct);
                var key = received.Submission?.Key ?? throw new InvalidOperationException($"Commune {commune.c}: {received.Rejection}");
                var result = await processor.ProcessAsync(_storage.Surveys.GetBlobClient(key.BlobName), ct);
                if (result != ProcessingResult.Scored)
                    throw new InvalidOperationException($"Commune {commune.c}: {result}");
            });
        }

        public async Task<long> DigestBytesAsync()
        {
            long bytes = 0;
            await foreach (var blob in _storage.Digests.GetBlobsAsync())
                bytes += blob.Properties.ContentLength ?? 0;
            return bytes;
        }

        /// <summary>Runs one case; the reports as JSON (empty for the cases that make none).</summary>
        public async Task<string> RunAsync(string name, ReportUnit unit) => name switch
        {
            "digest-mpi" => JsonSerializer.Serialize(await _reports.MpiAsync(unit, CancellationToken.None)),
            "digest-thieu-hut" => JsonSerializer.Serialize(await _reports.DeprivationsAsync(unit, CancellationToken.None)),
            "table-mpi" => JsonSerializer.Serialize(await MpiViaTableAsync(unit)),
            "table-thieu-hut" => JsonSerializer.Serialize(await DeprivationsViaTableAsync(unit)),
            "bytes" => (await DownloadDigestsAsync(unit)).ToString(CultureInfo.InvariantCulture),
            _ => (await TableEntitiesAsync(unit)).ToString(CultureInfo.InvariantCulture),
        };

        /// <summary>Deletes every digest, then times the reports that build them again.</summary>
        public async Task<TimeSpan> LazyBuildAsync(ReportUnit unit)
        {
            await foreach (var blob in _storage.Digests.GetBlobsAsync())
                await _storage.Digests.DeleteBlobAsync(blob.Name);
            var stopwatch = Stopwatch.StartNew();
            await RunAsync("digest-thieu-hut", unit);
            return stopwatch.Elapsed;
        }

        private async Task<List<(string Commune, int Year, string Code, string ShortHash)>> CountedAsync(int year)
        {
            var list = new List<(string, int, string, string)>();
            foreach (var commune in await _summaries.CommunesAsync(year, Province, CancellationToken.None))
            {
                if (commune.SubmissionId is not null && SubmissionKey.TryParseId(commune.SubmissionId, out var y, out var code, out var shortHash))
                    list.Add((commune.UnitCode, y, code, shortHash));
            }

            return list;
        }

        // The reports as UnitReports made them before the digests: every commune's rows from the table, one after another.
        private async Task<MpiReport> MpiViaTableAsync(ReportUnit unit)
        {
            var mpi = await MpiOfYearViaTableAsync(unit.Year);
            var previous = await MpiOfYearViaTableAsync(unit.Year - 1);
            return previous is { Households: > 0 } ? mpi.WithChangeFrom(previous) : mpi;
        }

        private async Task<MpiReport> MpiOfYearViaTableAsync(int year)
        {
            var calculator = new MpiCalculator(year, StandardCatalog.Default.NationalFor(year)!, byCommune: true);
            foreach (var (commune, y, code, shortHash) in await CountedAsync(year))
                await calculator.AddAsync(_households.AllAsync(y, code, shortHash, HouseholdView.WithoutHeadName, CancellationToken.None), commune, CancellationToken.None);
            return calculator.Build();
        }

        private async Task<DeprivationReport> DeprivationsViaTableAsync(ReportUnit unit)
        {
            var calculator = new DeprivationCalculator(unit.Year, StandardCatalog.Default.NationalFor(unit.Year)!);
            foreach (var (_, year, code, shortHash) in await CountedAsync(unit.Year))
            {
                await foreach (var household in _households.AllAsync(year, code, shortHash, HouseholdView.WithoutHeadName, CancellationToken.None))
                    calculator.Add(household);
            }

            return calculator.Build();
        }

        private async Task<long> TableEntitiesAsync(ReportUnit unit)
        {
            long count = 0;
            foreach (var (_, year, code, shortHash) in await CountedAsync(unit.Year))
            {
                await foreach (var entity in _households.EntitiesAsync(year, code, shortHash, CancellationToken.None))
                    count++;
            }

            return count;
        }

        private async Task<long> DownloadDigestsAsync(ReportUnit unit)
        {
            long bytes = 0;
            using var throttle = new SemaphoreSlim(PipelineOptions.Default.ReportReadParallelism);
            var reads = (await CountedAsync(unit.Year)).Select(async c =>
            {
                await throttle.WaitAsync();
                try
                {
                    var content = await _storage.Digests.GetBlobClient(HouseholdDigestStore.BlobName(c.Year, c.Code, c.ShortHash)).DownloadContentAsync();
                    Interlocked.Add(ref bytes, content.Value.Content.ToMemory().Length);
                }
                finally
                {
                    throttle.Release();
                }
            });
            await Task.WhenAll(reads);
            return bytes;
        }
    }
}
