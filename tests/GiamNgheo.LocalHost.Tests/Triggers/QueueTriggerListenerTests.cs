using Azure.Storage.Queues;
using GiamNgheo.LocalHost.Tests.Support;
using GiamNgheo.LocalHost.Triggers;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.LocalHost.Tests.Triggers;

/// <summary>The queue function the listener tests drive, shaped like the app's rescore-survey.</summary>
public sealed class TestQueueFunction(Deliveries deliveries)
{
    public const string Name = "test-queue";

    [Function(Name)]
    public Task RunAsync([QueueTrigger("test-queue")] string message, CancellationToken cancellationToken) =>
        deliveries.RecordAsync(new Delivery(Name, message, new Dictionary<string, string>()), cancellationToken);
}

public sealed class QueueTriggerListenerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Message = """{"submissionId":"2025-00004-4f1c0b","note":"Hộ \"nghèo\""}""";

    private readonly Deliveries _deliveries = new();
    private readonly CapturingLogger _log = new();
    private readonly StorageTraffic _traffic = new();
    private readonly string _queueName = TestFunctions.UniqueName("rescore");

    [Fact]
    public async Task Message_is_delivered_as_its_text_and_deleted_on_success()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync(Message);

        await using var listener = Start();
        var delivered = Assert.Single(await _deliveries.WaitForAsync(1, "the message", _log));
        await WaitUntilEmptyAsync(queue);

        Assert.Equal(Message, delivered.Subject);
        Assert.False((await PoisonQueue.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Failing_message_is_retried_and_moved_to_the_poison_queue_after_max_dequeue_count()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync(Message);
        _deliveries.Behaviour = Deliveries.Fail;

        // visibilityTimeout 0: each failure is visible again at once, long before its one-minute lease would run out.
        await using var listener = Start(TestFunctions.Settings with { MaxDequeueCount = 3 });
        await Eventually.TrueAsync(async () => (await PoisonQueue.ExistsAsync()).Value && (await PoisonQueue.PeekMessagesAsync()).Value.Length == 1, "the poison message", () => _log.ToString());
        await WaitUntilEmptyAsync(queue);
        await listener.StopAsync();

        Assert.Equal(3, _deliveries.All.Count);
        Assert.All(_deliveries.All, d => Assert.Equal(Message, d.Subject));
        // Moved as stored: still base64, so whoever reads the poison queue decodes it like the original.
        Assert.Equal(Message, (await azurite.Base64Queues.GetQueueClient(PoisonQueue.Name).PeekMessageAsync()).Value.Body.ToString());
        Assert.Contains(_log.Lines, line => line.StartsWith("Error: ", StringComparison.Ordinal) && line.Contains("failed 3 times", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_message_is_hidden_for_the_host_json_visibility_timeout()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync(Message);
        _deliveries.Behaviour = Deliveries.Fail;

        await using var listener = Start(TestFunctions.Settings with { VisibilityTimeout = TimeSpan.FromMinutes(10) });
        await _deliveries.WaitForAsync(1, "the delivery", _log);
        await Eventually.TrueAsync(
            () => Task.FromResult(_traffic.Requests.Any(r => r.IsMessageUpdate(_queueName) && r.Query("visibilitytimeout") == "600" && r.Status == 204)),
            "the message to be hidden for ten minutes",
            () => _log.ToString());
        await listener.StopAsync();

        Assert.Single(_deliveries.All);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        Assert.False((await PoisonQueue.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Message_that_is_not_base64_goes_to_the_poison_queue_without_a_delivery()
    {
        var raw = azurite.RawQueues.GetQueueClient(_queueName);
        await raw.CreateAsync();
        await raw.SendMessageAsync("{ plain json, not base64 }");

        await using var listener = Start();
        await Eventually.TrueAsync(async () => (await PoisonQueue.ExistsAsync()).Value && (await PoisonQueue.PeekMessagesAsync()).Value.Length == 1, "the poison message", () => _log.ToString());
        await WaitUntilEmptyAsync(raw);
        await listener.StopAsync();

        Assert.Empty(_deliveries.All);
        Assert.Equal("{ plain json, not base64 }", (await PoisonQueue.PeekMessageAsync()).Value.Body.ToString());
        Assert.Contains(_log.Lines, line => line.Contains("is not base64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lease_is_renewed_while_the_function_works_and_the_renewed_lease_settles_the_message()
    {
        // The lease is one minute, renewed every 30 s of the listener's clock; a test clock lets 90 s pass at once.
        var clock = new TestClock(new DateTimeOffset(2025, 9, 2, 8, 0, 0, TimeSpan.Zero));
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync(Message);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _deliveries.Behaviour = (_, ct) => release.Task.WaitAsync(ct);

        await using var listener = Start(TestFunctions.Settings, clock);
        await _deliveries.WaitForAsync(1, "the delivery", _log);
        // Each step lets 30 s pass; a renewal still being sent when the clock moves waits for the next step.
        await Eventually.TrueAsync(
            () =>
            {
                if (Renewals() >= 3)
                    return Task.FromResult(true);
                clock.Advance(TimeSpan.FromSeconds(30));
                return Task.FromResult(false);
            },
            "three renewals",
            () => _log.ToString());

        release.SetResult();
        await WaitUntilEmptyAsync(queue);
        await listener.StopAsync();

        // Every renewal changes the pop receipt; the delete succeeded only because the listener kept the latest one.
        Assert.Single(_deliveries.All);
        Assert.DoesNotContain(_log.Lines, line => line.Contains("could not be settled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Messages_are_received_no_more_than_the_batch_size_at_a_time()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 6; i++)
            await queue.SendMessageAsync($"m{i}");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _deliveries.Behaviour = (_, ct) => release.Task.WaitAsync(ct);

        await using var listener = Start(TestFunctions.Settings with { QueueBatchSize = 4 });
        await _deliveries.WaitForAsync(4, "four deliveries in flight", _log);

        // All slots are busy, so the listener waits for one before receiving again: the other two are still visible.
        Assert.Equal(2, (await queue.PeekMessagesAsync(32)).Value.Length);
        release.SetResult();
        await _deliveries.WaitForAsync(6, "the remaining messages", _log);
        await WaitUntilEmptyAsync(queue);
    }

    /// <summary>Lease renewals storage accepted: each one names the pop receipt of the one before.</summary>
    private int Renewals() => _traffic.Requests.Count(r => r.IsMessageUpdate(_queueName) && r.Query("visibilitytimeout") == "60" && r.Status == 204);

    private QueueClient PoisonQueue => azurite.RawQueues.GetQueueClient($"{_queueName}-poison");

    private ListenerRun Start(HostSettings? settings = null, TimeProvider? time = null)
    {
        settings ??= TestFunctions.Settings;
        var function = TestFunctions.Named(TestQueueFunction.Name) with { Source = _queueName };
        var invoker = TestFunctions.Invoker(settings, _deliveries);
        return ListenerRun.Start(new QueueTriggerListener(
            function, settings, azurite.RawQueuesSeenBy(_traffic), invoker, ListenerRun.PollInterval, time ?? TimeProvider.System, _log));
    }

    private async Task<QueueClient> NewQueueAsync()
    {
        var queue = azurite.Base64Queues.GetQueueClient(_queueName);
        await queue.CreateAsync();
        return queue;
    }

    private Task WaitUntilEmptyAsync(QueueClient queue) =>
        Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, $"queue {queue.Name} to be empty", () => _log.ToString());
}
