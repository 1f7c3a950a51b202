using GiamNgheo.Functions.Configuration;
using GiamNgheo.Notifications;
using GiamNgheo.Pipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GiamNgheo.Functions;

/// <summary>The message delivery part of <see cref="AppServices"/>.</summary>
public static class NotificationServices
{
    /// <summary>Message delivery (ADR 0008): the outbox over the app's storage account, the email and webhook channels configured
    /// from <see cref="AppSettings"/>, and the delivery the <c>deliver-message</c> function runs.</summary>
    public static IServiceCollection AddGiamNgheoNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(DeliveryOptions.Default);
        // The same service clients as the pipeline: one account, queue messages base64-encoded as the host reads them.
        services.TryAddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<PipelineStorage>();
            return new NotificationStorage(storage.Blobs, storage.Tables, storage.Queues);
        });
        services.TryAddSingleton<Outbox>();
        // Read when first needed, so a host or test may add configuration after this registration.
        services.TryAddSingleton(_ => NotificationSettings.Smtp(configuration));
        services.TryAddSingleton(_ => NotificationSettings.Webhook(configuration));
        services.AddSingleton<IMessageChannel, EmailChannel>();
        services.AddSingleton<IMessageChannel, WebhookChannel>();
        // No automatic redirects: a redirected POST would silently become a GET; a 3xx is a failed attempt instead.
        services.AddHttpClient(WebhookChannel.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<MessageDelivery>();
        return services;
    }
}
