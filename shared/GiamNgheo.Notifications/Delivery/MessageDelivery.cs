using Azure;

namespace GiamNgheo.Notifications;

/// <summary>What one delivery call did.</summary>
public enum DeliveryOutcome
{
    /// <summary>No such message in the outbox; the wake-up is dropped.</summary>
    NotFound,

    /// <summary>Already sent or failed for good; nothing to do.</summary>
    AlreadyFinal,

    /// <summary>Its next attempt is later; a wake-up was scheduled for then.</summary>
    NotDue,

    /// <summary>Another delivery holds a live claim on it; a wake-up was scheduled for when that claim expires.</summary>
    Busy,

    /// <summary>Sent now.</summary>
    Sent,

    /// <summary>This attempt failed; the next is scheduled.</summary>
    Retrying,

    /// <summary>This attempt failed and it was the last (or the error is permanent): the message is <c>that-bai</c>.</summary>
    Failed,
}

/// <summary>The result of <see cref="MessageDelivery.DeliverAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Entry">The message as this call left it (null when not found).</param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, OutboxEntry? Entry);

/// <summary>Delivers one outbox message: claims it, sends it through its channel, records the attempt, and schedules the retry
/// or marks it failed. Safe to call any number of times for the same message, concurrently too.</summary>
/// <remarks>
/// <para>At most one send per claim: the claim is an ETag-conditional update of the row to <c>dang-gui</c>, so of two concurrent
/// deliveries exactly one wins and the other backs off. A claim older than <see cref="DeliveryOptions.ClaimLease"/> belongs to a
/// delivery that died and may be taken over; that is the one case where a message can go out twice (the dead delivery may
/// have been accepted before it could record it), and the stable Message-Id lets the receiver drop the copy.</para>
/// <para>Retries are queue messages made visible after the retry delay; the row's <see cref="OutboxEntry.NextAttemptAt"/>
/// decides, so an early or duplicate wake-up only reschedules itself.</para>
/// </remarks>
public sealed class MessageDelivery
{
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(1);

    private readonly Outbox _outbox;
    private readonly NotificationStorage _storage;
    private readonly Dictionary<DeliveryChannel, IMessageChannel> _channels;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the delivery over the outbox, its storage, one channel per <see cref="DeliveryChannel"/>, the retry
    /// options and the clock.</summary>
    public MessageDelivery(Outbox outbox, NotificationStorage storage, IEnumerable<IMessageChannel> channels, DeliveryOptions options, TimeProvider time)
    {
        _outbox = outbox;
        _storage = storage;
        _channels = channels.ToDictionary(c => c.Channel);
        _options = options.Validate();
        _time = time;
    }

    /// <summary>Delivers the message (Source, Key) if it is due and nobody else is delivering it.</summary>
    /// <exception cref="RequestFailedException">Storage failed; the caller's queue message should be retried.</exception>
    public async Task<DeliveryResult> DeliverAsync(string source, string key, CancellationToken cancellationToken)
    {
        var found = await _outbox.FindAsync(OutboxKeys.TableKey(source, "source"), OutboxKeys.TableKey(key, "key"), cancellationToken).ConfigureAwait(false);
        if (found is not { } row)
            return new DeliveryResult(DeliveryOutcome.NotFound, null);
        var (entry, etag) = row;
        if (entry.Status.IsFinal())
            return new DeliveryResult(DeliveryOutcome.AlreadyFinal, entry);

        var now = _time.GetUtcNow();
        if (entry.Status == MessageStatus.Sending && entry.ClaimedAt is { } claimedAt && claimedAt + _options.ClaimLease > now)
        {
            // Wake up when the claim expires: if its holder died, that wake-up takes over; if it finished, it finds the row final.
            await WakeUpAsync(entry, claimedAt + _options.ClaimLease - now + DueTolerance, cancellationToken).ConfigureAwait(false);
            return new DeliveryResult(DeliveryOutcome.Busy, entry);
        }

        if (entry.Status != MessageStatus.Sending && entry.NextAttemptAt > now + DueTolerance)
        {
            await WakeUpAsync(entry, entry.NextAttemptAt.Value - now, cancellationToken).ConfigureAwait(false);
            return new DeliveryResult(DeliveryOutcome.NotDue, entry);
        }

        var history = entry.History.ToList();
        var lastError = entry.LastError;
        if (entry.Status == MessageStatus.Sending)
        {
            // The holder of an expired claim died mid-attempt: record that attempt as interrupted. It may have been accepted.
            lastError = "Lần gửi trước bị gián đoạn (tiến trình dừng giữa chừng); thư có thể đã đến nơi.";
            history.Add(new DeliveryAttempt(entry.Attempts, entry.ClaimedAt ?? now, null, false, lastError));
            if (entry.Attempts >= _options.MaxAttempts)
            {
                var failed = entry with { Status = MessageStatus.Failed, LastError = lastError, ClaimedAt = null, ClaimId = null, NextAttemptAt = null, History = Trim(history) };
                return await _outbox.TryReplaceAsync(failed, etag, cancellationToken).ConfigureAwait(false) is null
                    ? new DeliveryResult(DeliveryOutcome.Busy, entry)
                    : new DeliveryResult(DeliveryOutcome.Failed, failed);
            }
        }

        var claimed = entry with
        {
            Status = MessageStatus.Sending,
            Attempts = entry.Attempts + 1,
            LastAttemptAt = now,
            LastError = lastError,
            ClaimedAt = now,
            ClaimId = Guid.NewGuid().ToString("N"),
            NextAttemptAt = null,
            History = Trim(history),
        };
        if (await _outbox.TryReplaceAsync(claimed, etag, cancellationToken).ConfigureAwait(false) is not { } claimedETag)
        {
            // Someone else claimed (or finished) it between our read and our claim; their claim covers the message.
            return new DeliveryResult(DeliveryOutcome.Busy, entry);
        }

        var result = await SendAsync(claimed, cancellationToken).ConfigureAwait(false);
        return await RecordAsync(claimed, claimedETag, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wakes the delivery of every message whose wake-up is overdue: due (or claimed and past the lease) for longer than
    /// <paramref name="grace"/> yet not final. That heals what a queue message alone cannot: an enqueue that crashed between
    /// the row and its wake-up, and a wake-up poisoned while storage was failing.</summary>
    /// <remarks>Reads every unfinished row of the outbox (a filtered scan over all sources); duplicates of live wake-ups are
    /// harmless, because the row decides.</remarks>
    /// <returns>How many messages were woken.</returns>
    public async Task<int> WakeStalledAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var woken = 0;
        await foreach (var entry in _outbox.UnfinishedAsync(cancellationToken).ConfigureAwait(false))
        {
            var stalled = entry.Status == MessageStatus.Sending
                ? entry.ClaimedAt is not { } claimedAt || claimedAt + _options.ClaimLease + grace < now
                : entry.NextAttemptAt is not { } nextAttemptAt || nextAttemptAt + grace < now;
            if (!stalled)
                continue;
            await WakeUpAsync(entry, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            woken++;
        }

        return woken;
    }

    private async Task<ChannelResult> SendAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(entry.Channel, out var channel))
            return ChannelResult.Transient($"Kênh gửi {entry.Channel.ToCode()} chưa được cài đặt.");
        var message = await _outbox.ReadMessageAsync(entry, cancellationToken).ConfigureAwait(false);
        if (message is null)
            return ChannelResult.Permanently("Nội dung tin nhắn không còn trong kho lưu trữ.");
        try
        {
            return await channel.SendAsync(message, entry.MessageId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A channel reports failures as results; an exception is a defect or an unexpected library error. It still counts as
            // a failed attempt (retried, then failed visibly) rather than a poisoned queue message nobody reads.
            return ChannelResult.Transient($"Lỗi không lường trước khi gửi ({e.GetType().Name}): {e.Message}");
        }
    }

    private async Task<DeliveryResult> RecordAsync(OutboxEntry claimed, ETag etag, ChannelResult result, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var history = claimed.History.Append(new DeliveryAttempt(claimed.Attempts, claimed.ClaimedAt!.Value, now, result.Succeeded, result.Error)).ToList();
        var settled = claimed with { ClaimedAt = null, ClaimId = null, History = Trim(history) };
        DeliveryOutcome outcome;
        if (result.Succeeded)
        {
            settled = settled with { Status = MessageStatus.Sent, SentAt = now, LastError = null };
            outcome = DeliveryOutcome.Sent;
        }
        else if (result.Permanent || claimed.Attempts >= _options.MaxAttempts)
        {
            settled = settled with { Status = MessageStatus.Failed, LastError = result.Error };
            outcome = DeliveryOutcome.Failed;
        }
        else
        {
            settled = settled with { Status = MessageStatus.Retrying, LastError = result.Error, NextAttemptAt = now + _options.RetryDelays[claimed.Attempts - 1] };
            outcome = DeliveryOutcome.Retrying;
        }

        // Recorded even when the host is stopping: an accepted message must not be sent again for want of a write.
        if (await _outbox.TryReplaceAsync(settled, etag, CancellationToken.None).ConfigureAwait(false) is null)
        {
            // Our claim was taken over (we outlived the lease); the new holder records its own attempt.
            return new DeliveryResult(DeliveryOutcome.Busy, claimed);
        }

        if (outcome == DeliveryOutcome.Retrying)
            await WakeUpAsync(settled, settled.NextAttemptAt!.Value - now, cancellationToken).ConfigureAwait(false);
        return new DeliveryResult(outcome, settled);
    }

    private Task WakeUpAsync(OutboxEntry entry, TimeSpan delay, CancellationToken cancellationToken) =>
        DeliveryWakeUp.SendAsync(_storage.Delivery, entry.Source, entry.Key, delay, cancellationToken);

    private List<DeliveryAttempt> Trim(List<DeliveryAttempt> history) =>
        history.Count <= _options.HistoryLimit ? history : history.GetRange(history.Count - _options.HistoryLimit, _options.HistoryLimit);
}
