using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace GiamNgheo.LocalHost.Durable;

/// <summary>The stand-in for the Durable extension of the Functions host: the Durable Task gRPC sidecar (from
/// Microsoft.DurableTask.InProcessTestHost) over the Azure Storage provider that Durable Functions uses in Azure, here on
/// Azurite. The app's worker and client connect to it over h2c on loopback, so everything in flight is in storage and a
/// restarted process resumes it.</summary>
public sealed class LocalDurableSidecar : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly SidecarOrchestrationService _service;

    private LocalDurableSidecar(WebApplication server, SidecarOrchestrationService service, Uri address)
    {
        _server = server;
        _service = service;
        Address = address;
    }

    /// <summary>Where the worker and client connect (loopback only: the sidecar has no authentication).</summary>
    public Uri Address { get; }

    /// <summary>Creates the task hub if needed and starts serving.</summary>
    public static async Task<LocalDurableSidecar> StartAsync(string storageConnectionString, HostSettings settings, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = settings.TaskHubName,
            PartitionCount = settings.PartitionCount,
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestrations,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            // Scheduling an instance id that is running must fail (not silently return) and be atomic against a racing start.
            ThrowExceptionOnInvalidDedupeStatus = true,
            UseInstanceTableEtag = true,
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        var fixedService = new SidecarOrchestrationService(service);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(fixedService);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(fixedService);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
        return new LocalDurableSidecar(server, fixedService, new Uri(server.Urls.First()));
    }

    /// <summary>Stops serving and releases the task hub's partition leases so a restart takes them over at once.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _server.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutting down anyway: what was in flight is in storage.
        }

        await _service.StopAsync(isForced: true);
        await _server.DisposeAsync();
    }
}
