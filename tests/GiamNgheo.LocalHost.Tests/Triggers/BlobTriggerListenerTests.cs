using System.Text.Json;
using Azure.Storage.Blobs;
using GiamNgheo.LocalHost.Functions;
using GiamNgheo.LocalHost.Tests.Support;
using GiamNgheo.LocalHost.Triggers;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.LocalHost.Tests.Triggers;

/// <summary>The blob function the listener tests drive: it reads the blob it is handed, as the app's score-survey does.</summary>
public sealed class TestBlobFunction(Deliveries deliveries)
{
    public const string Name = "test-blob";

    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger("test-blobs/{year}/{communeCode}/{name}")] BlobClient blob,
        string year,
        string communeCode,
        string name,
        CancellationToken cancellationToken)
    {
        var content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        var values = new Dictionary<string, string> { ["year"] = year, ["communeCode"] = communeCode, ["name"] = name, ["content"] = content };
        await deliveries.RecordAsync(new Delivery(Name, blob.Name, values), cancellationToken);
    }
}

public sealed class BlobTriggerListenerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly Deliveries _deliveries = new();
    private readonly CapturingLogger _log = new();
    private readonly StorageTraffic _traffic = new();
    private readonly string _container = TestFunctions.UniqueName("surveys");

    [Fact]
    public async Task Matching_blob_is_delivered_once_with_its_path_tokens_and_gets_a_receipt()
    {
        var container = await NewContainerAsync();
        await container.GetBlobClient("2025/only-two").UploadAsync(BinaryData.FromString("does not match the path"));
        var blob = container.GetBlobClient("2025/00004/4f1c0b");
        await blob.UploadAsync(BinaryData.FromString("Hộ nghèo"));

        await using var listener = Start();
        var delivered = Assert.Single(await _deliveries.WaitForAsync(1, "the blob delivery", _log));
        await WaitForReceiptAsync(blob);
        await StopAfterMoreScansAsync(listener);

        Assert.Single(_deliveries.All);
        Assert.Equal("2025/00004/4f1c0b", delivered.Subject);
        Assert.Equal(new Dictionary<string, string> { ["year"] = "2025", ["communeCode"] = "00004", ["name"] = "4f1c0b", ["content"] = "Hộ nghèo" }, delivered.Values);
    }

    [Fact]
    public async Task Restarted_listener_delivers_blobs_without_receipts_and_skips_receipted_ones()
    {
        var container = await NewContainerAsync();
        _deliveries.Behaviour = (delivery, ct) => delivery.Subject.EndsWith("in-progress", StringComparison.Ordinal)
            ? Task.Delay(Timeout.Infinite, ct)
            : Task.CompletedTask;

        await using var first = Start();
        var done = container.GetBlobClient("2025/00004/done");
        await done.UploadAsync(BinaryData.FromString("done"));
        await WaitForReceiptAsync(done);
        await container.GetBlobClient("2025/00004/in-progress").UploadAsync(BinaryData.FromString("stopped mid-way"));
        await _deliveries.WaitForAsync(2, "the blob in progress", _log);
        await first.StopAsync();
        await container.GetBlobClient("2025/00004/while-down").UploadAsync(BinaryData.FromString("arrived while stopped"));

        _deliveries.Behaviour = (_, _) => Task.CompletedTask;
        await using var second = Start();
        await _deliveries.WaitForAsync(4, "the blobs without receipts", _log);
        await StopAfterMoreScansAsync(second);

        Assert.Equal(["2025/00004/in-progress", "2025/00004/while-down"], _deliveries.All.Skip(2).Select(d => d.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(4, _deliveries.All.Count);
    }

    [Fact]
    public async Task Failing_blob_is_retried_then_poisoned_after_max_dequeue_count_with_the_hosts_poison_message()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("2025/00004/broken");
        await blob.UploadAsync(BinaryData.FromString("not a survey"));
        _deliveries.Behaviour = Deliveries.Fail;

        await using var listener = Start(TestFunctions.Settings with { MaxDequeueCount = 3 });
        var poison = await WaitForPoisonMessageAsync(blob.Name);
        await WaitForReceiptAsync(blob);
        await StopAfterMoreScansAsync(listener);

        Assert.Equal(3, _deliveries.All.Count);
        Assert.Equal("BlobTrigger", poison.GetProperty("Type").GetString());
        Assert.Equal($"Host.Functions.{TestBlobFunction.Name}", poison.GetProperty("FunctionId").GetString());
        Assert.Equal("BlockBlob", poison.GetProperty("BlobType").GetString());
        Assert.Equal((await blob.GetPropertiesAsync()).Value.ETag.ToString("H"), poison.GetProperty("ETag").GetString());
        Assert.Contains(_log.Lines, line => line.StartsWith("Error: ", StringComparison.Ordinal) && line.Contains("failed 3 times", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_blob_waits_for_the_visibility_timeout_before_it_is_delivered_again()
    {
        // Scans wait on the test's clock, so the test decides when each scan happens and what time it is then.
        var clock = new TestClock(new DateTimeOffset(2025, 9, 2, 8, 0, 0, TimeSpan.Zero));
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("2025/00004/flaky");
        await blob.UploadAsync(BinaryData.FromString("fails once"));
        _deliveries.Behaviour = (delivery, ct) => _deliveries.All.Count == 1 ? Deliveries.Fail(delivery, ct) : Task.CompletedTask;

        await using var listener = Start(TestFunctions.Settings with { VisibilityTimeout = TimeSpan.FromMinutes(10) }, clock);
        await _deliveries.WaitForAsync(1, "the first delivery", _log);
        await clock.WaitForTimersAsync(1, "the first scan to finish", () => _log.ToString());
        // Three scans before the timeout runs out (the first one may still see the failed delivery in flight).
        for (var scan = 1; scan <= 3; scan++)
            await clock.AdvanceOnePassAsync(TimeSpan.FromMinutes(3), $"scan {scan} before the visibility timeout", () => _log.ToString());

        // A scan that meant to deliver the blob would have looked for its receipt first.
        Assert.Equal(1, ReceiptLookups(blob));
        // A minute a scan from 08:09 on; the retry is due at 08:10 (later if a busy machine counted the failure a scan late).
        await Eventually.TrueAsync(
            async () =>
            {
                if (_deliveries.All.Count >= 2)
                    return true;
                await clock.AdvanceOnePassAsync(TimeSpan.FromMinutes(1), "a scan after the visibility timeout", () => _log.ToString());
                return false;
            },
            "the retry",
            () => _log.ToString());
    }

    private int ReceiptLookups(BlobClient blob) => _traffic.Requests.Count(r => r.IsReceiptLookup(_container, blob.Name));

    /// <summary>
    /// Lets the listener scan three more times, then stops it, which waits for the deliveries it started: a blob it would
    /// deliver again has been delivered by then.
    /// </summary>
    private async Task StopAfterMoreScansAsync(ListenerRun listener)
    {
        await _traffic.WaitForMoreAsync(r => r.IsBlobListing, 3, "three more scans");
        await listener.StopAsync();
    }

    private ListenerRun Start(HostSettings? settings = null, TimeProvider? time = null)
    {
        settings ??= TestFunctions.Settings;
        var function = TestFunctions.Named(TestBlobFunction.Name) with { Source = $"{_container}/{{year}}/{{communeCode}}/{{name}}" };
        var invoker = TestFunctions.Invoker(settings, _deliveries);
        return ListenerRun.Start(new BlobTriggerListener(
            function, settings, azurite.BlobsSeenBy(_traffic), azurite.RawQueues, invoker, ListenerRun.PollInterval, time ?? TimeProvider.System, _log));
    }

    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = azurite.Blobs.GetBlobContainerClient(_container);
        await container.CreateAsync();
        return container;
    }

    /// <summary>Waits for the receipt where the Functions host keeps it: per function, blob ETag, container and name.</summary>
    private async Task WaitForReceiptAsync(BlobClient blob)
    {
        var etag = (await blob.GetPropertiesAsync()).Value.ETag.ToString("H");
        var receipt = azurite.Blobs.GetBlobContainerClient("azure-webjobs-hosts")
            .GetBlobClient($"blobreceipts/local/Host.Functions.{TestBlobFunction.Name}/{etag}/{_container}/{blob.Name}");
        await Eventually.TrueAsync(async () => (await receipt.ExistsAsync()).Value, $"the receipt of {blob.Name}", () => _log.ToString());
    }

    private async Task<JsonElement> WaitForPoisonMessageAsync(string blobName)
    {
        var poison = azurite.RawQueues.GetQueueClient("webjobs-blobtrigger-poison");
        JsonElement found = default;
        await Eventually.TrueAsync(
            async () =>
            {
                if (!(await poison.ExistsAsync()).Value)
                    return false;
                foreach (var message in (await poison.PeekMessagesAsync(32)).Value)
                {
                    // host.json says messageEncoding base64, so the poison message is stored base64 like every other message.
                    var json = JsonDocument.Parse(Convert.FromBase64String(message.Body.ToString())).RootElement;
                    if (json.GetProperty("ContainerName").GetString() == _container && json.GetProperty("BlobName").GetString() == blobName)
                    {
                        found = json.Clone();
                        return true;
                    }
                }

                return false;
            },
            $"the poison message of {blobName}",
            () => _log.ToString());
        return found;
    }
}
