using System.Globalization;
using GiamNgheo.Functions.Configuration;
using GiamNgheo.Pipeline;

namespace GiamNgheo.Functions;

/// <summary>How the handler runs: under the Functions host (production) or in local-host mode with the trigger runner.</summary>
public sealed record HandlerOptions
{
    /// <summary>Port of local-host mode when none is given.</summary>
    public const int DefaultLocalPort = 7071;

    /// <summary>Port to listen on (127.0.0.1 only); 0 lets the OS choose.</summary>
    public int Port { get; init; } = DefaultLocalPort;

    /// <summary>True to run the development-only trigger runner in the same process (no Functions host).</summary>
    public bool LocalHost { get; init; }

    /// <summary>Folder holding host.json and the function folders (local-host mode).</summary>
    public string? AppRoot { get; init; }

    /// <summary>Poll interval of the local trigger runner.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Operational limits of the pipeline.</summary>
    public PipelineOptions Pipeline { get; init; } = PipelineOptions.Default;

    /// <summary>Reads the command line: <c>--local-host</c>, <c>--port N</c>, <c>--app-root PATH</c>; the port otherwise comes from the host.</summary>
    public static HandlerOptions FromCommandLine(string[] args, Func<string, string?> environment)
    {
        var local = args.Contains("--local-host");
        var port = Value(args, "--port") is { } p
            ? int.Parse(p, CultureInfo.InvariantCulture)
            : environment(AppSettings.CustomHandlerPort.Name) is { Length: > 0 } hostPort
                ? int.Parse(hostPort, CultureInfo.InvariantCulture)
                : local ? DefaultLocalPort : throw new InvalidOperationException(
                    $"{AppSettings.CustomHandlerPort.Name} is not set: the Functions host sets it. To run without the host, pass --local-host.");
        return new HandlerOptions { LocalHost = local, Port = port, AppRoot = Value(args, "--app-root") };
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
