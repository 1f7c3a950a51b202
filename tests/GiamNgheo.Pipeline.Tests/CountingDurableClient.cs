using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Forwards to a real client and counts the orchestrations it was asked to start.</summary>
public sealed class CountingDurableClient(DurableTaskClient inner) : DurableTaskClient(inner.Name)
{
    private int _schedules;

    /// <summary>Orchestration starts asked for (refused ones included).</summary>
    public int Schedules => Volatile.Read(ref _schedules);

    /// <summary>When set, the caller "dies" as it asks to start an orchestration: nothing is started.</summary>
    public bool CrashOnSchedule { get; init; }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref _schedules);
        return CrashOnSchedule
            ? throw new SimulatedCrashException($"Simulated crash before starting {options?.InstanceId}.")
            : inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        inner.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        inner.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Microsoft.DurableTask.AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => inner.GetAllInstancesAsync(filter);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
