using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Testing;

namespace GiamNgheo.LocalHost.Tests.Support;

/// <summary>One Azurite per test class; tests keep apart by using their own container, queue and function names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    public BlobServiceClient Blobs => new(Server.ConnectionString);

    /// <summary>A client that base64-encodes like the app's senders (host.json messageEncoding base64).</summary>
    public QueueServiceClient Base64Queues => new(Server.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>A client that reads and writes message bodies as stored.</summary>
    public QueueServiceClient RawQueues => new(Server.ConnectionString);

    /// <summary>A blob client for a listener whose requests <paramref name="traffic"/> sees.</summary>
    public BlobServiceClient BlobsSeenBy(StorageTraffic traffic) => new(Server.ConnectionString, Watched(new BlobClientOptions(), traffic));

    /// <summary>An undecoding queue client (as the local host gives its listeners) whose requests <paramref name="traffic"/> sees.</summary>
    public QueueServiceClient RawQueuesSeenBy(StorageTraffic traffic) => new(Server.ConnectionString, Watched(new QueueClientOptions(), traffic));

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private static TOptions Watched<TOptions>(TOptions options, StorageTraffic traffic)
        where TOptions : ClientOptions
    {
        options.AddPolicy(traffic, HttpPipelinePosition.PerCall);
        return options;
    }
}
