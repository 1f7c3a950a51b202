using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Functions.LocalHost;

/// <summary>Registration of the development-only trigger runner.</summary>
public static class LocalHostServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted service that, once the application has started, delivers blob, queue and timer triggers declared in
    /// <see cref="LocalHostOptions.AppRoot"/> to this handler. Needs <see cref="Azure.Storage.Blobs.BlobServiceClient"/>,
    /// <see cref="Azure.Storage.Queues.QueueServiceClient"/> (with the SDK's default <c>QueueMessageEncoding.None</c>: the runner applies
    /// host.json <c>messageEncoding</c> itself) and <see cref="TimeProvider"/> in the container. Never register it in Azure,
    /// where the Functions host delivers triggers.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="options">Runner settings.</param>
    public static IServiceCollection AddLocalTriggerRunner(this IServiceCollection services, LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddHostedService<LocalTriggerRunner>();
        return services;
    }
}
