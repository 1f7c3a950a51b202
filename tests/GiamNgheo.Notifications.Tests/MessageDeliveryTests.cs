using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace GiamNgheo.Notifications.Tests;

/// <summary>Delivery on Azurite with a virtual clock: claims, retries on the configured schedule, the visible end of a failure.</summary>
public sealed class MessageDeliveryTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Start = new(2021, 6, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryOptions ThreeRetries = new() { RetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)] };
    private readonly FakeTimeProvider _time = new(Start);

    private Outbox Outbox => new(storage.Storage, _time);

    private MessageDelivery Delivery(IMessageChannel channel, DeliveryOptions? options = null) =>
        new(Outbox, storage.Storage, [channel], options ?? ThreeRetries, _time);

    [Fact]
    public void The_default_schedule_retries_after_1_5_30_120_and_360_minutes_with_a_2_minute_claim()
    {
        Assert.Equal([1, 5, 30, 120, 360], DeliveryOptions.Default.RetryDelays.Select(d => d.TotalMinutes));
        Assert.Equal(6, DeliveryOptions.Default.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(2), DeliveryOptions.Default.ClaimLease);
        Assert.Throws<ArgumentException>(() => new DeliveryOptions { RetryDelays = [TimeSpan.FromDays(8)] }.Validate());
    }

    [Fact]
    public async Task A_due_message_is_sent_once_and_its_attempt_recorded()
    {
        var channel = ScriptedChannel.Succeeding();
        var enqueued = (await Outbox.EnqueueAsync(Messages.Email("send-once", "k"), CancellationToken.None)).Entry;
        _time.Advance(TimeSpan.FromSeconds(3));

        var result = await Delivery(channel).DeliverAsync("send-once", "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        var (message, messageId) = Assert.Single(channel.Sent);
        Assert.Equal(Messages.Html, message.HtmlBody);
        Assert.Equal("2021-06-10", message.Data!["due"]!.GetValue<string>());
        Assert.Equal(enqueued.MessageId, messageId);
        var entry = (await Outbox.GetAsync("send-once", "k", CancellationToken.None))!;
        Assert.Equal(MessageStatus.Sent, entry.Status);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal(Start.AddSeconds(3), entry.SentAt);
        Assert.Equal(Start.AddSeconds(3), entry.LastAttemptAt);
        Assert.Null(entry.LastError);
        Assert.Null(entry.ClaimedAt);
        Assert.Null(entry.NextAttemptAt);
        Assert.Equal(new DeliveryAttempt(1, Start.AddSeconds(3), Start.AddSeconds(3), true, null), Assert.Single(entry.History));
    }

    [Fact]
    public async Task A_sent_message_is_never_sent_again_however_often_its_delivery_is_woken()
    {
        var channel = ScriptedChannel.Succeeding();
        await Outbox.EnqueueAsync(Messages.Email("sent-stays-sent", "k"), CancellationToken.None);
        var delivery = Delivery(channel);

        await delivery.DeliverAsync("sent-stays-sent", "k", CancellationToken.None);
        await Outbox.EnqueueAsync(Messages.Email("sent-stays-sent", "k"), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        var again = await delivery.DeliverAsync("sent-stays-sent", "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.AlreadyFinal, again.Outcome);
        Assert.Single(channel.Sent);
    }

    [Fact]
    public async Task Of_two_concurrent_deliveries_of_one_message_only_one_sends()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = new ScriptedChannel(async _ =>
        {
            entered.TrySetResult();
            await release.Task;
            return ChannelResult.Success;
        });
        await Outbox.EnqueueAsync(Messages.Email("concurrent", "k"), CancellationToken.None);
        var delivery = Delivery(channel);

        var first = delivery.DeliverAsync("concurrent", "k", CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await delivery.DeliverAsync("concurrent", "k", CancellationToken.None);
        release.SetResult();

        Assert.Equal(DeliveryOutcome.Busy, second.Outcome);
        Assert.Equal(DeliveryOutcome.Sent, (await first).Outcome);
        Assert.Single(channel.Sent);
    }

    [Fact]
    public async Task Many_deliveries_racing_for_one_message_send_it_once()
    {
        var channel = new ScriptedChannel(async _ =>
        {
            await Task.Delay(50);
            return ChannelResult.Success;
        });
        await Outbox.EnqueueAsync(Messages.Email("race", "k"), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Delivery(channel).DeliverAsync("race", "k", CancellationToken.None)));

        Assert.Single(channel.Sent);
        Assert.Single(results, r => r.Outcome == DeliveryOutcome.Sent);
        Assert.All(results.Where(r => r.Outcome != DeliveryOutcome.Sent), r => Assert.Contains(r.Outcome, new[] { DeliveryOutcome.Busy, DeliveryOutcome.AlreadyFinal }));
    }

    [Fact]
    public async Task A_live_claim_is_left_alone_and_a_claim_older_than_the_lease_is_taken_over()
    {
        await Outbox.EnqueueAsync(Messages.Email("takeover", "k"), CancellationToken.None);
        await CrashMidSendAsync("takeover", "k");
        var crashed = (await Outbox.GetAsync("takeover", "k", CancellationToken.None))!;
        Assert.Equal(MessageStatus.Sending, crashed.Status);
        Assert.Equal(Start, crashed.ClaimedAt);

        var channel = ScriptedChannel.Succeeding();
        _time.Advance(TimeSpan.FromMinutes(1));
        var early = await Delivery(channel).DeliverAsync("takeover", "k", CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Busy, early.Outcome);
        Assert.Empty(channel.Sent);

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var late = await Delivery(channel).DeliverAsync("takeover", "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Sent, late.Outcome);
        Assert.Single(channel.Sent);
        var entry = (await Outbox.GetAsync("takeover", "k", CancellationToken.None))!;
        Assert.Equal(2, entry.Attempts);
        Assert.Equal(2, entry.History.Count);
        Assert.Equal(1, entry.History[0].Number);
        Assert.Null(entry.History[0].FinishedAt);
        Assert.Contains("gián đoạn", entry.History[0].Error, StringComparison.Ordinal);
        Assert.True(entry.History[1].Succeeded);
    }

    [Fact]
    public async Task A_message_interrupted_in_its_last_attempt_ends_failed_without_another_send()
    {
        var options = new DeliveryOptions { RetryDelays = [] };
        await Outbox.EnqueueAsync(Messages.Email("last-interrupted", "k"), CancellationToken.None);
        await CrashMidSendAsync("last-interrupted", "k", options);
        _time.Advance(TimeSpan.FromMinutes(3));
        var channel = ScriptedChannel.Succeeding();

        var result = await Delivery(channel, options).DeliverAsync("last-interrupted", "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.Empty(channel.Sent);
        Assert.Equal(MessageStatus.Failed, (await Outbox.GetAsync("last-interrupted", "k", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Failed_attempts_are_retried_on_the_configured_schedule_and_not_before()
    {
        var channel = ScriptedChannel.Failing();
        await Outbox.EnqueueAsync(Messages.Email("backoff", "k"), CancellationToken.None);
        var delivery = Delivery(channel);

        var first = await delivery.DeliverAsync("backoff", "k", CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Retrying, first.Outcome);
        Assert.Equal(MessageStatus.Retrying, first.Entry!.Status);
        Assert.Equal(Start.AddMinutes(1), first.Entry.NextAttemptAt);
        Assert.Equal("Máy chủ gửi thư tạm thời không nhận thư.", first.Entry.LastError);

        _time.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(DeliveryOutcome.NotDue, (await delivery.DeliverAsync("backoff", "k", CancellationToken.None)).Outcome);
        Assert.Single(channel.Sent);

        _time.Advance(TimeSpan.FromSeconds(10));
        var second = await delivery.DeliverAsync("backoff", "k", CancellationToken.None);
        Assert.Equal(2, channel.Sent.Count);
        Assert.Equal(Start.AddMinutes(1 + 5), second.Entry!.NextAttemptAt);

        _time.Advance(TimeSpan.FromMinutes(5));
        var third = await delivery.DeliverAsync("backoff", "k", CancellationToken.None);
        Assert.Equal(Start.AddMinutes(1 + 5 + 30), third.Entry!.NextAttemptAt);
        Assert.Equal(3, third.Entry.Attempts);
    }

    [Fact]
    public async Task After_the_last_attempt_fails_the_message_is_that_bai_with_every_attempt_recorded()
    {
        var channel = ScriptedChannel.Failing("Máy chủ gửi thư từ chối lệnh (421): quá tải");
        await Outbox.EnqueueAsync(Messages.Email("gives-up", "k"), CancellationToken.None);
        var delivery = Delivery(channel);

        var outcomes = new List<DeliveryOutcome>();
        foreach (var wait in new[] { 0, 1, 5, 30 })
        {
            _time.Advance(TimeSpan.FromMinutes(wait));
            outcomes.Add((await delivery.DeliverAsync("gives-up", "k", CancellationToken.None)).Outcome);
        }

        Assert.Equal([DeliveryOutcome.Retrying, DeliveryOutcome.Retrying, DeliveryOutcome.Retrying, DeliveryOutcome.Failed], outcomes);
        var entry = (await Outbox.GetAsync("gives-up", "k", CancellationToken.None))!;
        Assert.Equal(MessageStatus.Failed, entry.Status);
        Assert.Equal("that-bai", entry.Status.ToCode());
        Assert.Equal(4, entry.Attempts);
        Assert.Equal("Máy chủ gửi thư từ chối lệnh (421): quá tải", entry.LastError);
        Assert.Null(entry.NextAttemptAt);
        Assert.Null(entry.SentAt);
        Assert.Equal([1, 2, 3, 4], entry.History.Select(a => a.Number));
        Assert.All(entry.History, a => Assert.False(a.Succeeded));
        Assert.Equal([Start, Start.AddMinutes(1), Start.AddMinutes(6), Start.AddMinutes(36)], entry.History.Select(a => a.StartedAt));

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(DeliveryOutcome.AlreadyFinal, (await delivery.DeliverAsync("gives-up", "k", CancellationToken.None)).Outcome);
        Assert.Equal(4, channel.Sent.Count);
    }

    [Fact]
    public async Task An_error_no_retry_can_fix_fails_the_message_at_once()
    {
        var channel = new ScriptedChannel(_ => Task.FromResult(ChannelResult.Permanently("Địa chỉ email người nhận không hợp lệ: x")));
        await Outbox.EnqueueAsync(Messages.Email("permanent", "k"), CancellationToken.None);

        var result = await Delivery(channel).DeliverAsync("permanent", "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.Equal(1, result.Entry!.Attempts);
        Assert.Equal("Địa chỉ email người nhận không hợp lệ: x", result.Entry.LastError);
    }

    [Fact]
    public async Task A_channel_that_throws_counts_as_a_failed_attempt_with_a_short_error()
    {
        var channel = new ScriptedChannel(_ => throw new InvalidOperationException("hỏng\n   at Somewhere.Deep()\n   at Elsewhere()"));
        await Outbox.EnqueueAsync(Messages.Email("throws", "k"), CancellationToken.None);

        var result = await Delivery(channel).DeliverAsync("throws", "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Retrying, result.Outcome);
        Assert.Equal("Lỗi không lường trước khi gửi (InvalidOperationException): hỏng at Somewhere.Deep() at Elsewhere()", result.Entry!.LastError);
    }

    [Fact]
    public async Task A_message_whose_content_is_gone_fails_visibly()
    {
        var entry = (await Outbox.EnqueueAsync(Messages.Email("content-gone", "k") with { TextBody = "nội dung sẽ mất" }, CancellationToken.None)).Entry;
        await storage.Storage.Contents.DeleteBlobAsync(entry.ContentBlob);

        var result = await Delivery(ScriptedChannel.Succeeding()).DeliverAsync("content-gone", "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.Contains("Nội dung tin nhắn", result.Entry!.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wake_up_for_no_message_finds_nothing()
    {
        var result = await Delivery(ScriptedChannel.Succeeding()).DeliverAsync("nobody", "nothing", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task A_retry_comes_back_through_the_queue_after_its_delay()
    {
        // Real time here: the queue's visibility delay is Azurite's clock, not the test's.
        var options = new DeliveryOptions { RetryDelays = [TimeSpan.FromSeconds(2)] };
        var delivery = new MessageDelivery(new Outbox(storage.Storage, TimeProvider.System), storage.Storage, [ScriptedChannel.Failing()], options, TimeProvider.System);
        await new Outbox(storage.Storage, TimeProvider.System).EnqueueAsync(Messages.Email("queue-delay", "k"), CancellationToken.None);
        Assert.Single(await storage.VisibleWakeUpsAsync("queue-delay"));

        await delivery.DeliverAsync("queue-delay", "k", CancellationToken.None);
        Assert.Single(await storage.VisibleWakeUpsAsync("queue-delay"));

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(2, (await storage.VisibleWakeUpsAsync("queue-delay")).Count);
    }

    [Fact]
    public async Task An_enqueued_email_delivered_from_its_queue_message_arrives_at_the_smtp_server()
    {
        using var server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Configuration.Port, Security = SmtpSecurity.None, SenderAddress = "giamngheo@hanam.example" };
        var email = new EmailChannel(smtp, _time);
        var webhook = new WebhookChannel(new NoRedirectClients(), new WebhookOptions(), _time);
        var delivery = new MessageDelivery(Outbox, storage.Storage, [email, webhook], ThreeRetries, _time);
        var enqueued = (await Outbox.EnqueueAsync(Messages.Email("smtp-e2e", "6-thang|phong-y-te|nhac-truoc|7"), CancellationToken.None)).Entry;

        // What the deliver-message function does with its queue message (other tests' wake-ups are put back).
        var handled = false;
        for (var round = 0; !handled && round < 20; round++)
        {
            foreach (var queued in (await storage.Storage.Delivery.ReceiveMessagesAsync(32)).Value)
            {
                var request = DeliveryRequest.Parse(queued.Body.ToString());
                if (request.Source != "smtp-e2e")
                {
                    await storage.Storage.Delivery.UpdateMessageAsync(queued.MessageId, queued.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(5));
                    continue;
                }

                await delivery.DeliverAsync(request.Source, request.Key, CancellationToken.None);
                await storage.Storage.Delivery.DeleteMessageAsync(queued.MessageId, queued.PopReceipt);
                handled = true;
            }
        }

        Assert.True(handled);

        var mime = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Assert.Single(server.ReceivedEmail).Data)));
        Assert.Equal(Messages.Subject, mime.Subject);
        Assert.Equal(enqueued.MessageId + "@hanam.example", mime.MessageId);
        Assert.Equal(MessageStatus.Sent, (await Outbox.GetAsync("smtp-e2e", "6-thang|phong-y-te|nhac-truoc|7", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_message_whose_wake_up_was_lost_is_woken_by_the_sweep_and_a_live_one_is_not()
    {
        await Outbox.EnqueueAsync(Messages.Email("sweep", "lost"), CancellationToken.None);
        await DropWakeUpsAsync("sweep");
        var delivery = Delivery(ScriptedChannel.Failing());
        _time.Advance(TimeSpan.FromMinutes(10));
        await Outbox.EnqueueAsync(Messages.Email("sweep", "fresh"), CancellationToken.None);
        await DropWakeUpsAsync("sweep");

        await delivery.WakeStalledAsync(TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal([new DeliveryRequest("sweep", "lost")], await storage.VisibleWakeUpsAsync("sweep"));
    }

    private async Task DropWakeUpsAsync(string source)
    {
        // Every visible message is looked at once (others' are put back right after the pass).
        var others = new List<(string Id, string PopReceipt)>();
        while ((await storage.Storage.Delivery.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value is { Length: > 0 } batch)
        {
            foreach (var queued in batch)
            {
                if (DeliveryRequest.Parse(queued.Body.ToString()).Source == source)
                    await storage.Storage.Delivery.DeleteMessageAsync(queued.MessageId, queued.PopReceipt);
                else
                    others.Add((queued.MessageId, queued.PopReceipt));
            }
        }

        foreach (var (id, popReceipt) in others)
            await storage.Storage.Delivery.UpdateMessageAsync(id, popReceipt, visibilityTimeout: TimeSpan.Zero);
    }

    /// <summary>Claims the message and dies mid-send: the channel's caller is cancelled, as when the process stops.</summary>
    private async Task CrashMidSendAsync(string source, string key, DeliveryOptions? options = null)
    {
        using var crash = new CancellationTokenSource();
        var channel = new ScriptedChannel(_ =>
        {
            crash.Cancel();
            throw new OperationCanceledException(crash.Token);
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Delivery(channel, options).DeliverAsync(source, key, crash.Token));
    }
}
