using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.HostProtocol;

/// <summary>
/// The handler's answer to a non-HTTP invocation: <c>{"Outputs":{},"Logs":[...],"ReturnValue":null}</c> as
/// <c>application/json</c> with status 200. The host logs <c>Logs</c> at Information level; this app has no output bindings.
/// </summary>
public sealed class InvocationResult : IResult
{
    private InvocationResult(IReadOnlyList<string> logs) => Logs = logs;

    /// <summary>Lines the host writes to its log for this invocation.</summary>
    public IReadOnlyList<string> Logs { get; }

    /// <summary>A successful invocation with these log lines.</summary>
    /// <param name="logs">Lines for the host log; may be empty.</param>
    public static InvocationResult Completed(IEnumerable<string> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        return new InvocationResult([.. logs]);
    }

    /// <summary>Writes the JSON answer.</summary>
    /// <param name="httpContext">The invocation's context.</param>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";

        // The writer only buffers; FlushAsync keeps the response free of synchronous I/O, which Kestrel forbids.
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteStartObject("Outputs");
        writer.WriteEndObject();
        writer.WriteStartArray(nameof(Logs));
        foreach (var line in Logs)
            writer.WriteStringValue(line);
        writer.WriteEndArray();
        writer.WriteNull("ReturnValue");
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
