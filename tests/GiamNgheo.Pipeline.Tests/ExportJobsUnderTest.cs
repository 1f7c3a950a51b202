using GiamNgheo.Testing;
using System.Net;
using System.Net.Sockets;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>The pipeline over Azurite plus the export orchestration run for real by the in-memory Durable Task host.</summary>
/// <remarks>The activities' storage goes through <see cref="Gate"/>, so a test can hold a build at a known step.</remarks>
public sealed class ExportJobsUnderTest : PipelineUnderTest
{
    /// <summary>Bounds every wait for a build, so a lost build fails the test instead of hanging it.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private DurableTaskTestHost? _durable;

    public BlobGate Gate { get; } = new();

    public DurableTaskClient Durable => _durable!.Client;

    public ProvinceExportJobs Jobs { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Jobs = JobsWith(TimeProvider.System);
        var activityStorage = CreateStorage(blobPolicy: Gate);
        var builder = new ProvinceWorkbookBuilder(activityStorage, new HouseholdStore(activityStorage), new ProvinceWorkbook(Units, Standards, Pseudonymiser));

        // The test host's gRPC sidecar logs every request to the console at Information; its warnings are enough here.
        if (Environment.GetEnvironmentVariable("Logging__LogLevel__Default") is null)
            Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        _durable = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddOrchestrator<ProvinceExportOrchestration>().AddActivity<ExtractCommuneActivity>().AddActivity<AssembleWorkbookActivity>(),
            new DurableTaskTestHostOptions { Port = LoopbackPorts.Free(), ConfigureServices = services => services.AddSingleton(builder) });
    }

    public override async Task DisposeAsync()
    {
        if (_durable is not null)
            await _durable.DisposeAsync();
        await base.DisposeAsync();
    }

    public ProvinceExportJobs JobsWith(TimeProvider clock) => new(Storage, Summaries, Standards, Pseudonymiser, clock);

    /// <summary>Waits until the build's orchestration has finished (completed, failed or terminated).</summary>
    public async Task<OrchestrationMetadata> FinishedAsync(ExportBuildId build)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        return await Durable.WaitForInstanceCompletionAsync(build.InstanceId, getInputsAndOutputs: true, guard.Token);
    }

    /// <summary>The orchestrations of a province's builds.</summary>
    public async Task<IReadOnlyList<OrchestrationMetadata>> InstancesAsync(string provinceCode)
    {
        var list = new List<OrchestrationMetadata>();
        await foreach (var instance in Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = $"export-{Year.Value}-{provinceCode}-" }))
            list.Add(instance);
        return list;
    }

    /// <summary>The manifests stored for a province's builds.</summary>
    public async Task<IReadOnlyList<string>> ManifestsAsync(string provinceCode) =>
        [.. (await ExportBlobsAsync($"{Year.Value}/{provinceCode}/")).Where(n => n.EndsWith("/manifest.json", StringComparison.Ordinal))];

    /// <summary>The blob path part of a build's commune extracts (what <see cref="BlobGate.Arm"/> matches).</summary>
    public static string ExtractPath(ExportBuildId build) => $"/{PipelineStorage.ExportsContainer}/{build.WorkPrefix}communes/";
}
