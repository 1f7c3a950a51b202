using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GiamNgheo.Testing;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Storage;

namespace GiamNgheo.Workflows.Tests.Storage;

/// <summary>One Azurite for the storage tests of a class, with fresh workflow storage.</summary>
public sealed class WorkflowsOnAzurite : IAsyncLifetime
{
    private AzuriteServer? _azurite;

    public AzuriteServer Azurite => _azurite!;

    public WorkflowStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        Storage = new WorkflowStorage(new BlobServiceClient(Azurite.ConnectionString), new TableServiceClient(Azurite.ConnectionString));
        await Storage.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }

    /// <summary>A small valid plan (Thanh Liêm style) with a unique id.</summary>
    public static ReportingPlan Plan(string? id = null, DateOnly? due = null) => new(
        id ?? $"ke-hoach-{Guid.NewGuid():N}"[..24],
        "Kế hoạch giảm nghèo năm 2024",
        2024,
        "01",
        new PlanContact("so-nn-mt", "Sở Nông nghiệp và Môi trường", "so@example.invalid"),
        [
            new PlanReporter("so-y-te", "Sở Y tế", "soyte@example.invalid"),
            new PlanReporter("so-gd-dt", "Sở Giáo dục và Đào tạo", "sogd@example.invalid", ActiveUntil: new DateOnly(2024, 6, 30)),
        ],
        [new PlanPeriod("6-thang", "6 tháng đầu năm", due ?? new DateOnly(2024, 6, 10)), new PlanPeriod("nam", "Cả năm", new DateOnly(2024, 11, 15))],
        ReminderPolicy.Default,
        []);
}
