using System.Text.Json;

namespace GiamNgheo.Functions.HostProtocol;

/// <summary>How queue messages are encoded on the wire (host.json <c>extensions.queues.messageEncoding</c>).</summary>
public enum QueueMessageWireEncoding
{
    /// <summary>Message text is base64 of the UTF-8 payload (the host's default).</summary>
    Base64,

    /// <summary>Message text is the payload itself.</summary>
    None,
}

/// <summary>host.json <c>customHandler</c>: how the host starts the handler and whether HTTP is forwarded.</summary>
public sealed class CustomHandlerDefinition
{
    /// <summary><c>description.defaultExecutablePath</c>, relative to the app root.</summary>
    public string? DefaultExecutablePath { get; init; }

    /// <summary><c>description.workingDirectory</c>, relative to the app root.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary><c>description.arguments</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary><c>enableForwardingHttpRequest</c>: pure HTTP functions receive the original request instead of a JSON payload.</summary>
    public bool EnableForwardingHttpRequest { get; init; }
}

/// <summary>host.json <c>extensionBundle</c>.</summary>
/// <param name="Id">Bundle id, e.g. <c>Microsoft.Azure.Functions.ExtensionBundle</c>.</param>
/// <param name="Version">Version range, e.g. <c>[4.*, 5.0.0)</c>.</param>
public sealed record ExtensionBundleDefinition(string? Id, string? Version);

/// <summary>host.json <c>extensions.queues</c>, with the host's defaults for missing keys; the blob trigger's retries follow it too.</summary>
public sealed class QueuesDefinition
{
    /// <summary>Wire encoding of messages; default base64.</summary>
    public QueueMessageWireEncoding MessageEncoding { get; init; } = QueueMessageWireEncoding.Base64;

    /// <summary>Failed deliveries after which a message (or blob) is poisoned; default 5.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>Delay before a failed message is visible again; default zero.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Messages fetched and processed in parallel per queue; default 16.</summary>
    public int BatchSize { get; init; } = 16;
}

/// <summary>host.json <c>extensions.blobs</c>.</summary>
public sealed class BlobsDefinition
{
    /// <summary>Blob trigger invocations running at once; the host's default is 8 per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; } = 8 * Environment.ProcessorCount;
}

/// <summary>
/// A function app as the Functions host sees it: host.json plus one folder per function with a function.json.
/// Read from the repository layout (host.json at the root, function folders under <c>functions/</c>) or the deployed layout
/// (function folders next to host.json).
/// </summary>
public sealed class FunctionAppDefinition
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Folder holding host.json.</summary>
    public required string AppRoot { get; init; }

    /// <summary>host.json <c>version</c> (must be <c>2.0</c>).</summary>
    public string? Version { get; init; }

    /// <summary>host.json <c>functionTimeout</c>; <see langword="null"/> when unset, <see cref="Timeout.InfiniteTimeSpan"/> for <c>-1</c>.</summary>
    public TimeSpan? FunctionTimeout { get; init; }

    /// <summary>host.json <c>customHandler</c>; <see langword="null"/> when the section is missing.</summary>
    public CustomHandlerDefinition? CustomHandler { get; init; }

    /// <summary>host.json <c>extensionBundle</c>; <see langword="null"/> when missing.</summary>
    public ExtensionBundleDefinition? ExtensionBundle { get; init; }

    /// <summary>host.json <c>extensions.http.routePrefix</c>; default <c>api</c>.</summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary>host.json <c>extensions.queues</c>.</summary>
    public QueuesDefinition Queues { get; init; } = new();

    /// <summary>host.json <c>extensions.blobs</c>.</summary>
    public BlobsDefinition Blobs { get; init; } = new();

    /// <summary>Every function found, ordered by name.</summary>
    public required IReadOnlyList<FunctionDefinition> Functions { get; init; }

    /// <summary>Reads host.json and every <c>*/function.json</c> under <c>functions/</c> and next to host.json.</summary>
    /// <param name="appRoot">Folder holding host.json.</param>
    /// <exception cref="FunctionAppDefinitionException">A file is missing, not JSON, or has a value of the wrong kind, or two folders define the same function.</exception>
    public static FunctionAppDefinition Load(string appRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(appRoot);
        appRoot = Path.GetFullPath(appRoot);
        var hostFile = Path.Combine(appRoot, "host.json");
        if (!File.Exists(hostFile))
            throw new FunctionAppDefinitionException($"{hostFile} does not exist.");

        using var document = ParseFile(hostFile);
        var host = document.RootElement;
        if (host.ValueKind != JsonValueKind.Object)
            throw new FunctionAppDefinitionException($"{hostFile}: expected a JSON object.");

        try
        {
            return new FunctionAppDefinition
            {
                AppRoot = appRoot,
                Version = Text(host, "version"),
                FunctionTimeout = At(host, "functionTimeout") is { } timeout ? JsonValues.Duration(timeout) : null,
                CustomHandler = ReadCustomHandler(host),
                ExtensionBundle = At(host, "extensionBundle") is { } bundle ? new ExtensionBundleDefinition(Text(bundle, "id"), Text(bundle, "version")) : null,
                RoutePrefix = At(host, "extensions", "http") is { } http && Text(http, "routePrefix") is { } prefix ? prefix : "api",
                Queues = ReadQueues(At(host, "extensions", "queues")),
                Blobs = ReadBlobs(At(host, "extensions", "blobs")),
                Functions = LoadFunctions(appRoot),
            };
        }
        catch (FormatException e)
        {
            throw new FunctionAppDefinitionException($"{hostFile}: {e.Message}.", e);
        }
    }

    /// <summary>The function with this name (ignoring case, as function names are), or <see langword="null"/>.</summary>
    /// <param name="name">Function (folder) name.</param>
    public FunctionDefinition? FindFunction(string name) =>
        Functions.FirstOrDefault(function => string.Equals(function.Name, name, StringComparison.OrdinalIgnoreCase));

    internal static JsonDocument ParseFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FunctionAppDefinitionException($"{path} is not valid JSON: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new FunctionAppDefinitionException($"{path} cannot be read: {e.Message}", e);
        }
    }

    private static FunctionDefinition[] LoadFunctions(string appRoot)
    {
        // Repository layout keeps function folders under functions/; a deployed package has them next to host.json.
        var candidates = new[] { Path.Combine(appRoot, "functions"), appRoot }
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Select(folder => Path.Combine(folder, "function.json"))
            .Where(File.Exists);

        var functions = new Dictionary<string, FunctionDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in candidates)
        {
            var function = FunctionDefinition.Load(file);
            if (!functions.TryAdd(function.Name, function))
                throw new FunctionAppDefinitionException($"Function '{function.Name}' is defined twice: {functions[function.Name].FilePath} and {file}.");
        }

        return [.. functions.Values.OrderBy(function => function.Name, StringComparer.Ordinal)];
    }

    private static CustomHandlerDefinition? ReadCustomHandler(JsonElement host)
    {
        if (At(host, "customHandler") is not { } section)
            return null;

        var description = At(section, "description");
        return new CustomHandlerDefinition
        {
            DefaultExecutablePath = description is { } d1 ? Text(d1, "defaultExecutablePath") : null,
            WorkingDirectory = description is { } d2 ? Text(d2, "workingDirectory") : null,
            Arguments = description is { } d3 && At(d3, "arguments") is { ValueKind: JsonValueKind.Array } arguments
                ? [.. arguments.EnumerateArray().Select(argument => JsonValues.ScalarText(argument) ?? "")]
                : [],
            EnableForwardingHttpRequest = At(section, "enableForwardingHttpRequest") is { } forwarding && (JsonValues.Boolean(forwarding) ?? false),
        };
    }

    private static QueuesDefinition ReadQueues(JsonElement? section)
    {
        var defaults = new QueuesDefinition();
        if (section is not { } queues)
            return defaults;

        return new QueuesDefinition
        {
            MessageEncoding = Text(queues, "messageEncoding") switch
            {
                null => defaults.MessageEncoding,
                var text when text.Equals("base64", StringComparison.OrdinalIgnoreCase) => QueueMessageWireEncoding.Base64,
                var text when text.Equals("none", StringComparison.OrdinalIgnoreCase) => QueueMessageWireEncoding.None,
                var text => throw new FormatException($"extensions.queues.messageEncoding '{text}' is neither 'base64' nor 'none'"),
            },
            MaxDequeueCount = Positive(queues, "maxDequeueCount") ?? defaults.MaxDequeueCount,
            VisibilityTimeout = At(queues, "visibilityTimeout") is { } visibility ? JsonValues.Duration(visibility) ?? defaults.VisibilityTimeout : defaults.VisibilityTimeout,
            BatchSize = Positive(queues, "batchSize") ?? defaults.BatchSize,
        };
    }

    private static BlobsDefinition ReadBlobs(JsonElement? section) =>
        section is { } blobs && Positive(blobs, "maxDegreeOfParallelism") is { } parallelism
            ? new BlobsDefinition { MaxDegreeOfParallelism = parallelism }
            : new BlobsDefinition();

    private static int? Positive(JsonElement section, string key)
    {
        if (At(section, key) is not { } value || JsonValues.Integer(value) is not { } number)
            return null;

        return number is > 0 and <= int.MaxValue ? (int)number : throw new FormatException($"{key} must be a positive whole number, not {number}");
    }

    private static JsonElement? At(JsonElement element, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
        {
            if (!JsonValues.TryGetProperty(element, key, out element) || element.ValueKind == JsonValueKind.Null)
                return null;
        }

        return element;
    }

    private static string? Text(JsonElement element, string key) => At(element, key) is { } value ? JsonValues.ScalarText(value) : null;
}
