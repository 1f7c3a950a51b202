using Azure.Core;
using Azure.Core.Pipeline;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Thrown where a test makes the process "die" between two storage calls.</summary>
public sealed class SimulatedCrashException(string message) : Exception(message);

/// <summary>Fails every write to one table, as if the process died just before it: reads still work.</summary>
public sealed class CrashOnTableWrites(string tableName) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        var path = message.Request.Uri.Path;
        var toTable = path.EndsWith("/" + tableName, StringComparison.Ordinal) || path.Contains("/" + tableName + "(", StringComparison.Ordinal);
        if (toTable && message.Request.Method != RequestMethod.Get)
            throw new SimulatedCrashException($"Simulated crash before {message.Request.Method} {path}.");
    }
}

/// <summary>Holds the first blob upload under a path until the test releases it, and says when it is held.</summary>
public sealed class BlobGate : HttpPipelinePolicy
{
    private Hold? _armed;

    /// <summary>Holds the next PUT whose path contains <paramref name="pathPart"/>.</summary>
    public Hold Arm(string pathPart)
    {
        var hold = new Hold(pathPart);
        Assert.Null(Interlocked.CompareExchange(ref _armed, hold, null));
        return hold;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Take(message) is { } hold)
            hold.WaitReleased();
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Take(message) is { } hold)
            await hold.Released;
        await ProcessNextAsync(message, pipeline);
    }

    private Hold? Take(HttpMessage message)
    {
        var hold = Volatile.Read(ref _armed);
        if (hold is null || message.Request.Method != RequestMethod.Put || !message.Request.Uri.Path.Contains(hold.PathPart, StringComparison.Ordinal))
            return null;
        if (Interlocked.CompareExchange(ref _armed, null, hold) != hold)
            return null;
        hold.SignalEntered();
        return hold;
    }

    public sealed class Hold(string pathPart)
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string PathPart { get; } = pathPart;

        /// <summary>Completes when a request is being held.</summary>
        public Task Entered => _entered.Task;

        internal Task Released => _released.Task;

        public void Release() => _released.TrySetResult();

        internal void SignalEntered() => _entered.TrySetResult();

        internal void WaitReleased() => _released.Task.GetAwaiter().GetResult();
    }
}
