using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;
using GiamNgheo.Testing;
using GiamNgheo.Workflows.Review;

namespace GiamNgheo.Workflows.Tests.Review;

/// <summary>The review's classes and the pipeline's stores wired by hand over a real Azurite, under a clock the test moves.</summary>
public sealed class ReviewUnderTest : IAsyncLifetime
{
    public static readonly ReviewYear Year = ReviewYear.Of(2025);

    private AzuriteServer? _azurite;

    public SettableClock Clock { get; } = new();

    public PipelineStorage Storage { get; private set; } = null!;

    public SubmissionStore Submissions { get; private set; } = null!;

    public SubmissionIntake Intake { get; private set; } = null!;

    public ReviewStore Store { get; private set; } = null!;

    public ReviewService Reviews { get; private set; } = null!;

    public ReviewReminderSource Reminders { get; private set; } = null!;

    public static ReviewRules Rules { get; } = new(WorkingDayCalendar.Default);

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        Storage = new PipelineStorage(
            new BlobServiceClient(_azurite.ConnectionString),
            new TableServiceClient(_azurite.ConnectionString),
            new QueueServiceClient(_azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        await Storage.EnsureCreatedAsync();
        Submissions = new SubmissionStore(Storage);
        var units = AdminUnitCatalog.Default;
        var standards = StandardCatalog.Default;
        Intake = new SubmissionIntake(Storage, Submissions, new SubmissionReportStore(Storage), new SummaryStore(Storage, Submissions, standards),
            new SurveyScorer(standards, units), standards, units, SurveyLimits.Default, Clock);
        Store = new ReviewStore(Storage);
        Reviews = new ReviewService(Store, Submissions, new AuditLog(Storage, units, Clock), units, Rules, ReviewDefaults.Default, Clock);
        Reminders = new ReviewReminderSource(Reviews, units, Clock);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }

    /// <summary>Moves the clock to 10:00 of a day in Vietnam.</summary>
    public void Today(int month, int day) => Clock.Now = VietnamTime.At(new DateOnly(2025, month, day), new TimeOnly(10, 0));

    public static string CommuneOf(string province, int index) => AdminUnitCatalog.Default.CommunesOf(province, Year.ReferenceDate)[index].Code;

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Starts the province's review (defaults unless a body is given).</summary>
    public async Task<ReviewStarted> StartAsync(string province, string? body = null)
    {
        var result = await Reviews.StartAsync(Year, province, body is null ? null : Json(body), new AuditActor("so-nnmt", "so-nnmt"), CancellationToken.None);
        Assert.True(result.Value is not null, result.Refusal?.Detail);
        return result.Value;
    }

    public Task<ReviewResult<CommuneReviewReport>> StepAsync(string commune, string step, string? body = null, string actor = "can-bo@xa") =>
        Reviews.RecordStepAsync(Year, commune, step, body is null ? null : Json(body), new AuditActor(actor, actor), CancellationToken.None);

    public async Task<CommuneReviewReport> AcceptAsync(string commune, string step, string? body = null)
    {
        var result = await StepAsync(commune, step, body);
        Assert.True(result.Value is not null, result.Refusal?.Detail);
        return result.Value;
    }

    /// <summary>Records a submission of the commune as the pipeline would after scoring (or still waiting), without a file.</summary>
    public async Task<SubmissionKey> SubmissionAsync(string commune, SubmissionStatus status, string seed)
    {
        var key = new SubmissionKey(Year.Value, commune, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed))));
        var unit = AdminUnitCatalog.Default.FindCommune(commune, Year.ReferenceDate)!.Unit;
        var now = Clock.GetUtcNow();
        await Submissions.ChangeAsync(
            key,
            () => new CommuneState { Year = Year.Value, CommuneCode = commune, ProvinceCode = unit.ProvinceCode },
            (_, state) =>
            {
                var submission = new Submission(key) { ProvinceCode = unit.ProvinceCode, Status = status, ReceivedAt = now, UpdatedAt = now, UploadSequence = ++state.LastSequence };
                state.CountIfLatest(submission);
                return submission;
            },
            CancellationToken.None);
        return key;
    }

    /// <summary>Listed on 15/9, surveyed on 1/10, two villages met by 20/11, posted on 24/11 (to the end of 26/11).</summary>
    public async Task WalkToPostingAsync(string commune)
    {
        Today(9, 15);
        await AcceptAsync(commune, ReviewSteps.Listing);
        Today(10, 1);
        await SubmissionAsync(commune, SubmissionStatus.Scored, commune + "-1");
        Today(11, 20);
        await AcceptAsync(commune, ReviewSteps.Meetings, """{"thon":"Thôn Đông","ngay":"2025-11-18","thamDu":60,"dongY":45}""");
        await AcceptAsync(commune, ReviewSteps.Meetings, """{"thon":"Thôn Tây","ngay":"2025-11-20","thamDu":40,"dongY":20}""");
        Today(11, 24);
        await AcceptAsync(commune, ReviewSteps.Posting, """{"batDau":"2025-11-24"}""");
    }
}

/// <summary>A clock the test sets, forwards or back (each test of the class starts its own story).</summary>
public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = VietnamTime.At(new DateOnly(2025, 9, 15), new TimeOnly(9, 0));

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
