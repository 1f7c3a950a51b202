namespace GiamNgheo.Notifications;

/// <summary>One message in the outbox as stored: what it is, where it stands, and every attempt.</summary>
/// <remarks>Bodies and data are not here: they live in the contents container (see <see cref="Outbox"/>), so listing a plan's
/// messages reads small rows only.</remarks>
public sealed record OutboxEntry
{
    /// <summary>The message's source (the outbox partition), e.g. a plan id.</summary>
    public required string Source { get; init; }

    /// <summary>The message's key within its source.</summary>
    public required string Key { get; init; }

    /// <summary>Email or webhook.</summary>
    public required DeliveryChannel Channel { get; init; }

    /// <summary>Who receives it and where.</summary>
    public required MessageRecipient Recipient { get; init; }

    /// <summary>Subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>The caller's kind code, if any.</summary>
    public string? Kind { get; init; }

    /// <summary>The caller's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>When the caller scheduled it for.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>When it entered the outbox.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Where it stands.</summary>
    public required MessageStatus Status { get; init; }

    /// <summary>Attempts started so far (an attempt is counted when it is claimed, so a crash mid-send still counts).</summary>
    public int Attempts { get; init; }

    /// <summary>The last failure, short Vietnamese text for an officer (no stack trace); null when the last attempt succeeded or none ran.</summary>
    public string? LastError { get; init; }

    /// <summary>When the last attempt started.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>When the next attempt is due (pending and retrying messages).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When the current claim was taken (status <c>dang-gui</c>); a claim older than the lease may be taken over.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>When the SMTP server or the webhook receiver accepted it.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The stable message id (the MIME Message-Id of an email, the <c>X-GiamNgheo-Message-Id</c> of a webhook), derived
    /// from (Source, Key), so a receiver can drop a duplicate sent again after a crash.</summary>
    public required string MessageId { get; init; }

    /// <summary>The latest attempts, oldest first (at most <see cref="DeliveryOptions.HistoryLimit"/>; <see cref="Attempts"/> counts all).</summary>
    public IReadOnlyList<DeliveryAttempt> History { get; init; } = [];

    /// <summary>The blob holding the bodies and data.</summary>
    internal string ContentBlob { get; init; } = string.Empty;

    /// <summary>Who holds the current claim.</summary>
    internal string? ClaimId { get; init; }
}

/// <summary>One delivery attempt of a message.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="StartedAt">When it was claimed.</param>
/// <param name="FinishedAt">When its result was recorded; null when it was interrupted (the process died, the claim was taken over).</param>
/// <param name="Succeeded">True when the message was accepted.</param>
/// <param name="Error">Why it failed, short Vietnamese text; null on success.</param>
public sealed record DeliveryAttempt(int Number, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, bool Succeeded, string? Error);

/// <summary>What an enqueue did.</summary>
/// <param name="Created">True when this call put the message in the outbox; false when (Source, Key) was already there, in which
/// case nothing was changed and <paramref name="Entry"/> is the message as first enqueued.</param>
/// <param name="Entry">The stored message.</param>
public sealed record EnqueueResult(bool Created, OutboxEntry Entry);
