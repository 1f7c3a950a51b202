using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Functions.HostProtocol;
using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.Tests.LocalHost;

public sealed class BlobTriggerRunnerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Uploaded_blob_is_delivered_once_in_the_hosts_payload_format()
    {
        var container = TestAppRoot.UniqueName("surveys");
        using var root = TestAppRoot.Create(("score-test", BinaryBlobFunction(container)));
        var content = new byte[200_000];
        new Random(3).NextBytes(content);
        var blob = await BlobInNewContainerAsync(container, "2025/00004/4f1c0b");

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["filename"] = "khao-sat.xlsx" } });
        var delivered = Assert.Single(await handler.WaitForAsync(recorded => recorded.Count >= 1, "the blob delivery"));
        await WaitForReceiptAsync(container, "score-test");
        await Task.Delay(RecordingHandler.PollInterval * 6);

        Assert.Single(handler.Invocations);
        Assert.Equal("score-test", delivered.Function);
        Assert.True(Guid.TryParse(delivered.InvocationId, out _));
        Assert.Equal("Azure-Functions-Host/local", delivered.UserAgent);
        Assert.False(string.IsNullOrEmpty(delivered.HostVersion));
        Assert.StartsWith("application/json", delivered.ContentType, StringComparison.Ordinal);

        using var invocation = await delivered.ReadAsync();
        Assert.Equal(content, invocation.RequiredDataBytes("survey"));
        Assert.Equal("2025", invocation.MetadataString("year"));
        Assert.Equal("00004", invocation.MetadataString("communeCode"));
        Assert.Equal("4f1c0b", invocation.MetadataString("name"));
        Assert.Equal(blob.Uri.AbsoluteUri, invocation.MetadataString("Uri"));
        var properties = invocation.MetadataObject("Properties")!.Value;
        Assert.Equal(content.Length, properties.GetProperty("Length").GetInt64());
        Assert.Equal(content.Length, properties.GetProperty("ContentLength").GetInt64());
        Assert.Equal((await blob.GetPropertiesAsync()).Value.ETag.ToString(), properties.GetProperty("ETag").GetString());
        Assert.Equal("khao-sat.xlsx", invocation.MetadataObject("Metadata")!.Value.GetProperty("filename").GetString());
        Assert.Equal("score-test", invocation.MetadataObject("sys")!.Value.GetProperty("MethodName").GetString());

        var metadata = delivered.Json().GetProperty("Metadata");
        Assert.Equal("\"2025\"", metadata.GetProperty("year").GetString());
        Assert.False(metadata.TryGetProperty("BlobTrigger", out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2 * 3 * 16 * 1024)]
    public async Task Blob_of_any_length_arrives_byte_for_byte(int length)
    {
        var container = TestAppRoot.UniqueName("surveys");
        using var root = TestAppRoot.Create(("score-test", BinaryBlobFunction(container)));
        var content = new byte[length];
        new Random(length).NextBytes(content);
        var blob = await BlobInNewContainerAsync(container, "2025/00004/sized");

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        await blob.UploadAsync(BinaryData.FromBytes(content));
        var delivered = (await handler.WaitForAsync(recorded => recorded.Count >= 1, "the blob delivery"))[0];

        using var invocation = await delivered.ReadAsync();
        Assert.Equal(content, invocation.RequiredDataBytes("survey"));
    }

    [Fact]
    public async Task Blob_without_binary_data_type_arrives_as_text_encoded_twice()
    {
        var container = TestAppRoot.UniqueName("notes");
        using var root = TestAppRoot.Create(("read-note", $$"""
            { "bindings": [ { "type": "blobTrigger", "direction": "in", "name": "note", "path": "{{container}}/{name}", "connection": "AzureWebJobsStorage" } ] }
            """));
        const string text = "Hộ nghèo \"đa chiều\"\n";

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        await (await BlobInNewContainerAsync(container, "ghi-chu.txt")).UploadAsync(BinaryData.FromString(text));
        var delivered = (await handler.WaitForAsync(recorded => recorded.Count >= 1, "the text blob"))[0];

        using var invocation = await delivered.ReadAsync();
        Assert.Equal(text, invocation.DataString("note"));
        Assert.Equal("ghi-chu.txt", invocation.MetadataString("name"));
        Assert.StartsWith("\"", delivered.Json().GetProperty("Data").GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blob_not_matching_the_path_pattern_is_not_delivered()
    {
        var container = TestAppRoot.UniqueName("surveys");
        using var root = TestAppRoot.Create(("score-test", BinaryBlobFunction(container)));
        var blobs = azurite.Blobs.GetBlobContainerClient(container);

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        await handler.WaitForAsync(_ => blobs.Exists().Value, "the runner to create the container");
        await blobs.GetBlobClient("2025/only-two-segments").UploadAsync(BinaryData.FromString("x"));
        await blobs.GetBlobClient("2025/00004/matching").UploadAsync(BinaryData.FromString("y"));

        var delivered = Assert.Single(await handler.WaitForAsync(recorded => recorded.Count >= 1, "the matching blob"));
        using var invocation = await delivered.ReadAsync();
        Assert.Equal("matching", invocation.MetadataString("name"));
        await Task.Delay(RecordingHandler.PollInterval * 4);
        Assert.Single(handler.Invocations);
    }

    [Fact]
    public async Task Failing_blob_is_retried_and_poisoned_after_max_dequeue_count_attempts()
    {
        var container = TestAppRoot.UniqueName("surveys");
        using var root = TestAppRoot.Create(("score-test", BinaryBlobFunction(container)));
        var blob = await BlobInNewContainerAsync(container, "2025/00004/broken");

        await using var handler = await RecordingHandler.StartAsync(
            azurite.Server, root.Path, (_, _) => Task.FromResult(Results.StatusCode(StatusCodes.Status500InternalServerError)));
        await blob.UploadAsync(BinaryData.FromString("not a survey"));
        await handler.WaitForAsync(recorded => recorded.Count >= 5, "five attempts");
        var poison = await WaitForPoisonMessageAsync(container, "2025/00004/broken");
        await WaitForReceiptAsync(container, "score-test");
        await Task.Delay(RecordingHandler.PollInterval * 6);

        Assert.Equal(5, handler.Invocations.Count);
        Assert.Equal("Host.Functions.score-test", poison.GetProperty("FunctionId").GetString());
        Assert.Equal("BlockBlob", poison.GetProperty("BlobType").GetString());
        Assert.Equal((await blob.GetPropertiesAsync()).Value.ETag.ToString(), poison.GetProperty("ETag").GetString());
        Assert.Contains(handler.Log, line => line.Contains("failed 5 times", StringComparison.Ordinal));
    }

    [Fact]
    public async Task New_runner_delivers_blobs_without_receipts_and_skips_receipted_ones()
    {
        var container = TestAppRoot.UniqueName("surveys");
        using var root = TestAppRoot.Create(("score-test", BinaryBlobFunction(container)));
        var blobs = azurite.Blobs.GetBlobContainerClient(container);
        await blobs.CreateAsync();

        var first = await RecordingHandler.StartAsync(azurite.Server, root.Path, async (invocation, context) =>
        {
            using var request = await invocation.ReadAsync();
            if (request.MetadataString("name") == "in-progress")
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return InvocationResult.Completed([]);
        });
        await blobs.GetBlobClient("2025/00004/done").UploadAsync(BinaryData.FromString("done"));
        await WaitForReceiptAsync(container, "score-test");
        await blobs.GetBlobClient("2025/00004/in-progress").UploadAsync(BinaryData.FromString("crashes mid-way"));
        await first.WaitForAsync(recorded => recorded.Count >= 2, "the blob in progress");
        await first.KillAsync();
        await blobs.GetBlobClient("2025/00004/while-down").UploadAsync(BinaryData.FromString("arrived while down"));

        await using var second = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        await second.WaitForAsync(recorded => recorded.Count >= 2, "the blobs without receipts");
        await Task.Delay(RecordingHandler.PollInterval * 6);

        var names = new List<string?>();
        foreach (var invocation in second.Invocations)
        {
            using var request = await invocation.ReadAsync();
            names.Add(request.MetadataString("name"));
        }

        Assert.Equal(["in-progress", "while-down"], names.Order(StringComparer.Ordinal));
    }

    private static string BinaryBlobFunction(string container) => $$"""
        { "bindings": [ { "type": "blobTrigger", "direction": "in", "name": "survey", "path": "{{container}}/{year}/{communeCode}/{name}",
                          "dataType": "binary", "connection": "AzureWebJobsStorage" } ] }
        """;

    private async Task<BlobClient> BlobInNewContainerAsync(string container, string name)
    {
        var client = azurite.Blobs.GetBlobContainerClient(container);
        await client.CreateIfNotExistsAsync();
        return client.GetBlobClient(name);
    }

    private async Task WaitForReceiptAsync(string container, string function)
    {
        var hosts = azurite.Blobs.GetBlobContainerClient("azure-webjobs-hosts");
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            if (!(await hosts.ExistsAsync()).Value)
                continue;

            await foreach (var receipt in hosts.GetBlobsAsync(new GetBlobsOptions { Prefix = $"blobreceipts/local/Host.Functions.{function}/" }))
            {
                if (receipt.Name.Contains($"/{container}/", StringComparison.Ordinal))
                    return;
            }
        }

        throw new TimeoutException($"No receipt for {function} in {container}.");
    }

    private async Task<JsonElement> WaitForPoisonMessageAsync(string container, string blobName)
    {
        var poison = azurite.RawQueues.GetQueueClient("webjobs-blobtrigger-poison");
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            if (!(await poison.ExistsAsync()).Value)
                continue;

            foreach (var message in (await poison.PeekMessagesAsync(32)).Value)
            {
                // host.json says messageEncoding base64, so the poison message is stored base64 like every other message.
                var json = JsonDocument.Parse(Convert.FromBase64String(message.Body.ToString())).RootElement;
                if (json.GetProperty("ContainerName").GetString() == container && json.GetProperty("BlobName").GetString() == blobName)
                    return json.Clone();
            }
        }

        throw new TimeoutException($"No poison message for {container}/{blobName}.");
    }
}
