using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using GiamNgheo.LocalHost;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;
using GiamNgheo.Synthetic;
using GiamNgheo.Testing;

namespace GiamNgheo.Benchmarks;

/// <summary>Times the whole pipeline (upload → blob trigger → scoring → households stored → summary readable) against the
/// time Azurite alone needs to store the same household entities, measured in the same run on the same Azurite.</summary>
/// <remarks>The baseline writes the very entities the pipeline writes (scored beforehand, outside the timing), in batches
/// of 100 with the same number of batches in flight, into a fresh table. The ratio is what the pipeline adds on top of
/// the storage it cannot avoid: reading the file, scoring, the submission bookkeeping and the summary recomputation.</remarks>
internal static class PipelineTiming
{
    private const int Year = 2025;
    private const string Province = "01";

    public static async Task RunAsync(int households, int communes)
    {
        var codes = AdminUnitCatalog.Default.CommunesOf(Province, new DateOnly(Year, 9, 1)).Select(c => c.Code).Take(communes + 2).ToList();
        Console.WriteLine($"Generating {communes + 2} surveys of {households:N0} households…");
        var files = codes.Select((c, i) => (Commune: c, File: Survey(c, households, seed: 500 + i))).ToList();

        await using var azurite = await AzuriteServer.StartAsync();
        var host = await LocalFunctionHost.StartAsync(new LocalHostOptions
        {
            Port = 0,
            StorageConnectionString = azurite.ConnectionString,
            PollInterval = TimeSpan.FromMilliseconds(100),
            DevelopmentKeyFile = TestTokens.Shared.KeyFile,
        });
        try
        {
            using var client = TestTokens.Shared.Client(host.BaseAddress);
            client.Timeout = TimeSpan.FromMinutes(10);
            var tables = new TableServiceClient(azurite.ConnectionString);

            // Warm-up: the first upload pays for JIT, catalog loading and table creation.
            await UploadAndWaitAsync(client, [files[^1]]);

            var single = files.Take(1).ToList();
            var baseOne = await StoreDirectlyAsync(tables, single, "baseline1");
            var pipeOne = await UploadAndWaitAsync(client, single);
            var many = files.Skip(1).Take(communes).ToList();
            var baseMany = await StoreDirectlyAsync(tables, many, "baseline" + communes);
            var pipeMany = await UploadAndWaitAsync(client, many);

            Console.WriteLine();
            Console.WriteLine($"| case | entities | Azurite store only | upload → summary | ratio |");
            Console.WriteLine($"|---|---:|---:|---:|---:|");
            Row($"1 commune × {households:N0}", households, baseOne, pipeOne);
            Row($"{communes} communes × {households:N0} at once", households * communes, baseMany, pipeMany);
        }
        finally
        {
            await host.StopAsync(abort: false);
        }
    }

    private static void Row(string name, int entities, TimeSpan baseline, TimeSpan pipeline) =>
        Console.WriteLine(FormattableString.Invariant($"| {name} | {entities:N0} | {baseline.TotalSeconds:0.00} s | {pipeline.TotalSeconds:0.00} s | {pipeline / baseline:0.00}× |"));

    private static async Task<TimeSpan> UploadAndWaitAsync(HttpClient client, List<(string Commune, byte[] File)> files)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(files.Select(async f =>
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(f.File), "file", f.Commune + ".xlsx" } };
            using var response = await client.PostAsync(new Uri($"/api/surveys/{Year}/{f.Commune}", UriKind.Relative), form);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString();
            while (true)
            {
                using var summary = await client.GetAsync(new Uri($"/api/units/{Year}/{f.Commune}/summary", UriKind.Relative));
                if (summary.IsSuccessStatusCode && (await summary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString() == id)
                    return;
                await Task.Delay(25);
            }
        }));
        return stopwatch.Elapsed;
    }

    private static async Task<TimeSpan> StoreDirectlyAsync(TableServiceClient tables, List<(string Commune, byte[] File)> files, string tableName)
    {
        var table = tables.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        var batches = files.SelectMany(f => Entities(f.Commune, f.File).Chunk(100)).ToList();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 * files.Count }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
        return stopwatch.Elapsed;
    }

    private static List<TableEntity> Entities(string commune, byte[] file)
    {
        var key = new SubmissionKey(Year, commune, Convert.ToHexStringLower(SHA256.HashData(file)));
        var sink = new Collect(key);
        using var source = SurveySource.Open(new MemoryStream(file), commune + ".xlsx");
        new SurveyScorer(StandardCatalog.Default, AdminUnitCatalog.Default).Score(source, new SurveyExpectations(Year, commune), sink);
        return sink.Entities;
    }

    private static byte[] Survey(string commune, int households, int seed) =>
        new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default).CommuneFile(commune, Year, households, seed);

    private sealed class Collect(SubmissionKey key) : IScoredHouseholdSink
    {
        public List<TableEntity> Entities { get; } = [];

        public void Add(SurveyHousehold household, ScoredHousehold result) => Entities.Add(HouseholdRecord.From(household, result).ToEntity(key));
    }
}
