using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace GiamNgheo.Pipeline.Storage;

/// <summary>The storage the pipeline uses: names of its containers, tables and queues, and the clients to reach them.</summary>
/// <remarks>Queue messages are base64-encoded because that is the Functions host's default (host.json
/// <c>extensions.queues.messageEncoding</c>); the queue client must be created with <see cref="QueueMessageEncoding.Base64"/>.</remarks>
public sealed class PipelineStorage
{
    /// <summary>Raw uploaded surveys, immutable, named <c>{year}/{commune}/{sha256}</c>; the blob trigger watches it.</summary>
    public const string SurveysContainer = "surveys";

    /// <summary>Issue listings (errors and warnings) of each submission, as JSON.</summary>
    public const string ReportsContainer = "survey-reports";

    /// <summary>Province workbooks built for analysts.</summary>
    public const string ExportsContainer = "exports";

    /// <summary>Start-of-period lists and declared changes communes upload for the <c>bien-dong</c> report (raw files and the lists in force).</summary>
    public const string ChangeListsContainer = "change-lists";
    /// <summary>Read-optimised household digests of scored submissions, named <c>{year}/{commune}/{hash}.{version}.digest</c> (ADR 0011).</summary>
    public const string DigestsContainer = "household-digests";

    /// <summary>Submissions and the per commune-year state, partitioned by commune and year.</summary>
    public const string SubmissionsTable = "submissions";

    /// <summary>Scored households, partitioned by commune and year.</summary>
    public const string HouseholdsTable = "households";

    /// <summary>Unit summaries, partitioned by province and year.</summary>
    public const string SummariesTable = "summaries";

    /// <summary>Who downloaded which personal data, partitioned by day.</summary>
    public const string AuditTable = "audit";

    /// <summary>Work: score a stored survey again (recovery, retries).</summary>
    public const string RescoreQueue = "survey-rescore";

    /// <summary>Work: refresh a province's stored aggregates.</summary>
    public const string SummaryRefreshQueue = "summary-refresh";

    /// <summary>Creates the storage over the three service clients.</summary>
    public PipelineStorage(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues)
    {
        Blobs = blobs;
        Tables = tables;
        Queues = queues;
        Surveys = blobs.GetBlobContainerClient(SurveysContainer);
        Reports = blobs.GetBlobContainerClient(ReportsContainer);
        Exports = blobs.GetBlobContainerClient(ExportsContainer);
        ChangeLists = blobs.GetBlobContainerClient(ChangeListsContainer);
        Digests = blobs.GetBlobContainerClient(DigestsContainer);
        Submissions = tables.GetTableClient(SubmissionsTable);
        Households = tables.GetTableClient(HouseholdsTable);
        Summaries = tables.GetTableClient(SummariesTable);
        Audit = tables.GetTableClient(AuditTable);
        Rescore = queues.GetQueueClient(RescoreQueue);
        SummaryRefresh = queues.GetQueueClient(SummaryRefreshQueue);
    }

    /// <summary>Every container the pipeline writes.</summary>
    public static IReadOnlyList<string> ContainerNames { get; } = [SurveysContainer, ReportsContainer, ExportsContainer, ChangeListsContainer, DigestsContainer];

    /// <summary>Every table the pipeline writes.</summary>
    public static IReadOnlyList<string> TableNames { get; } = [SubmissionsTable, HouseholdsTable, SummariesTable, AuditTable];

    /// <summary>Every queue the pipeline writes.</summary>
    public static IReadOnlyList<string> QueueNames { get; } = [RescoreQueue, SummaryRefreshQueue];

    /// <summary>The blob service.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>The table service.</summary>
    public TableServiceClient Tables { get; }

    /// <summary>The queue service.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>Raw surveys.</summary>
    public BlobContainerClient Surveys { get; }

    /// <summary>Issue listings.</summary>
    public BlobContainerClient Reports { get; }

    /// <summary>Province workbooks.</summary>
    public BlobContainerClient Exports { get; }

    /// <summary>Start-of-period lists and declared changes.</summary>
    public BlobContainerClient ChangeLists { get; }
    /// <summary>Household digests.</summary>
    public BlobContainerClient Digests { get; }

    /// <summary>Submissions table.</summary>
    public TableClient Submissions { get; }

    /// <summary>Households table.</summary>
    public TableClient Households { get; }

    /// <summary>Summaries table.</summary>
    public TableClient Summaries { get; }

    /// <summary>Audit table.</summary>
    public TableClient Audit { get; }

    /// <summary>Rescore queue.</summary>
    public QueueClient Rescore { get; }

    /// <summary>Summary refresh queue.</summary>
    public QueueClient SummaryRefresh { get; }

    /// <summary>Creates what is missing. In Azure the infrastructure creates everything; locally and in tests this does.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            Surveys.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Reports.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Exports.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            ChangeLists.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Digests.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Submissions.CreateIfNotExistsAsync(cancellationToken),
            Households.CreateIfNotExistsAsync(cancellationToken),
            Summaries.CreateIfNotExistsAsync(cancellationToken),
            Audit.CreateIfNotExistsAsync(cancellationToken),
            Rescore.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            SummaryRefresh.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
