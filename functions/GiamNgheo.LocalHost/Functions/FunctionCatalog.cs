using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.LocalHost.Functions;

/// <summary>Finds the functions of an assembly the way the Functions SDK does: public methods with <c>[Function]</c> and one
/// trigger attribute on a parameter. Fails at start-up on anything the local host cannot bind, so a new binding is noticed
/// at once instead of silently never firing.</summary>
public static class FunctionCatalog
{
    /// <summary>Every function declared in <paramref name="assembly"/>, by name.</summary>
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                    continue;
                functions.Add(Describe(function.Name, method));
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'.");
        return [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    private static FunctionDescriptor Describe(string name, MethodInfo method)
    {
        FunctionDescriptor? described = null;
        foreach (var parameter in method.GetParameters())
        {
            var trigger = TriggerOf(name, parameter);
            if (trigger is null)
            {
                RequireBindable(name, parameter);
                continue;
            }

            if (described is not null)
                throw new InvalidOperationException($"Function '{name}' has more than one trigger.");
            described = trigger;
        }

        return described ?? throw new InvalidOperationException($"Function '{name}' has no trigger the local host knows (HTTP, blob, queue, timer).");
    }

    private static FunctionDescriptor? TriggerOf(string name, ParameterInfo parameter)
    {
        var method = (MethodInfo)parameter.Member;
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
        {
            if (parameter.ParameterType != typeof(Microsoft.AspNetCore.Http.HttpRequest))
                throw new InvalidOperationException($"Function '{name}': the local host binds HTTP triggers as HttpRequest (ASP.NET Core integration).");
            var methods = (http.Methods ?? ["get", "post"]).Select(m => m.ToLowerInvariant()).ToList();
            return new FunctionDescriptor(name, method, TriggerKind.Http, http.Route ?? name, methods);
        }

        if (parameter.GetCustomAttribute<BlobTriggerAttribute>() is { } blob)
        {
            if (parameter.ParameterType != typeof(Azure.Storage.Blobs.BlobClient))
                throw new InvalidOperationException($"Function '{name}': the local host binds blob triggers as BlobClient (the file is read as a stream, never loaded whole).");
            return new FunctionDescriptor(name, method, TriggerKind.Blob, blob.BlobPath, []);
        }

        if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
        {
            if (parameter.ParameterType != typeof(string))
                throw new InvalidOperationException($"Function '{name}': the local host binds queue triggers as string.");
            return new FunctionDescriptor(name, method, TriggerKind.Queue, queue.QueueName, []);
        }

        if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
        {
            if (parameter.ParameterType != typeof(TimerInfo))
                throw new InvalidOperationException($"Function '{name}': the local host binds timer triggers as TimerInfo.");
            return new FunctionDescriptor(name, method, TriggerKind.Timer, timer.Schedule, [])
            {
                RunOnStartup = timer.RunOnStartup,
                // The attribute's UseMonitor reads true when not set; the host then monitors only schedules a minute or more
                // apart, so only a value the declaration names is explicit.
                UseMonitor = Names<TimerTriggerAttribute>(parameter, nameof(TimerTriggerAttribute.UseMonitor)) ? timer.UseMonitor : null,
            };
        }

        return null;
    }

    private static bool Names<TAttribute>(ParameterInfo parameter, string property) =>
        parameter.CustomAttributes.Any(a => a.AttributeType == typeof(TAttribute) && a.NamedArguments.Any(n => n.MemberName == property));

    private static void RequireBindable(string name, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var bindable = type == typeof(CancellationToken)
            || (type == typeof(DurableTaskClient) && parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
            || type == typeof(string) || type == typeof(int) || type == typeof(long);
        if (!bindable)
            throw new InvalidOperationException($"Function '{name}': parameter '{parameter.Name}' of type {type.Name} cannot be bound by the local host.");
    }
}
