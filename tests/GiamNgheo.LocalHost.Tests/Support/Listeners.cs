using GiamNgheo.LocalHost.Functions;
using GiamNgheo.LocalHost.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.LocalHost.Tests.Support;

/// <summary>The functions this test assembly declares, discovered once as the local host discovers the app's.</summary>
public static class TestFunctions
{
    private static readonly Lazy<IReadOnlyList<FunctionDescriptor>> All = new(() => FunctionCatalog.Discover(typeof(TestFunctions).Assembly));

    public static IReadOnlyList<FunctionDescriptor> Discovered => All.Value;

    public static FunctionDescriptor Named(string name) => All.Value.Single(f => f.Name == name);

    /// <summary>An invoker as the local host builds it, with <paramref name="deliveries"/> (and whatever else) as services.</summary>
    public static FunctionInvoker Invoker(HostSettings settings, Deliveries deliveries, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(deliveries);
        configure?.Invoke(services);
        return new FunctionInvoker(services.BuildServiceProvider(), settings);
    }

    /// <summary>The settings of the tests' host.json: the app's, except that failures are retried at once.</summary>
    public static HostSettings Settings => new() { MaxDequeueCount = 5, VisibilityTimeout = TimeSpan.Zero, QueueBatchSize = 16, BlobParallelism = 4 };

    /// <summary>A storage name no other test of the class uses (container and queue names: lower case, at most 63).</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
}

/// <summary>A listener running as the local host runs it, until stopped the way the host stops (or crashes): in-flight calls are cancelled.</summary>
internal sealed class ListenerRun : IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private readonly ITriggerListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private bool _stopped;

    private ListenerRun(ITriggerListener listener)
    {
        _listener = listener;
        _run = Task.Run(() => listener.RunAsync(_stop.Token));
    }

    public static ListenerRun Start(ITriggerListener listener) => new(listener);

    /// <summary>Cancels the listener and waits until it returned; it must never throw, storage outages included.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        await _stop.CancelAsync();
        await _run.WaitAsync(Eventually.Deadline);
        (_listener as IDisposable)?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
