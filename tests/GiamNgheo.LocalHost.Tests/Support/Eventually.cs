using System.Diagnostics;

namespace GiamNgheo.LocalHost.Tests.Support;

/// <summary>Polls storage or recorded state until a condition holds. The deadline only bounds a broken test: a loaded
/// 2-core machine running Azurite and other test processes may be slow, and nothing asserts how long it took.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, Func<string>? diagnostics = null)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (stopwatch.Elapsed > Deadline)
                throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {what}.{(diagnostics is null ? "" : "\n" + diagnostics())}");
            await Task.Delay(10);
        }
    }
}
