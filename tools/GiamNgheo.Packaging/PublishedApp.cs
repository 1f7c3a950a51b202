using System.Text.Json;
using System.Text.RegularExpressions;

namespace GiamNgheo.Packaging;

/// <summary>
/// The <c>dotnet publish</c> output of a .NET isolated worker function app, checked for what the Functions host reads
/// from the package root: <c>host.json</c>, <c>worker.config.json</c>, <c>functions.metadata</c>,
/// <c>extensions.json</c> with the <c>.azurefunctions/</c> extension assemblies, and the worker assembly.
/// </summary>
/// <param name="Folder">Full path of the publish folder.</param>
/// <param name="WorkerAssembly">The assembly the host starts with <c>dotnet</c> (worker.config.json <c>defaultWorkerPath</c>).</param>
/// <param name="Functions">Function names from functions.metadata, ordinal order. Durable orchestrators and activities are
/// not among them: the worker reports those to the host when it starts.</param>
/// <param name="Extensions">Host extension names from extensions.json, in file order.</param>
/// <param name="Files">Every file, relative with forward slashes, ordinal order: the zip's entries.</param>
public sealed partial record PublishedApp(
    string Folder,
    string WorkerAssembly,
    IReadOnlyList<string> Functions,
    IReadOnlyList<string> Extensions,
    IReadOnlyList<string> Files)
{
    /// <summary>The file the host reads the app's function list from.</summary>
    public const string FunctionsMetadata = "functions.metadata";

    /// <summary>The file that tells the host how to start the worker process.</summary>
    public const string WorkerConfig = "worker.config.json";

    /// <summary>The file that lists the host extensions built for the app.</summary>
    public const string ExtensionsJson = "extensions.json";

    /// <summary>The folder holding the host extension assemblies.</summary>
    public const string ExtensionsFolder = ".azurefunctions";

    /// <summary>The host configuration.</summary>
    public const string HostJson = "host.json";

    private const string IsolatedLanguage = "dotnet-isolated";

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // Test frameworks, test hosts and the benchmark harness: present in a publish folder only by a wrong reference.
    private static readonly string[] TestAndBenchmarkLibraries =
    [
        "xunit",
        "testhost",
        "Microsoft.TestPlatform",
        "Microsoft.VisualStudio.TestPlatform",
        "Microsoft.CodeCoverage",
        "FsCheck",
        "BenchmarkDotNet",
        "Microsoft.AspNetCore.Mvc.Testing",
        "Microsoft.AspNetCore.TestHost",
        "Microsoft.Extensions.TimeProvider.Testing",
        "Microsoft.DurableTask.InProcessTestHost",
        "netDumbster",
    ];

    /// <summary>
    /// Assembly names of this repository's projects that are never deployed: test support, the tools (the command line
    /// <c>giamngheo</c>, this packager, the synthetic survey generator), the benchmarks and the development-only local host.
    /// Test projects (<c>*.Tests</c>) are refused by their suffix.
    /// </summary>
    public static readonly IReadOnlyList<string> NotDeployedProjects =
    [
        "GiamNgheo.Testing",
        "GiamNgheo.Synthetic",
        "giamngheo",
        "giamngheo-package",
        "GiamNgheo.Benchmarks",
        "GiamNgheo.LocalHost",
    ];

    private static readonly string[] AssemblyFileSuffixes = [".deps.json", ".runtimeconfig.json", ".dll", ".pdb", ".xml", ".exe"];

    /// <summary>Reads and checks the publish folder.</summary>
    /// <param name="publishDir">The <c>dotnet publish</c> output folder.</param>
    /// <exception cref="DeploymentPackageException">The folder is not a deployable isolated worker app; the message lists every problem.</exception>
    public static PublishedApp Read(string publishDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publishDir);
        var problems = new List<string>();
        var app = TryRead(Path.GetFullPath(publishDir), problems);
        DeploymentPackageException.ThrowIfAny(problems);
        return app!;
    }

    /// <summary>Whether <paramref name="name"/> is a valid function name for the Functions host.</summary>
    /// <remarks>The host's rule is <c>^[a-z][a-z0-9_\-]{0,127}$</c>, case-insensitive, and the name <c>host</c> is reserved.</remarks>
    public static bool IsValidFunctionName(string name) =>
        FunctionNamePattern().IsMatch(name) && !string.Equals(name, "host", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a file must not be deployed, or <see langword="null"/> when it may be.</summary>
    /// <param name="relativePath">Path inside the publish folder, forward slashes.</param>
    public static string? NotDeployableReason(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var fileName = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        if (string.Equals(fileName, "local.settings.json", StringComparison.OrdinalIgnoreCase))
        {
            return "local development settings (may hold connection strings); in Azure the app settings come from infra/main.bicep";
        }

        if (string.Equals(fileName, "function.json", StringComparison.OrdinalIgnoreCase))
        {
            return "a custom-handler function folder; the isolated worker declares its functions in functions.metadata";
        }

        var stem = AssemblyStem(fileName);
        if (stem.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase))
        {
            return "a test project";
        }

        if (TestAndBenchmarkLibraries.Any(library => NameIsOrStartsWith(stem, library, StringComparison.OrdinalIgnoreCase)))
        {
            return "a test or benchmark library";
        }

        // Ordinal: the command line's assembly 'giamngheo' must not match 'GiamNgheo.Functions'.
        if (NotDeployedProjects.Any(project => NameIsOrStartsWith(stem, project, StringComparison.Ordinal)))
        {
            return "a test-support, tool, benchmark or local-host project of this repository";
        }

        return null;
    }

    internal static PublishedApp? TryRead(string publishDir, List<string> problems)
    {
        if (!Directory.Exists(publishDir))
        {
            problems.Add($"The publish folder '{publishDir}' does not exist; run ./package.sh (dotnet publish) first.");
            return null;
        }

        var files = Directory.EnumerateFiles(publishDir, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(publishDir, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var present = files.ToHashSet(StringComparer.Ordinal);

        CheckHostJson(publishDir, problems);
        var worker = ReadWorkerAssembly(publishDir, present, problems);
        var functions = ReadFunctions(publishDir, present, problems);
        var extensions = ReadExtensions(publishDir, present, problems);
        foreach (var file in files)
        {
            if (NotDeployableReason(file) is { } reason)
            {
                problems.Add($"{file}: must not be deployed ({reason}).");
            }
        }

        return problems.Count == 0 ? new PublishedApp(publishDir, worker!, functions, extensions, files) : null;
    }

    private static void CheckHostJson(string publishDir, List<string> problems)
    {
        if (ReadJson(publishDir, HostJson, problems) is not { } root)
        {
            return;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{HostJson}: not a JSON object.");
            return;
        }

        if (!TryGetProperty(root, "version", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            problems.Add($"{HostJson}: \"version\" must be \"2.0\".");
        }

        // The host binds host.json with IConfiguration, so section names are case-insensitive.
        foreach (var section in new[] { "customHandler", "httpWorker" })
        {
            if (TryGetProperty(root, section, out _))
            {
                problems.Add($"{HostJson}: has a \"{section}\" section; the host would start an HTTP worker instead of the isolated worker in worker.config.json.");
            }
        }

        if (TryGetProperty(root, "extensionBundle", out _))
        {
            problems.Add($"{HostJson}: has an \"extensionBundle\"; bundles are for non-.NET apps, this app's extensions are built into {ExtensionsFolder}/ ({ExtensionsJson}).");
        }
    }

    private static string? ReadWorkerAssembly(string publishDir, HashSet<string> present, List<string> problems)
    {
        if (ReadJson(publishDir, WorkerConfig, problems) is not { } root)
        {
            return null;
        }

        if (!TryGetProperty(root, "description", out var description) || description.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{WorkerConfig}: has no \"description\" object.");
            return null;
        }

        var language = StringProperty(description, "language");
        if (language != IsolatedLanguage)
        {
            problems.Add($"{WorkerConfig}: language is '{language}', not '{IsolatedLanguage}'.");
        }

        var executable = StringProperty(description, "defaultExecutablePath");
        if (executable != "dotnet")
        {
            problems.Add(
                $"{WorkerConfig}: defaultExecutablePath is '{executable}', not 'dotnet': a self-contained publish. Publish framework-dependent " +
                "(--self-contained false) so the .NET runtime that Flex Consumption provides for dotnet-isolated runs the worker.");
        }

        var workerPath = StringProperty(description, "defaultWorkerPath");
        if (string.IsNullOrWhiteSpace(workerPath) || !workerPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || workerPath.Contains('/', StringComparison.Ordinal))
        {
            problems.Add($"{WorkerConfig}: defaultWorkerPath '{workerPath}' must name an assembly (.dll) at the package root.");
            return null;
        }

        var stem = workerPath[..^".dll".Length];
        foreach (var required in new[] { workerPath, stem + ".runtimeconfig.json", stem + ".deps.json" })
        {
            if (!present.Contains(required))
            {
                problems.Add($"{WorkerConfig}: the worker needs '{required}', which is not in the publish folder.");
            }
        }

        return workerPath;
    }

    private static List<string> ReadFunctions(string publishDir, HashSet<string> present, List<string> problems)
    {
        var names = new List<string>();
        if (ReadJson(publishDir, FunctionsMetadata, problems) is not { } root)
        {
            return names;
        }

        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
        {
            problems.Add($"{FunctionsMetadata}: lists no functions (expected a non-empty JSON array).");
            return names;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var function in root.EnumerateArray())
        {
            var name = function.ValueKind == JsonValueKind.Object ? StringProperty(function, "name") : null;
            var where = $"{FunctionsMetadata}: function {index++} ('{name}')";
            if (name is null || !IsValidFunctionName(name))
            {
                problems.Add($"{where}: not a valid function name (^[a-z][a-z0-9_\\-]{{0,127}}$, not 'host').");
                continue;
            }

            if (!seen.Add(name))
            {
                problems.Add($"{where}: listed twice; function names are case-insensitive.");
                continue;
            }

            var scriptFile = StringProperty(function, "scriptFile");
            if (scriptFile is null || !present.Contains(scriptFile))
            {
                problems.Add($"{where}: scriptFile '{scriptFile}' is not in the publish folder.");
            }

            var triggers = TryGetProperty(function, "bindings", out var bindings) && bindings.ValueKind == JsonValueKind.Array
                ? bindings.EnumerateArray().Count(b => b.ValueKind == JsonValueKind.Object
                    && StringProperty(b, "type") is { } type
                    && type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
                : 0;
            if (triggers != 1)
            {
                problems.Add($"{where}: needs exactly one trigger binding, found {triggers}.");
            }

            names.Add(name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static List<string> ReadExtensions(string publishDir, HashSet<string> present, List<string> problems)
    {
        var names = new List<string>();
        if (!present.Any(f => f.StartsWith(ExtensionsFolder + "/", StringComparison.Ordinal)))
        {
            problems.Add($"{ExtensionsFolder}/: missing or empty; the host loads the app's binding extensions from it.");
        }

        if (ReadJson(publishDir, ExtensionsJson, problems) is not { } root)
        {
            return names;
        }

        if (!TryGetProperty(root, "extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{ExtensionsJson}: has no \"extensions\" array.");
            return names;
        }

        foreach (var extension in extensions.EnumerateArray())
        {
            var name = extension.ValueKind == JsonValueKind.Object ? StringProperty(extension, "name") : null;
            var hintPath = extension.ValueKind == JsonValueKind.Object ? StringProperty(extension, "hintPath") : null;
            var relative = hintPath?.Replace('\\', '/');
            if (relative is not null && relative.StartsWith("./", StringComparison.Ordinal))
            {
                relative = relative[2..];
            }

            if (relative is null || !present.Contains(relative))
            {
                problems.Add($"{ExtensionsJson}: extension '{name}' points at '{hintPath}', which is not in the publish folder.");
            }

            names.Add(name ?? "");
        }

        return names;
    }

    private static JsonElement? ReadJson(string publishDir, string fileName, List<string> problems)
    {
        var path = Path.Combine(publishDir, fileName);
        if (!File.Exists(path))
        {
            problems.Add($"{fileName}: missing from the publish folder.");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), JsonOptions);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problems.Add($"{fileName}: not valid JSON: {e.Message}");
            return null;
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static string AssemblyStem(string fileName)
    {
        foreach (var suffix in AssemblyFileSuffixes)
        {
            if (fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return fileName[..^suffix.Length];
            }
        }

        return fileName;
    }

    private static bool NameIsOrStartsWith(string stem, string name, StringComparison comparison) =>
        string.Equals(stem, name, comparison) || stem.StartsWith(name + ".", comparison);

    [GeneratedRegex(@"^[a-z][a-z0-9_\-]{0,127}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FunctionNamePattern();
}
