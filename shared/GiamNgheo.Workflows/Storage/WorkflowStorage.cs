using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace GiamNgheo.Workflows.Storage;

/// <summary>The storage of plans and period reports: names of its containers and tables, and the clients to reach them.</summary>
public sealed class WorkflowStorage
{
    /// <summary>Every version of every plan as JSON, named <c>{plan}/{version}-{unique}.json</c>, never overwritten.</summary>
    public const string PlansContainer = "plans";

    /// <summary>Period reports as submitted, named <c>{plan}/{period}/{reporter}/{received}-{unique}</c>, never overwritten.</summary>
    public const string PeriodReportsContainer = "plan-reports";

    /// <summary>The current version and state of each plan, one partition per plan.</summary>
    public const string PlansTable = "plans";

    /// <summary>Which reporter reported which period when, one partition per plan.</summary>
    public const string PeriodReportsTable = "planreports";

    /// <summary>Creates the storage over the blob and table services.</summary>
    public WorkflowStorage(BlobServiceClient blobs, TableServiceClient tables)
    {
        PlanVersions = blobs.GetBlobContainerClient(PlansContainer);
        PeriodReportFiles = blobs.GetBlobContainerClient(PeriodReportsContainer);
        Plans = tables.GetTableClient(PlansTable);
        PeriodReports = tables.GetTableClient(PeriodReportsTable);
    }

    /// <summary>Every container the workflows write.</summary>
    public static IReadOnlyList<string> ContainerNames { get; } = [PlansContainer, PeriodReportsContainer];

    /// <summary>Every table the workflows write.</summary>
    public static IReadOnlyList<string> TableNames { get; } = [PlansTable, PeriodReportsTable];

    /// <summary>Plan versions.</summary>
    public BlobContainerClient PlanVersions { get; }

    /// <summary>Period report files.</summary>
    public BlobContainerClient PeriodReportFiles { get; }

    /// <summary>Plans table.</summary>
    public TableClient Plans { get; }

    /// <summary>Period reports table.</summary>
    public TableClient PeriodReports { get; }

    /// <summary>Creates what is missing. In Azure the infrastructure creates everything; locally and in tests this does.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => Task.WhenAll(
        PlanVersions.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
        PeriodReportFiles.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
        Plans.CreateIfNotExistsAsync(cancellationToken),
        PeriodReports.CreateIfNotExistsAsync(cancellationToken));
}
