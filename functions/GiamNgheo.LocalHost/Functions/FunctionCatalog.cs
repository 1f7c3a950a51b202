using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.LocalHost.Functions;

/// <summary>Finds the functions of an assembly the way the Functions SDK does: public methods with <c>[Function]</c> and one
/// trigger attribute on a parameter. Fails at start-up on anything the local host cannot bind, so a new binding is noticed
/// at once instead of silently never firing.</summary>
public static partial class FunctionCatalog
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
        var triggers = method.GetParameters().Select(p => (Parameter: p, Trigger: TriggerOf(name, p))).Where(t => t.Trigger is not null).ToList();
        if (triggers.Count > 1)
            throw new InvalidOperationException($"Function '{name}' has more than one trigger.");
        var described = triggers.Count == 1 ? triggers[0].Trigger! : throw new InvalidOperationException($"Function '{name}' has no trigger the local host knows (HTTP, blob, queue, timer).");

        var returns = method.ReturnType;
        if (returns == typeof(ValueTask) || (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            throw new InvalidOperationException($"Function '{name}': the local host awaits Task and Task<T>; return one of those instead of {returns.Name}.");

        var bindingData = BindingDataNames(described);
        // By position, not reference: two hosts discovering at once (parallel test classes) can get different ParameterInfo
        // instances from two GetParameters calls, and the trigger parameter then looked like an unbindable extra one.
        var triggerPosition = triggers[0].Parameter.Position;
        foreach (var parameter in method.GetParameters().Where(p => p.Position != triggerPosition))
            RequireBindable(name, parameter, bindingData);
        return described;
    }

    /// <summary>The names a trigger supplies as binding data: route parameters, blob path tokens. Queue and timer metadata are
    /// not bound locally, so a parameter expecting them fails here rather than silently receiving a default.</summary>
    private static HashSet<string> BindingDataNames(FunctionDescriptor function) => function.Kind switch
    {
        TriggerKind.Http => [.. RouteParameter().Matches(function.Source).Select(m => m.Groups[1].Value)],
        TriggerKind.Blob => [.. RouteParameter().Matches(function.Source).Select(m => m.Groups[1].Value)],
        _ => [],
    };

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

    private static void RequireBindable(string name, ParameterInfo parameter, HashSet<string> bindingData)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken) || (type == typeof(DurableTaskClient) && parameter.GetCustomAttribute<DurableClientAttribute>() is not null))
            return;
        if (type != typeof(string) && type != typeof(int) && type != typeof(long))
            throw new InvalidOperationException($"Function '{name}': parameter '{parameter.Name}' of type {type.Name} cannot be bound by the local host.");
        if (!bindingData.Contains(parameter.Name!))
            throw new InvalidOperationException($"Function '{name}': parameter '{parameter.Name}' names no route parameter or blob path token, so nothing would bind it.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\*?([A-Za-z_][A-Za-z0-9_]*)[^}]*\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}
