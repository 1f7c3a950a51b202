using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Processing;
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

namespace GiamNgheo.Pipeline.Tests;

/// <summary>The pipeline's plain classes wired by hand over a real Azurite: no host, no HTTP.</summary>
public class PipelineUnderTest : IAsyncLifetime
{
    public static readonly ReviewYear Year = ReviewYear.Of(2025);

    private static readonly SyntheticSurveyGenerator Generator = new(AdminUnitCatalog.Default, StandardCatalog.Default);

    private AzuriteServer? _azurite;

    public string ConnectionString => _azurite!.ConnectionString;

    public PipelineStorage Storage { get; private set; } = null!;

    public SubmissionStore Submissions { get; private set; } = null!;

    public SubmissionReportStore Reports { get; private set; } = null!;

    public HouseholdStore Households { get; private set; } = null!;

    public SummaryStore Summaries { get; private set; } = null!;

    public SubmissionIntake Intake { get; private set; } = null!;

    public SurveyProcessor Processor { get; private set; } = null!;

    public ProvinceWorkbookBuilder Builder { get; private set; } = null!;

    public static StandardCatalog Standards => StandardCatalog.Default;

    public static AdminUnitCatalog Units => AdminUnitCatalog.Default;

    /// <summary>The pseudonymiser of the workbooks this fixture builds, under a key of its own.</summary>
    public HouseholdPseudonymiser Pseudonymiser { get; } = new(PseudonymKey.Generate());

    public virtual async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        Storage = CreateStorage();
        await Storage.EnsureCreatedAsync();
        Submissions = new SubmissionStore(Storage);
        Reports = new SubmissionReportStore(Storage);
        Households = new HouseholdStore(Storage);
        Summaries = new SummaryStore(Storage, Submissions, Standards);
        Intake = new SubmissionIntake(Storage, Submissions, Reports, Summaries, new SurveyScorer(Standards, Units), Standards, Units, SurveyLimits.Default, TimeProvider.System);
        Processor = ProcessorWith(Summaries);
        Builder = new ProvinceWorkbookBuilder(Storage, Households, new ProvinceWorkbook(Units, Standards, Pseudonymiser));
    }

    public virtual async Task DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }

    /// <summary>Clients of this Azurite; the policies see every table or blob request (to simulate a crash, to hold a step).</summary>
    public PipelineStorage CreateStorage(HttpPipelinePolicy? tablePolicy = null, HttpPipelinePolicy? blobPolicy = null)
    {
        var tableOptions = new TableClientOptions();
        if (tablePolicy is not null)
            tableOptions.AddPolicy(tablePolicy, HttpPipelinePosition.PerCall);
        var blobOptions = new BlobClientOptions();
        if (blobPolicy is not null)
            blobOptions.AddPolicy(blobPolicy, HttpPipelinePosition.PerCall);
        return new PipelineStorage(
            new BlobServiceClient(ConnectionString, blobOptions),
            new TableServiceClient(ConnectionString, tableOptions),
            new QueueServiceClient(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
    }

    /// <summary>A processor over this storage whose summary step goes to <paramref name="summaries"/>.</summary>
    public SurveyProcessor ProcessorWith(SummaryStore summaries) =>
        new(Storage, Submissions, Reports, Households, summaries, new SurveyScorer(Standards, Units), Standards, Units, SurveyLimits.Default, PipelineOptions.Default, TimeProvider.System);

    /// <summary>Stores the file where an upload puts it (the blob trigger's input) and returns its key.</summary>
    public async Task<SubmissionKey> StoreRawAsync(string communeCode, byte[] file)
    {
        var key = KeyOf(communeCode, file);
        await Storage.Surveys.GetBlobClient(key.BlobName).UploadAsync(new BinaryData(file), overwrite: true);
        return key;
    }

    /// <summary>Uploads a file as an officer does and scores it as the blob trigger does.</summary>
    public async Task<(SubmissionKey Key, ProcessingResult Result)> UploadAndScoreAsync(string communeCode, byte[] file)
    {
        var received = await Intake.ReceiveAsync(Year, communeCode, new MemoryStream(file), communeCode + ".xlsx", CancellationToken.None);
        Assert.Null(received.Rejection);
        var key = received.Submission!.Key;
        return (key, await Processor.ProcessAsync(Storage.Surveys.GetBlobClient(key.BlobName), CancellationToken.None));
    }

    /// <summary>Tiny surveys scored into <paramref name="count"/> communes of a province, a few at a time; returns the communes.</summary>
    public async Task<IReadOnlyList<string>> ScoreTinyCommunesAsync(string provinceCode, int count, int householdsEach, int seed)
    {
        var communes = Enumerable.Range(0, count).Select(i => CommuneOf(provinceCode, i)).ToList();
        await Parallel.ForEachAsync(communes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (commune, _) =>
        {
            var (_, result) = await UploadAndScoreAsync(commune, Survey(commune, householdsEach, seed));
            Assert.Equal(ProcessingResult.Scored, result);
        });
        return communes;
    }

    public static byte[] Survey(string communeCode, int households, int seed) =>
        Generator.CommuneFile(communeCode, Year.Value, households, seed);

    public static SubmissionKey KeyOf(string communeCode, byte[] file) => new(Year.Value, communeCode, Convert.ToHexStringLower(SHA256.HashData(file)));

    public static string CommuneOf(string province, int index) => Units.CommunesOf(province, Year.ReferenceDate)[index].Code;

    /// <summary>The manifest a request would make now from the stored summaries.</summary>
    public async Task<ExportManifest> ManifestNowAsync(string provinceCode) =>
        ExportManifest.Create(Year, provinceCode, await Summaries.CommunesAsync(Year.Value, provinceCode, CancellationToken.None), Standards.Indicators, Pseudonymiser.KeyId);

    /// <summary>Every blob name under a prefix of the exports container.</summary>
    public async Task<IReadOnlyList<string>> ExportBlobsAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var item in Storage.Exports.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
            names.Add(item.Name);
        return names;
    }
}
