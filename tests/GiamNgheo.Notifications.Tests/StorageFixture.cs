using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Testing;

namespace GiamNgheo.Notifications.Tests;

/// <summary>One Azurite for the tests of a class, with the notification storage created; each test uses its own source.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private AzuriteServer? _azurite;

    public NotificationStorage Storage { get; private set; } = null!;

    /// <summary>The delivery queue read without base64 decoding by the client, to look at what was sent.</summary>
    public QueueClient RawDeliveryQueue { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var connection = _azurite.ConnectionString;
        // As the app creates them: base64 queue messages, the Functions host's encoding.
        Storage = new NotificationStorage(
            new BlobServiceClient(connection),
            new TableServiceClient(connection),
            new QueueServiceClient(connection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        await Storage.EnsureCreatedAsync();
        RawDeliveryQueue = new QueueServiceClient(connection).GetQueueClient(NotificationStorage.DeliveryQueue);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }

    /// <summary>The wake-ups now visible on the delivery queue for one source (decoded), without removing them.</summary>
    public async Task<List<DeliveryRequest>> VisibleWakeUpsAsync(string source)
    {
        var messages = await Storage.Delivery.PeekMessagesAsync(32);
        return [.. messages.Value.Select(m => DeliveryRequest.Parse(m.Body.ToString())).Where(r => r.Source == source)];
    }
}
