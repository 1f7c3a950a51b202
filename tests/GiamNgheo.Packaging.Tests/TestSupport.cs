using System.Diagnostics;
using System.Reflection;

namespace GiamNgheo.Packaging.Tests;

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "giamngheo-packaging-") => Root = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Root { get; }

    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public string Write(string relativePath, string content)
    {
        var path = Path(relativePath.Split('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}

/// <summary>
/// The smallest publish folder of an isolated worker app the host would start: host.json, worker.config.json, a
/// functions.metadata with two functions, extensions.json with its extension assembly, and the worker's files. The rules
/// are tested on it; the real publish is tested in <see cref="DeploymentPackageTests"/>.
/// </summary>
internal static class SyntheticPublish
{
    public const string HostJson = """{ "version": "2.0", "extensions": { "http": { "routePrefix": "api" } } }""";

    public const string WorkerConfig = """
        { "description": { "language": "dotnet-isolated", "extensions": [ ".dll" ], "defaultExecutablePath": "dotnet",
          "defaultWorkerPath": "App.dll", "workerIndexing": "true" } }
        """;

    public const string FunctionsMetadata = """
        [
          { "name": "health", "scriptFile": "App.dll", "entryPoint": "App.Health.Run", "language": "dotnet-isolated",
            "bindings": [ { "name": "req", "direction": "In", "type": "httpTrigger", "methods": [ "get" ] },
                          { "name": "$return", "direction": "Out", "type": "http" } ] },
          { "name": "score-survey", "scriptFile": "App.dll", "entryPoint": "App.Score.Run", "language": "dotnet-isolated",
            "bindings": [ { "name": "blob", "direction": "In", "type": "blobTrigger", "path": "surveys/{name}", "source": "EventGrid" } ] }
        ]
        """;

    public const string ExtensionsJson = """
        { "extensions": [ { "name": "AzureStorageBlobs", "typeName": "Blobs.Startup, Blobs", "hintPath": "./.azurefunctions/Blobs.dll" } ] }
        """;

    /// <summary>The files of the synthetic publish, by relative path, with their content.</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["host.json"] = HostJson,
        ["worker.config.json"] = WorkerConfig,
        ["functions.metadata"] = FunctionsMetadata,
        ["extensions.json"] = ExtensionsJson,
        [".azurefunctions/Blobs.dll"] = "extension assembly",
        ["App.dll"] = "worker assembly",
        ["App.deps.json"] = "{}",
        ["App.runtimeconfig.json"] = """{ "runtimeOptions": { "tfm": "net10.0" } }""",
        ["runtimes/linux-x64/native/libfake.so"] = "native library",
    };

    /// <summary>Writes the synthetic publish folder under <paramref name="folder"/> and returns its path.</summary>
    public static string Create(TempFolder folder, string name = "publish")
    {
        foreach (var (relative, content) in Files)
        {
            folder.Write(name + "/" + relative, content);
        }

        return folder.Path(name);
    }
}

/// <summary>Runs an external program and captures what it prints.</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs the program to its end; stdout and stderr come back together.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, each passed as one.</param>
    /// <param name="timeout">How long it may take (2 minutes when null).</param>
    /// <param name="workingDirectory">Where it runs (the current directory when null).</param>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    public static (int ExitCode, string Output) Run(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>The Bicep CLI from the NuGet package the test project references (Azure.Bicep.CommandLine.linux-x64), else from PATH.</summary>
internal static class BicepCli
{
    public static string? Find()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var fromPackage = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (!string.IsNullOrWhiteSpace(fromPackage) && File.Exists(fromPackage))
        {
            // NuGet extraction may drop the execute bit.
            File.SetUnixFileMode(fromPackage, File.GetUnixFileMode(fromPackage) | UnixFileMode.UserExecute);
            return fromPackage;
        }

        return ExternalTool.Find("bicep");
    }
}
