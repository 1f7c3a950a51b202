using System.Text.Json;

namespace GiamNgheo.Functions.HostProtocol;

/// <summary>One entry of a function.json <c>bindings</c> array, with the fields this app uses.</summary>
public sealed class BindingDefinition
{
    /// <summary>Binding type, e.g. <c>httpTrigger</c>, <c>http</c>, <c>blobTrigger</c>, <c>queueTrigger</c>, <c>timerTrigger</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>in</c>, <c>out</c> or <c>inout</c>.</summary>
    public required string Direction { get; init; }

    /// <summary>Binding name: the key under <c>Data</c> (triggers) or <c>Outputs</c>; <c>$return</c> for the return value.</summary>
    public required string Name { get; init; }

    /// <summary>HTTP trigger authorization level (<c>anonymous</c>, <c>function</c>, <c>admin</c>).</summary>
    public string? AuthLevel { get; init; }

    /// <summary>HTTP trigger methods; empty means every method.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>HTTP trigger route template, without the host.json route prefix.</summary>
    public string? Route { get; init; }

    /// <summary>Blob path pattern: container, then a blob name pattern with <c>{token}</c> parts.</summary>
    public string? Path { get; init; }

    /// <summary>Queue name of a queue trigger or output.</summary>
    public string? QueueName { get; init; }

    /// <summary>Timer schedule: a six-field NCRONTAB expression (seconds first), five fields, or a TimeSpan.</summary>
    public string? Schedule { get; init; }

    /// <summary>Timer: also fire once when the host starts.</summary>
    public bool RunOnStartup { get; init; }

    /// <summary>Timer: persist the schedule status so missed occurrences fire after a restart; <see langword="null"/> leaves the host's default.</summary>
    public bool? UseMonitor { get; init; }

    /// <summary><c>binary</c>, <c>string</c> or <c>stream</c>; decides whether the trigger value arrives as base64 bytes or as text.</summary>
    public string? DataType { get; init; }

    /// <summary>Name of the app setting (prefix) holding the storage connection.</summary>
    public string? Connection { get; init; }

    /// <summary>Blob trigger source: <c>LogsAndContainerScan</c> (default) or <c>EventGrid</c>.</summary>
    public string? Source { get; init; }

    /// <summary>Whether this binding starts the function (its type ends with <c>Trigger</c>, as the host decides).</summary>
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the binding is an input (or in/out) binding.</summary>
    public bool IsInput => Direction.Equals("in", StringComparison.OrdinalIgnoreCase) || Direction.Equals("inout", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the binding is an output (or in/out) binding.</summary>
    public bool IsOutput => Direction.Equals("out", StringComparison.OrdinalIgnoreCase) || Direction.Equals("inout", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the trigger value is delivered as bytes (base64 in the invocation payload).</summary>
    public bool IsBinary => string.Equals(DataType, "binary", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="Type"/> equals <paramref name="type"/>, ignoring case as the host does.</summary>
    /// <param name="type">A binding type such as <c>queueTrigger</c>.</param>
    public bool HasType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    internal static BindingDefinition Parse(JsonElement element, string file, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new FunctionAppDefinitionException($"{file}: bindings[{index}] is {JsonValues.Describe(element.ValueKind)}, expected an object.");

        string? Text(string key) => Read(element, key, file, index, JsonValues.ScalarText);

        return new BindingDefinition
        {
            Type = Text("type") ?? throw new FunctionAppDefinitionException($"{file}: bindings[{index}] has no \"type\"."),
            Direction = Text("direction") ?? throw new FunctionAppDefinitionException($"{file}: bindings[{index}] has no \"direction\"."),
            Name = Text("name") ?? throw new FunctionAppDefinitionException($"{file}: bindings[{index}] has no \"name\"."),
            AuthLevel = Text("authLevel"),
            Methods = ReadMethods(element, file, index),
            Route = Text("route"),
            Path = Text("path"),
            QueueName = Text("queueName"),
            Schedule = Text("schedule"),
            RunOnStartup = Read(element, "runOnStartup", file, index, JsonValues.Boolean) ?? false,
            UseMonitor = Read(element, "useMonitor", file, index, JsonValues.Boolean),
            DataType = Text("dataType"),
            Connection = Text("connection"),
            Source = Text("source"),
        };
    }

    private static T? Read<T>(JsonElement element, string key, string file, int index, Func<JsonElement, T?> read)
    {
        if (!JsonValues.TryGetProperty(element, key, out var value))
            return default;

        try
        {
            return read(value);
        }
        catch (FormatException e)
        {
            throw new FunctionAppDefinitionException($"{file}: bindings[{index}].{key}: {e.Message}.", e);
        }
    }

    private static string[] ReadMethods(JsonElement element, string file, int index)
    {
        if (!JsonValues.TryGetProperty(element, "methods", out var methods) || methods.ValueKind == JsonValueKind.Null)
            return [];

        if (methods.ValueKind != JsonValueKind.Array)
            throw new FunctionAppDefinitionException($"{file}: bindings[{index}].methods is {JsonValues.Describe(methods.ValueKind)}, expected an array of strings.");

        return [.. methods.EnumerateArray().Select(method => method.ValueKind == JsonValueKind.String
            ? method.GetString()!
            : throw new FunctionAppDefinitionException($"{file}: bindings[{index}].methods contains {JsonValues.Describe(method.ValueKind)}, expected strings."))];
    }
}
