using Microsoft.Extensions.Time.Testing;

namespace GiamNgheo.LocalHost.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also counts the timers created on it. The listeners wait with
/// <c>Task.Delay(…, time)</c>, which creates a timer when it starts waiting, so a test can tell that a listener is waiting
/// before it moves the clock (moving it earlier would only push the wait further out).
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(start);
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>Waits until at least <paramref name="count"/> timers were created since the start.</summary>
    public Task WaitForTimersAsync(int count, string what, Func<string>? diagnostics = null) =>
        Eventually.TrueAsync(() => Task.FromResult(TimersCreated >= count), what, diagnostics);

    /// <summary>Moves the clock while a listener waits, and waits until it waits again (one pass of its loop done).</summary>
    public async Task AdvanceOnePassAsync(TimeSpan by, string what, Func<string>? diagnostics = null)
    {
        var waiting = TimersCreated;
        Advance(by);
        await WaitForTimersAsync(waiting + 1, what, diagnostics);
    }
}
