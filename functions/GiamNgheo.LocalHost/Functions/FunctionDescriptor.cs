using System.Reflection;

namespace GiamNgheo.LocalHost.Functions;

/// <summary>What starts a function.</summary>
public enum TriggerKind
{
    /// <summary>An HTTP request on a route.</summary>
    Http,

    /// <summary>A blob created in a container path.</summary>
    Blob,

    /// <summary>A message on a storage queue.</summary>
    Queue,

    /// <summary>An NCRONTAB schedule.</summary>
    Timer,
}

/// <summary>One function of the app as its attributes declare it: the same facts the Functions SDK writes to <c>functions.metadata</c>.</summary>
/// <param name="Name">The function name (<c>[Function("…")]</c>).</param>
/// <param name="Method">The method the worker would invoke.</param>
/// <param name="Kind">Its trigger.</param>
/// <param name="Source">Route (HTTP, without the route prefix), blob path, queue name or schedule.</param>
/// <param name="HttpMethods">Lower-case HTTP methods (HTTP functions only).</param>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, TriggerKind Kind, string Source, IReadOnlyList<string> HttpMethods)
{
    /// <summary>The timer's <c>runOnStartup</c>.</summary>
    public bool RunOnStartup { get; init; }

    /// <summary>The timer's <c>useMonitor</c>, when set explicitly.</summary>
    public bool? UseMonitor { get; init; }
}
