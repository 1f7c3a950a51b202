using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.LocalHost.Functions;

/// <summary>Invokes a function method as the isolated worker does: a new instance of its class from a fresh DI scope
/// (constructor injection), the trigger value, binding data by parameter name, the cancellation token, and the Durable client.</summary>
public sealed class FunctionInvoker(IServiceProvider services, HostSettings settings)
{
    /// <summary>Runs the function; returns what it returned (awaited), and throws what it threw.</summary>
    /// <param name="function">The function.</param>
    /// <param name="trigger">The value for the trigger parameter (HttpRequest, BlobClient, message text, TimerInfo).</param>
    /// <param name="bindingData">Route values or blob path tokens, bound to parameters of the same name.</param>
    /// <param name="cancellationToken">Cancels the invocation; host.json <c>functionTimeout</c> is added to it.</param>
    public async Task<object?> InvokeAsync(FunctionDescriptor function, object trigger, IReadOnlyDictionary<string, string> bindingData, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.FunctionTimeout);
        await using var scope = services.CreateAsyncScope();
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
        var arguments = function.Method.GetParameters().Select(p => Bind(p, trigger, bindingData, scope.ServiceProvider, timeout.Token)).ToArray();
        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        if (returned is not Task task)
            return returned;
        await task;
        // The declared type decides: an async Task method hands back a Task<VoidTaskResult> at run time, which is no result.
        var declared = function.Method.ReturnType;
        return declared.IsGenericType ? declared.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    private static object? Bind(ParameterInfo parameter, object trigger, IReadOnlyDictionary<string, string> bindingData, IServiceProvider scope, CancellationToken cancellationToken)
    {
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttributes().Any(a => a is HttpTriggerAttribute or BlobTriggerAttribute or QueueTriggerAttribute or TimerTriggerAttribute))
            return trigger;
        if (type == typeof(CancellationToken))
            return cancellationToken;
        if (type == typeof(DurableTaskClient))
            return scope.GetRequiredService<DurableTaskClient>();
        if (!bindingData.TryGetValue(parameter.Name!, out var text))
            return type == typeof(string) ? null : Activator.CreateInstance(type);
        return type == typeof(string) ? text : Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
    }
}
