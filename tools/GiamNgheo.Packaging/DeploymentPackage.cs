using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GiamNgheo.Packaging;

/// <summary>
/// Builds the Azure Functions deployment zip for the custom handler: <c>host.json</c> and one
/// <c>&lt;name&gt;/function.json</c> per function at the zip root, the published handler under its folder
/// (from host.json's <c>customHandler.description.defaultExecutablePath</c>), and the handler executable
/// marked executable for Linux.
/// </summary>
/// <remarks>
/// <para>The zip is deterministic: entries in a fixed order (host.json, functions by name, handler files by path, all
/// ordinal), one fixed timestamp, and every entry marked as made on Unix with Unix permissions in the upper 16 bits of
/// its external attributes (<see cref="ExecutableMode"/> for the handler, <see cref="RegularFileMode"/> for the rest).
/// Unzip tools, Kudu/OneDeploy and the Functions host only honour those permissions when the central directory says
/// "made by Unix"; .NET writes that only when it runs on Unix, so the central directory is patched after writing and
/// the package comes out the same on any OS.</para>
/// <para>Folders under <c>functions/</c> whose names are not valid function names (the handler project
/// <c>GiamNgheo.Functions</c>, <c>bin</c>/<c>obj</c> inside it) are not packaged; the host would ignore them anyway.</para>
/// </remarks>
public static partial class DeploymentPackage
{
    /// <summary>Unix mode of the handler executable in the zip: regular file, <c>rwxr-xr-x</c> (octal 100755).</summary>
    public const int ExecutableMode = 0x81ED;

    /// <summary>Unix mode of every other file in the zip: regular file, <c>rw-r--r--</c> (octal 100644).</summary>
    public const int RegularFileMode = 0x81A4;

    /// <summary>Folder under the app root that holds one folder per function.</summary>
    public const string FunctionsFolder = "functions";

    /// <summary>The timestamp every entry gets, so the same inputs give the same bytes.</summary>
    public static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string HostJson = "host.json";
    private const string FunctionJson = "function.json";

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>
    /// Validates the inputs and writes the deployment zip to <paramref name="outputZip"/> (replacing it).
    /// Nothing is written when validation fails.
    /// </summary>
    /// <param name="appRoot">The repository root: holds <c>host.json</c> and <c>functions/&lt;name&gt;/function.json</c>.</param>
    /// <param name="publishDir">The output of <c>dotnet publish</c> of the handler; goes under the handler folder.</param>
    /// <param name="outputZip">The zip to write; must not be inside <paramref name="publishDir"/>.</param>
    /// <exception cref="DeploymentPackageException">The inputs are not a valid custom-handler app; the message lists every problem.</exception>
    public static DeploymentPackageResult Build(string appRoot, string publishDir, string outputZip)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(publishDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputZip);

        appRoot = Path.GetFullPath(appRoot);
        publishDir = Path.GetFullPath(publishDir);
        outputZip = Path.GetFullPath(outputZip);

        var handler = ReadHandlerLayout(appRoot);
        var problems = new List<string>();
        var functions = FindFunctions(appRoot, handler, problems);
        var handlerFiles = FindHandlerFiles(publishDir, handler, outputZip, problems);
        if (problems.Count > 0)
        {
            throw new DeploymentPackageException(
                "Cannot build the deployment package:" + Environment.NewLine + "  - " +
                string.Join(Environment.NewLine + "  - ", problems));
        }

        var entries = new List<PackageEntry>(2 + functions.Count + handlerFiles.Count)
        {
            new(HostJson, Path.Combine(appRoot, HostJson), RegularFileMode),
        };
        entries.AddRange(functions.Select(f => new PackageEntry(f.Name + "/" + FunctionJson, f.FunctionJsonPath, RegularFileMode)));
        entries.AddRange(handlerFiles.Select(f => new PackageEntry(
            handler.Folder + "/" + f.RelativePath,
            f.FullPath,
            f.RelativePath == handler.ExecutableName ? ExecutableMode : RegularFileMode)));

        WriteZip(outputZip, entries);
        return new DeploymentPackageResult(
            outputZip,
            new FileInfo(outputZip).Length,
            functions.Select(f => f.Name).ToList(),
            handler,
            entries.Count);
    }

    /// <summary>Reads where the handler lives from <c>host.json</c>'s <c>customHandler.description</c>.</summary>
    /// <param name="appRoot">The folder holding <c>host.json</c>.</param>
    /// <exception cref="DeploymentPackageException">host.json is missing, is not JSON, or has no usable <c>defaultExecutablePath</c>.</exception>
    public static HandlerLayout ReadHandlerLayout(string appRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appRoot);
        var hostJsonPath = Path.Combine(Path.GetFullPath(appRoot), HostJson);
        if (!File.Exists(hostJsonPath))
        {
            throw new DeploymentPackageException($"No host.json in the app root '{appRoot}'.");
        }

        string? executablePath;
        string? workingDirectory;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(hostJsonPath), JsonOptions);
            // The host binds customHandler with IConfiguration, so key names are case-insensitive.
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !TryGetProperty(document.RootElement, "customHandler", out var customHandler)
                || !TryGetProperty(customHandler, "description", out var description))
            {
                throw new DeploymentPackageException($"{hostJsonPath} has no customHandler.description section.");
            }

            executablePath = TryGetProperty(description, "defaultExecutablePath", out var exe) && exe.ValueKind == JsonValueKind.String
                ? exe.GetString()
                : null;
            workingDirectory = TryGetProperty(description, "workingDirectory", out var wd) && wd.ValueKind == JsonValueKind.String
                ? wd.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new DeploymentPackageException($"{hostJsonPath} is not valid JSON: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(executablePath))
        {
            throw new DeploymentPackageException($"{hostJsonPath}: customHandler.description.defaultExecutablePath is missing or empty.");
        }

        var segments = SplitRelativePath(executablePath, out var pathProblem);
        if (pathProblem is not null)
        {
            throw new DeploymentPackageException($"{hostJsonPath}: defaultExecutablePath '{executablePath}' {pathProblem}.");
        }

        if (segments.Length < 2)
        {
            throw new DeploymentPackageException(
                $"{hostJsonPath}: defaultExecutablePath '{executablePath}' must name a file inside a handler folder (e.g. 'handler/GiamNgheo.Functions'), " +
                "so the published files cannot collide with host.json or the function folders.");
        }

        string? normalizedWorkingDirectory = null;
        if (!string.IsNullOrWhiteSpace(workingDirectory))
        {
            var wdSegments = SplitRelativePath(workingDirectory, out var wdProblem);
            if (wdProblem is not null)
            {
                throw new DeploymentPackageException($"{hostJsonPath}: workingDirectory '{workingDirectory}' {wdProblem}.");
            }

            normalizedWorkingDirectory = string.Join('/', wdSegments);
        }

        return new HandlerLayout(string.Join('/', segments[..^1]), segments[^1], normalizedWorkingDirectory);
    }

    /// <summary>Whether <paramref name="name"/> is a valid function (folder) name for the Functions host.</summary>
    /// <remarks>The host's rule is <c>^[a-z][a-z0-9_\-]{0,127}$</c>, case-insensitive, and the name <c>host</c> is reserved.</remarks>
    public static bool IsValidFunctionName(string name) =>
        FunctionNamePattern().IsMatch(name) && !string.Equals(name, "host", StringComparison.OrdinalIgnoreCase);

    private static List<FunctionFolder> FindFunctions(string appRoot, HandlerLayout handler, List<string> problems)
    {
        var functionsRoot = Path.Combine(appRoot, FunctionsFolder);
        var found = new List<FunctionFolder>();
        if (!Directory.Exists(functionsRoot))
        {
            problems.Add($"No '{FunctionsFolder}' folder in the app root '{appRoot}'.");
            return found;
        }

        var handlerTopFolder = handler.Folder.Split('/')[0];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in Directory.EnumerateDirectories(functionsRoot).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var functionJsonPath = Path.Combine(folder, FunctionJson);
            var hasFunctionJson = File.Exists(functionJsonPath);
            if (!FunctionNamePattern().IsMatch(name))
            {
                // Not a function folder (e.g. the handler project GiamNgheo.Functions) unless it claims to be one.
                if (hasFunctionJson)
                {
                    problems.Add($"{FunctionsFolder}/{name}: '{name}' is not a valid function name (^[a-z][a-z0-9_\\-]{{0,127}}$), but the folder has a function.json.");
                }

                continue;
            }

            if (string.Equals(name, "host", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{FunctionsFolder}/{name}: 'host' is reserved and cannot be a function name.");
                continue;
            }

            if (!hasFunctionJson)
            {
                problems.Add($"{FunctionsFolder}/{name}: the function folder has no function.json.");
                continue;
            }

            if (!seen.Add(name))
            {
                problems.Add($"{FunctionsFolder}/{name}: two function folders differ only in case; function names are case-insensitive.");
                continue;
            }

            if (string.Equals(name, handlerTopFolder, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{FunctionsFolder}/{name}: the function name is the same as the handler folder '{handlerTopFolder}' from host.json.");
                continue;
            }

            var problemCount = problems.Count;
            ValidateFunctionJson(name, functionJsonPath, problems);
            if (problems.Count == problemCount)
            {
                found.Add(new FunctionFolder(name, functionJsonPath));
            }
        }

        if (found.Count == 0 && problems.Count == 0)
        {
            problems.Add($"No function folders (with a function.json) under '{functionsRoot}'.");
        }

        return found;
    }

    private static void ValidateFunctionJson(string name, string path, List<string> problems)
    {
        var where = $"{FunctionsFolder}/{name}/{FunctionJson}";
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), JsonOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("bindings", out var bindings)
                || bindings.ValueKind != JsonValueKind.Array
                || bindings.GetArrayLength() == 0)
            {
                problems.Add($"{where}: needs a non-empty \"bindings\" array.");
                return;
            }

            var triggers = 0;
            foreach (var binding in bindings.EnumerateArray())
            {
                var type = binding.ValueKind == JsonValueKind.Object && binding.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                    ? t.GetString()
                    : null;
                var bindingName = binding.ValueKind == JsonValueKind.Object && binding.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                    ? n.GetString()
                    : null;
                if (string.IsNullOrEmpty(type))
                {
                    problems.Add($"{where}: a binding has no \"type\".");
                    continue;
                }

                if (type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
                {
                    triggers++;
                }

                // Host rule: letters and digits only, starting with a letter, at most 128; or exactly $return.
                if (bindingName is null || !(bindingName == "$return" || BindingNamePattern().IsMatch(bindingName)))
                {
                    problems.Add($"{where}: binding of type '{type}' has name '{bindingName}'; names must be letters and digits starting with a letter, or '$return'.");
                }
            }

            if (triggers != 1)
            {
                problems.Add($"{where}: a function needs exactly one trigger binding, found {triggers}.");
            }
        }
        catch (JsonException e)
        {
            problems.Add($"{where}: not valid JSON: {e.Message}");
        }
    }

    private static List<HandlerFile> FindHandlerFiles(string publishDir, HandlerLayout handler, string outputZip, List<string> problems)
    {
        var files = new List<HandlerFile>();
        if (!Directory.Exists(publishDir))
        {
            problems.Add($"The publish folder '{publishDir}' does not exist; run dotnet publish first.");
            return files;
        }

        var executable = Path.Combine(publishDir, handler.ExecutableName);
        if (!File.Exists(executable))
        {
            problems.Add(
                $"The handler executable '{handler.ExecutableName}' (host.json defaultExecutablePath '{handler.ExecutableEntryName}') " +
                $"is not in the publish folder '{publishDir}'. Publish the handler self-contained for linux-x64 with that assembly name.");
        }

        var publishPrefix = Path.TrimEndingDirectorySeparator(publishDir) + Path.DirectorySeparatorChar;
        if (outputZip.StartsWith(publishPrefix, StringComparison.Ordinal))
        {
            problems.Add($"The output zip '{outputZip}' is inside the publish folder; it would package itself.");
        }

        foreach (var path in Directory.EnumerateFiles(publishDir, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(publishDir, path).Replace(Path.DirectorySeparatorChar, '/');
            files.Add(new HandlerFile(relative, path));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));

        if (handler.WorkingDirectory is { } wd && wd != handler.Folder && !wd.StartsWith(handler.Folder + "/", StringComparison.Ordinal))
        {
            problems.Add($"host.json workingDirectory '{wd}' is not the handler folder '{handler.Folder}' or a folder inside it.");
        }
        else if (handler.WorkingDirectory is { } sub && sub != handler.Folder)
        {
            var inside = sub[(handler.Folder.Length + 1)..];
            if (!Directory.Exists(Path.Combine(publishDir, inside.Replace('/', Path.DirectorySeparatorChar))))
            {
                problems.Add($"host.json workingDirectory '{sub}' does not exist in the publish folder.");
            }
        }

        return files;
    }

    private static void WriteZip(string outputZip, List<PackageEntry> entries)
    {
        var directory = Path.GetDirectoryName(outputZip);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = outputZip + ".partial";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
            {
                using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var entry in entries)
                    {
                        var zipEntry = archive.CreateEntry(entry.Name, CompressionLevel.Optimal);
                        zipEntry.LastWriteTime = EntryTimestamp;
                        zipEntry.ExternalAttributes = entry.Mode << 16;
                        using var target = zipEntry.Open();
                        using var source = File.OpenRead(entry.SourcePath);
                        source.CopyTo(target);
                    }
                }

                ZipUnixAttributes.MarkAllEntriesMadeByUnix(stream);
            }

            File.Move(temporary, outputZip, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Splits a host.json relative path into segments; sets <paramref name="problem"/> when it is not a plain relative path.</summary>
    private static string[] SplitRelativePath(string path, out string? problem)
    {
        problem = null;
        var normalized = path.Trim().Replace('\\', '/');
        if (normalized.StartsWith('/') || Path.IsPathRooted(normalized) || normalized.Contains(':', StringComparison.Ordinal))
        {
            problem = "must be relative to the app root";
            return [];
        }

        var segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Contains(".."))
        {
            problem = "must not contain '..'";
            return [];
        }

        if (segments.Length == 0)
        {
            problem = "is empty";
        }

        return segments;
    }

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

    [GeneratedRegex(@"^[a-z][a-z0-9_\-]{0,127}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FunctionNamePattern();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex BindingNamePattern();

    private sealed record FunctionFolder(string Name, string FunctionJsonPath);

    private sealed record HandlerFile(string RelativePath, string FullPath);

    private sealed record PackageEntry(string Name, string SourcePath, int Mode);
}
