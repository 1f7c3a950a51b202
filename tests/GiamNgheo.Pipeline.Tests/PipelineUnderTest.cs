using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Pipeline;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;
using GiamNgheo.Synthetic;
using GiamNgheo.Testing;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>The pipeline's plain classes wired by hand over a real Azurite: no host, no HTTP.</summary>
public sealed class PipelineUnderTest : IAsyncLifetime
{
    private AzuriteServer? _azurite;

    public PipelineStorage Storage { get; private set; } = null!;

    public SubmissionStore Submissions { get; private set; } = null!;

    public SummaryStore Summaries { get; private set; } = null!;

    public SubmissionIntake Intake { get; private set; } = null!;

    public SurveyProcessor Processor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var c = _azurite.ConnectionString;
        Storage = new PipelineStorage(new BlobServiceClient(c), new TableServiceClient(c), new QueueServiceClient(c, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        await Storage.EnsureCreatedAsync();
        var standards = StandardCatalog.Default;
        var units = AdminUnitCatalog.Default;
        var scorer = new SurveyScorer(standards, units);
        Submissions = new SubmissionStore(Storage);
        var reports = new SubmissionReportStore(Storage);
        var households = new HouseholdStore(Storage);
        Summaries = new SummaryStore(Storage, Submissions, households, standards);
        Intake = new SubmissionIntake(Storage, Submissions, reports, Summaries, scorer, standards, units, SurveyLimits.Default, TimeProvider.System);
        Processor = new SurveyProcessor(Storage, Submissions, reports, households, Summaries, scorer, units, SurveyLimits.Default, PipelineOptions.Default, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }

    public static byte[] Survey(string communeCode, int households, int seed) =>
        new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default).CommuneFile(communeCode, 2025, households, seed);

    public static SubmissionKey KeyOf(string communeCode, byte[] file) => new(2025, communeCode, Convert.ToHexStringLower(SHA256.HashData(file)));

    public static string CommuneOf(string province, int index) =>
        AdminUnitCatalog.Default.CommunesOf(province, new DateOnly(2025, 9, 1))[index].Code;
}
