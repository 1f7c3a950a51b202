namespace GiamNgheo.Notifications;

/// <summary>How deliveries retry and how long a claim holds: data, so tests and operators can change them without code.</summary>
public sealed record DeliveryOptions
{
    /// <summary>The defaults: retries after 1 min, 5 min, 30 min, 2 h and 6 h (six attempts over about 8.5 hours, long enough
    /// to ride out an SMTP server's restart or a relay's maintenance window), a 2-minute claim lease, 20 attempts of history.</summary>
    public static DeliveryOptions Default { get; } = new();

    /// <summary>The wait before each retry: entry <c>i</c> follows failed attempt <c>i + 1</c>. After the last entry's retry fails
    /// the message is <c>that-bai</c>. Each must be under 7 days (the longest a queue message can stay invisible).</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];

    /// <summary>How long a claim (<c>dang-gui</c>) holds. A claim older than this is taken to be a crashed delivery and may be
    /// taken over. It must exceed the channels' send timeouts, or a slow live send could be taken over and sent twice.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many attempts the row keeps in its history (the attempt count keeps counting past it).</summary>
    public int HistoryLimit { get; init; } = 20;

    /// <summary>Attempts in all: the first plus one per retry delay.</summary>
    public int MaxAttempts => RetryDelays.Count + 1;

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot work.</summary>
    public DeliveryOptions Validate()
    {
        if (RetryDelays.Any(d => d < TimeSpan.Zero || d >= TimeSpan.FromDays(7)))
            throw new ArgumentException("Every retry delay must be between zero and 7 days (a queue message stays invisible for at most 7 days).");
        if (ClaimLease <= TimeSpan.Zero)
            throw new ArgumentException("The claim lease must be positive.");
        if (HistoryLimit < 1)
            throw new ArgumentException("The history must keep at least one attempt.");
        return this;
    }
}
