using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace GiamNgheo.Benchmarks.Hosting;

/// <summary>The .NET runtime's own counters of another process (what dotnet-counters shows), read over its diagnostic port
/// with EventPipe: how much of the working set is the GC heap, and how much of that was still in use.</summary>
/// <remarks>Counters arrive once a second; the largest value of each is kept. Values are in the runtime's units: MB of 10^6 bytes
/// for the heap-size counters, bytes for the generation sizes.</remarks>
internal sealed class RuntimeCounters : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _reading;
    private readonly ConcurrentDictionary<string, double> _max = new(StringComparer.Ordinal);

    private RuntimeCounters(int pid)
    {
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, (long)EventKeywords.All,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        _session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false);
        _reading = Task.Run(Read);
    }

    /// <summary>Starts following the process's runtime counters.</summary>
    public static RuntimeCounters Start(int pid) => new(pid);

    /// <summary>The largest value a counter had, or null if it never arrived.</summary>
    public double? Max(string counter) => _max.TryGetValue(counter, out var value) ? value : null;

    /// <summary>The largest GC figures, in MiB like the working set: committed by the GC, heap size after the last GC, gen 2, the
    /// large object heap; and the largest fragmentation and gen 0 budget.</summary>
    public string GcSummary() =>
        FormattableString.Invariant($"GC committed {MiB("gc-committed", 1e6):0} MB, heap {MiB("gc-heap-size", 1e6):0} MB, gen 2 {MiB("gen-2-size", 1):0} MB, LOH {MiB("loh-size", 1):0} MB, ")
        + FormattableString.Invariant($"fragmentation {Max("gc-fragmentation"):0} %, gen 0 budget {MiB("gen-0-gc-budget", 1e6):0} MB");

    /// <summary>A counter's largest value in MiB, given the bytes in the counter's unit (1e6 for the runtime's "MB" counters).</summary>
    public double? MiB(string counter, double bytesPerUnit) => Max(counter) * bytesPerUnit / 1048576;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ServerNotAvailableException or EndOfStreamException or IOException)
        {
            // The process is gone; what was read stays.
        }

        await _reading;
        _session.Dispose();
    }

    private void Read()
    {
        using var source = new EventPipeEventSource(_session.EventStream);
        source.Dynamic.All += e =>
        {
            if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> payload
                || payload["Payload"] is not IDictionary<string, object> fields)
            {
                return;
            }

            var name = (string)fields["Name"];
            var value = Convert.ToDouble(fields.TryGetValue("Mean", out var mean) ? mean : fields["Increment"], System.Globalization.CultureInfo.InvariantCulture);
            _max.AddOrUpdate(name, value, (_, old) => Math.Max(old, value));
        };
        try
        {
            source.Process();
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            // The process ended mid-stream.
        }
    }
}
