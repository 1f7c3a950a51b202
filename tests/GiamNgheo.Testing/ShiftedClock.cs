namespace GiamNgheo.Testing;

/// <summary>Real time moved by a fixed offset: the app's clock reads a chosen date while durable timers, which run in real
/// time, still fire, so a workflow's waits and the planner's clock advance together.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private TimeSpan _offset;

    /// <summary>A clock that reads <paramref name="now"/> at this moment.</summary>
    public ShiftedClock(DateTimeOffset now) => Set(now);

    /// <summary>A clock that reads real time until <see cref="Set"/>.</summary>
    public ShiftedClock()
    {
    }

    /// <summary>Makes the clock read <paramref name="now"/> at this moment and run on from there.</summary>
    public void Set(DateTimeOffset now) => _offset = now - DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
}
