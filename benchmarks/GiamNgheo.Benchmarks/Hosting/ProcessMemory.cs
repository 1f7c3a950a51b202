using System.Globalization;

namespace GiamNgheo.Benchmarks.Hosting;

/// <summary>The resident memory of another process, read from <c>/proc/{pid}/status</c> (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>The resident set now (<c>VmRSS</c>), in bytes; null once the process is gone.</summary>
    public static long? Resident(int pid) => Field(pid, "VmRSS:");

    /// <summary>The highest resident set since the process started or since <see cref="ResetPeak"/> (<c>VmHWM</c>), in bytes.</summary>
    public static long? Peak(int pid) => Field(pid, "VmHWM:");

    /// <summary>Sets the peak back to the present resident set (writes 5 to <c>/proc/{pid}/clear_refs</c>; allowed for one's own child).</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static long? Field(int pid, string name)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>Follows one process's resident set while a scenario runs: the kernel's peak (reset at the start) and the
/// largest of samples taken every 50 ms, which also shows when the peak happened.</summary>
internal sealed class MemoryWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private MemoryWatch(int pid)
    {
        _pid = pid;
        ProcessMemory.ResetPeak(pid);
        _sampling = SampleAsync();
    }

    /// <summary>Largest sampled resident set, bytes.</summary>
    public long SampledPeak { get; private set; }

    /// <summary>Seconds after the start of the watch at which the largest sample was taken.</summary>
    public double SampledPeakAt { get; private set; }

    /// <summary>Resets the process's peak and starts sampling.</summary>
    public static MemoryWatch Start(int pid) => new(pid);

    /// <summary>The kernel's peak since the start of the watch, bytes (the measure reported).</summary>
    public long Peak() => Math.Max(ProcessMemory.Peak(_pid) ?? 0, SampledPeak);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (ProcessMemory.Resident(_pid) is { } rss && rss > SampledPeak)
            {
                SampledPeak = rss;
                SampledPeakAt = _clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(Interval, _stop.Token);
        }
    }
}
