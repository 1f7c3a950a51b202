using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.LocalHost.Tests.Support;

/// <summary>One call of a test function: what it was given.</summary>
/// <param name="Function">The function's own name (as declared; tests may run it under another).</param>
/// <param name="Subject">Blob name, message text or timer occurrence.</param>
/// <param name="Values">Binding data and content the function read.</param>
/// <param name="Timer">The timer info of a timer function.</param>
public sealed record Delivery(string Function, string Subject, IReadOnlyDictionary<string, string> Values, TimerInfo? Timer = null);

/// <summary>
/// Registered in the invoker's services so the test functions (new instances per call, as in the worker) can report to the
/// test, and do what the test says: succeed, fail, or work until cancelled.
/// </summary>
public sealed class Deliveries
{
    private readonly List<Delivery> _all = [];

    /// <summary>What every call does after it was recorded; succeeds by default.</summary>
    public Func<Delivery, CancellationToken, Task> Behaviour { get; set; } = (_, _) => Task.CompletedTask;

    public IReadOnlyList<Delivery> All
    {
        get
        {
            lock (_all)
                return [.. _all];
        }
    }

    public Task RecordAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        lock (_all)
            _all.Add(delivery);
        return Behaviour(delivery, cancellationToken);
    }

    /// <summary>Waits until at least <paramref name="count"/> calls were recorded.</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForAsync(int count, string what, CapturingLogger? log = null)
    {
        await Eventually.TrueAsync(() => Task.FromResult(All.Count >= count), what, () => $"Recorded {All.Count} call(s). Log:\n{log}");
        return All;
    }

    /// <summary>A behaviour that fails every call, as a function with a bug would.</summary>
    public static Task Fail(Delivery delivery, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"test function fails on {delivery.Subject}");
}
