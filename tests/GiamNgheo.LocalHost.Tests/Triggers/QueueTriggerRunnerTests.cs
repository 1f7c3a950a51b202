using Azure.Storage.Queues;
using GiamNgheo.Functions.HostProtocol;
using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.Tests.LocalHost;

public sealed class QueueTriggerRunnerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Message = """{"submissionId":"2025-00004-4f1c0b","note":"Hộ \"nghèo\""}""";

    [Fact]
    public async Task Message_is_delivered_with_its_metadata_and_deleted_on_success()
    {
        var queueName = TestAppRoot.UniqueName("rescore");
        using var root = TestAppRoot.Create(("rescore-test", QueueFunction(queueName)));
        var queue = await NewQueueAsync(queueName);
        var sent = (await queue.SendMessageAsync(Message)).Value;

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        var delivered = Assert.Single(await handler.WaitForAsync(recorded => recorded.Count >= 1, "the message"));
        await WaitUntilEmptyAsync(queue);

        using var invocation = await delivered.ReadAsync();
        Assert.Equal(Message, invocation.RequiredDataString("message"));
        Assert.Equal(1, invocation.MetadataInteger("DequeueCount"));
        Assert.Equal(sent.MessageId, invocation.MetadataString("Id"));
        Assert.False(string.IsNullOrEmpty(invocation.MetadataString("PopReceipt")));
        Assert.Equal(sent.InsertionTime.ToUnixTimeSeconds(), invocation.MetadataDate("InsertionTime")!.Value.ToUnixTimeSeconds());
        Assert.NotNull(invocation.MetadataDate("ExpirationTime"));
        Assert.NotNull(invocation.MetadataDate("NextVisibleTime"));
        Assert.Equal("rescore-test", invocation.MetadataObject("sys")!.Value.GetProperty("MethodName").GetString());

        var raw = delivered.Json();
        Assert.Equal("1", raw.GetProperty("Metadata").GetProperty("DequeueCount").GetString());
        Assert.StartsWith("\"{", raw.GetProperty("Data").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(handler.Log, line => line.Contains("recorded rescore-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_message_is_delivered_again_with_a_higher_dequeue_count()
    {
        var queueName = TestAppRoot.UniqueName("rescore");
        using var root = TestAppRoot.Create(("rescore-test", QueueFunction(queueName)));
        var queue = await NewQueueAsync(queueName);
        await queue.SendMessageAsync(Message);
        var calls = 0;

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path, (_, _) => Task.FromResult(
            Interlocked.Increment(ref calls) == 1
                ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
                : InvocationResult.Completed([])));
        var delivered = await handler.WaitForAsync(recorded => recorded.Count >= 2, "the retry");
        await WaitUntilEmptyAsync(queue);

        using var retry = await delivered[1].ReadAsync();
        Assert.Equal(2, retry.MetadataInteger("DequeueCount"));
        Assert.Equal(Message, retry.DataString("message"));
        Assert.False((await azurite.RawQueues.GetQueueClient($"{queueName}-poison").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Message_failing_max_dequeue_count_times_moves_to_the_poison_queue()
    {
        var queueName = TestAppRoot.UniqueName("rescore");
        using var root = TestAppRoot.Create(("rescore-test", QueueFunction(queueName)));
        var queue = await NewQueueAsync(queueName);
        await queue.SendMessageAsync(Message);

        await using var handler = await RecordingHandler.StartAsync(
            azurite.Server, root.Path, (_, _) => Task.FromResult(Results.StatusCode(StatusCodes.Status500InternalServerError)));
        await handler.WaitForAsync(recorded => recorded.Count >= 5, "five attempts");
        var poison = azurite.Base64Queues.GetQueueClient($"{queueName}-poison");
        await WaitUntilAsync(async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync()).Value.Length == 1, "the poison message");
        await WaitUntilEmptyAsync(queue);
        await Task.Delay(RecordingHandler.PollInterval * 4);

        Assert.Equal(5, handler.Invocations.Count);
        Assert.Equal(Message, (await poison.PeekMessageAsync()).Value.Body.ToString());
    }

    [Fact]
    public async Task Message_that_is_not_base64_goes_to_the_poison_queue_without_a_delivery()
    {
        var queueName = TestAppRoot.UniqueName("rescore");
        using var root = TestAppRoot.Create(("rescore-test", QueueFunction(queueName)));
        var raw = azurite.RawQueues.GetQueueClient(queueName);
        await raw.CreateAsync();
        await raw.SendMessageAsync("{ plain json, not base64 }");

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path);
        var poison = azurite.RawQueues.GetQueueClient($"{queueName}-poison");
        await WaitUntilAsync(async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync()).Value.Length == 1, "the poison message");

        Assert.Empty(handler.Invocations);
        Assert.Equal("{ plain json, not base64 }", (await poison.PeekMessageAsync()).Value.Body.ToString());
    }

    [Fact]
    public async Task Messages_are_processed_concurrently_up_to_the_batch_size()
    {
        var queueName = TestAppRoot.UniqueName("rescore");
        using var root = TestAppRoot.CreateWithHost(
            TestAppRoot.DefaultHostJson.Replace("\"batchSize\": 16", "\"batchSize\": 4", StringComparison.Ordinal),
            ("rescore-test", QueueFunction(queueName)));
        var queue = await NewQueueAsync(queueName);
        for (var i = 0; i < 6; i++)
            await queue.SendMessageAsync($"m{i}");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var handler = await RecordingHandler.StartAsync(azurite.Server, root.Path, async (_, context) =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            return InvocationResult.Completed([]);
        });
        await handler.WaitForAsync(recorded => recorded.Count >= 4, "four deliveries in flight");
        await Task.Delay(RecordingHandler.PollInterval * 4);
        Assert.Equal(4, handler.Invocations.Count);

        release.SetResult();
        await handler.WaitForAsync(recorded => recorded.Count >= 6, "the remaining messages");
        await WaitUntilEmptyAsync(queue);
    }

    private static string QueueFunction(string queueName) => $$"""
        { "bindings": [ { "type": "queueTrigger", "direction": "in", "name": "message", "queueName": "{{queueName}}", "connection": "AzureWebJobsStorage" } ] }
        """;

    private async Task<QueueClient> NewQueueAsync(string name)
    {
        var queue = azurite.Base64Queues.GetQueueClient(name);
        await queue.CreateAsync();
        return queue;
    }

    private static Task WaitUntilEmptyAsync(QueueClient queue) =>
        WaitUntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, $"queue {queue.Name} to be empty");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            if (await condition())
                return;
        }

        throw new TimeoutException($"Waited 20 s for {what}.");
    }
}
