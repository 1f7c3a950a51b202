using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Pipeline.Storage;
using Microsoft.Extensions.Configuration;

namespace GiamNgheo.Functions.Configuration;

/// <summary>Creates the storage clients from the app settings: a connection string (Azurite) or the managed identity (Azure).</summary>
public static class StorageClients
{
    /// <summary>Builds the pipeline storage; throws with the setting names when neither is set.</summary>
    public static PipelineStorage Create(IConfiguration configuration)
    {
        // The Functions host reads queue triggers as base64 (host.json messageEncoding), so senders must encode the same.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var connectionString = configuration[AppSettings.StorageConnectionString.Name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new PipelineStorage(
                new BlobServiceClient(connectionString),
                new TableServiceClient(connectionString),
                new QueueServiceClient(connectionString, queueOptions));
        }

        var account = configuration[AppSettings.StorageAccountName.ConfigurationKey];
        if (string.IsNullOrWhiteSpace(account))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {AppSettings.StorageAccountName.Name} (managed identity) or {AppSettings.StorageConnectionString.Name} (connection string).");
        }

        var credential = new DefaultAzureCredential();
        return new PipelineStorage(
            new BlobServiceClient(new Uri($"https://{account}.blob.core.windows.net"), credential),
            new TableServiceClient(new Uri($"https://{account}.table.core.windows.net"), credential),
            new QueueServiceClient(new Uri($"https://{account}.queue.core.windows.net"), credential, queueOptions));
    }
}
