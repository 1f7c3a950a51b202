using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Sas;
using GiamNgheo.Functions.HostProtocol;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.LocalHost;

/// <summary>
/// Development-only stand-in for the Functions host's triggers: reads host.json and the function.json files, then delivers
/// blob, queue and timer events to the handler's <c>POST /{function}</c> endpoints in the host's payload format.
/// HTTP functions are forwarded by the host in Azure, so locally clients call the handler's routes directly.
/// </summary>
internal sealed class LocalTriggerRunner(
    LocalHostOptions options,
    BlobServiceClient blobs,
    QueueServiceClient queues,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LocalTriggerRunner> logger,
    IServer? server = null) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitForApplicationStartedAsync(stoppingToken);
            var app = FunctionAppDefinition.Load(options.AppRoot);
            var handlerAddress = options.HandlerBaseAddress ?? DiscoverHandlerAddress();
            using var handler = new HandlerClient(handlerAddress, app.FunctionTimeout, logger);

            var listeners = CreateListeners(app, handler);
            try
            {
                logger.Started(listeners.Count, app.AppRoot, handlerAddress);
                await Task.WhenAll(listeners.Select(listener => listener.RunAsync(stoppingToken)));
            }
            finally
            {
                foreach (var listener in listeners.OfType<IDisposable>())
                    listener.Dispose();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WaitForApplicationStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }

    private Uri DiscoverHandlerAddress()
    {
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var http = addresses.FirstOrDefault(address => address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"The local trigger runner found no http address the handler listens on ({(addresses.Count == 0 ? "none" : string.Join(", ", addresses))}); set {nameof(LocalHostOptions)}.{nameof(LocalHostOptions.HandlerBaseAddress)}.");

        // Wildcard bindings are not addresses one can call; the host itself always calls 127.0.0.1.
        var builder = new UriBuilder(http.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "localhost" or "0.0.0.0" or "[::]" or "::")
            builder.Host = "127.0.0.1";

        return builder.Uri;
    }

    private List<ITriggerListener> CreateListeners(FunctionAppDefinition app, HandlerClient handler)
    {
        var listeners = new List<ITriggerListener>();
        var undecodedQueues = new Lazy<QueueServiceClient>(CreateUndecodedQueueClient);
        foreach (var function in app.Functions)
        {
            if (function.Disabled)
                continue;

            if (function.Trigger is not { } trigger)
            {
                logger.NoSingleTrigger(function.Name);
                continue;
            }

            try
            {
                if (trigger.HasType("blobTrigger"))
                    listeners.Add(new BlobTriggerListener(function, trigger, app, blobs, undecodedQueues.Value, handler, options.BlobPollInterval, time, logger));
                else if (trigger.HasType("queueTrigger"))
                    listeners.Add(new QueueTriggerListener(function, trigger, app, undecodedQueues.Value, handler, options.QueuePollInterval, time, logger));
                else if (trigger.HasType("timerTrigger"))
                    listeners.Add(new TimerTriggerListener(function, trigger, blobs, handler, time, logger));
                else if (!trigger.HasType("httpTrigger"))
                    logger.UnsupportedTrigger(function.Name, trigger.Type);
            }
            catch (FormatException e)
            {
                throw new FunctionAppDefinitionException($"{function.FilePath}: {e.Message}.", e);
            }
        }

        return listeners;
    }

    /// <summary>
    /// The host reads and writes queue bodies as stored and applies host.json <c>messageEncoding</c> itself, while the app's
    /// registered client may decode base64 for its own senders. The SDK cannot remove the encoding from an existing client, so the
    /// runner uses a copy authorized by an account SAS, which needs the account key (always present with Azurite connection strings).
    /// </summary>
    private QueueServiceClient CreateUndecodedQueueClient()
    {
        if (!queues.CanGenerateAccountSasUri)
        {
            throw new InvalidOperationException(
                "The local trigger runner needs the registered QueueServiceClient to be created from a connection string with an account key (e.g. Azurite), so it can read queue messages undecoded like the Functions host.");
        }

        var sas = queues.GenerateAccountSasUri(AccountSasPermissions.All, time.GetUtcNow().AddYears(1), AccountSasResourceTypes.All);
        return new QueueServiceClient(sas);
    }
}
