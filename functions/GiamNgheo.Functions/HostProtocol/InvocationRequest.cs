using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace GiamNgheo.Functions.HostProtocol;

/// <summary>
/// The host's invocation request <c>{"Data": {...}, "Metadata": {...}}</c> for a non-HTTP trigger.
/// Accessors follow the host's encoding: strings arrive JSON-encoded a second time, numbers as strings, bytes as base64,
/// objects as objects. They also accept the plain values the docs show. A missing or JSON-null value reads as
/// <see langword="null"/>; a value of the wrong shape throws <see cref="InvocationPayloadException"/>.
/// Valid until the response completes (the parsed document is disposed with the request).
/// </summary>
public sealed class InvocationRequest : IDisposable
{
    /// <summary>Header the host sets to the invocation id.</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private readonly JsonDocument _document;
    private readonly JsonElement? _data;
    private readonly JsonElement? _metadata;

    private InvocationRequest(JsonDocument document, JsonElement? data, JsonElement? metadata, string? invocationId, RetryContext? retry)
    {
        _document = document;
        _data = data;
        _metadata = metadata;
        InvocationId = invocationId;
        Retry = retry;
    }

    /// <summary>The <c>X-Azure-Functions-InvocationId</c> header, or <see langword="null"/> when absent.</summary>
    public string? InvocationId { get; }

    /// <summary><c>Metadata.RetryContext</c>, or <see langword="null"/> when no retry policy applies.</summary>
    public RetryContext? Retry { get; }

    /// <summary>
    /// Parses the request body straight from the stream (a 40 MB base64 blob payload is read once, not copied into a string).
    /// The result is disposed when the response completes.
    /// </summary>
    /// <param name="request">The host's POST to <c>/{FunctionName}</c>.</param>
    /// <param name="ct">Request cancellation.</param>
    /// <exception cref="InvocationPayloadException">The body is not a JSON object, or Data/Metadata/RetryContext have the wrong shape.</exception>
    public static async Task<InvocationRequest> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, DocumentOptions, ct);
        }
        catch (JsonException e)
        {
            throw new InvocationPayloadException($"The invocation body is not valid JSON: {e.Message}", e);
        }

        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvocationPayloadException($"The invocation body is {JsonValues.Describe(root.ValueKind)}, expected an object with Data and Metadata.");

            var data = Section(root, "Data");
            var metadata = Section(root, "Metadata");
            var retry = ReadRetry(metadata);
            var invocationId = request.Headers.TryGetValue(InvocationIdHeader, out var header) && !string.IsNullOrEmpty(header) ? header.ToString() : null;

            var invocation = new InvocationRequest(document, data, metadata, invocationId, retry);
            request.HttpContext.Response.RegisterForDispose(invocation);
            return invocation;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary><c>Data.&lt;name&gt;</c> as text: a twice-encoded string is decoded once more; numbers and booleans give their JSON text; objects their raw JSON.</summary>
    /// <param name="name">Binding name from function.json.</param>
    public string? DataString(string name) => Text(_data, name);

    /// <summary><c>Data.&lt;name&gt;</c> as text; throws when missing.</summary>
    /// <param name="name">Binding name from function.json.</param>
    public string RequiredDataString(string name) => DataString(name) ?? throw Missing("Data", name);

    /// <summary><c>Data.&lt;name&gt;</c> decoded from base64 (a binary blob or queue message); a JSON-quoted base64 string is accepted too.</summary>
    /// <param name="name">Binding name from function.json.</param>
    public byte[]? DataBytes(string name)
    {
        if (Value(_data, name) is not { } value)
            return null;

        if (value.ValueKind != JsonValueKind.String)
            throw Malformed("Data", name, $"is {JsonValues.Describe(value.ValueKind)}, expected a base64 string");

        if (value.TryGetBytesFromBase64(out var bytes))
            return bytes;

        var unwrapped = JsonValues.UnwrapJsonString(value.GetString()!);
        try
        {
            return Convert.FromBase64String(unwrapped);
        }
        catch (FormatException e)
        {
            throw new InvocationPayloadException($"Data.{name} is not base64; check that its function.json binding has \"dataType\": \"binary\".", e);
        }
    }

    /// <summary><c>Data.&lt;name&gt;</c> as bytes; throws when missing.</summary>
    /// <param name="name">Binding name from function.json.</param>
    public byte[] RequiredDataBytes(string name) => DataBytes(name) ?? throw Missing("Data", name);

    /// <summary><c>Data.&lt;name&gt;</c> as a JSON object or array (a POCO such as TimerInfo); a string holding JSON is parsed.</summary>
    /// <param name="name">Binding name from function.json.</param>
    public JsonElement? DataObject(string name) => Structured(_data, "Data", name);

    /// <summary><c>Data.&lt;name&gt;</c> as a timer trigger value.</summary>
    /// <param name="name">Binding name from function.json.</param>
    public TimerInfoPayload? DataTimer(string name)
    {
        if (Value(_data, name) is not { } value)
            return null;

        try
        {
            return TimerInfoPayload.FromJson(value);
        }
        catch (FormatException e)
        {
            throw Malformed("Data", name, e.Message, e);
        }
    }

    /// <summary><c>Metadata.&lt;key&gt;</c> as text (e.g. a queue message <c>Id</c> or a blob path token).</summary>
    /// <param name="key">Metadata key, e.g. <c>Id</c> or <c>communeCode</c>.</param>
    public string? MetadataString(string key) => Text(_metadata, key);

    /// <summary><c>Metadata.&lt;key&gt;</c> as text; throws when missing.</summary>
    /// <param name="key">Metadata key.</param>
    public string RequiredMetadataString(string key) => MetadataString(key) ?? throw Missing("Metadata", key);

    /// <summary><c>Metadata.&lt;key&gt;</c> as an integer written as a number, <c>"1"</c> or <c>"\"1\""</c> (e.g. <c>DequeueCount</c>).</summary>
    /// <param name="key">Metadata key.</param>
    public long? MetadataInteger(string key) => Read(_metadata, "Metadata", key, JsonValues.Integer);

    /// <summary><c>Metadata.&lt;key&gt;</c> as an integer; throws when missing.</summary>
    /// <param name="key">Metadata key.</param>
    public long RequiredMetadataInteger(string key) => MetadataInteger(key) ?? throw Missing("Metadata", key);

    /// <summary><c>Metadata.&lt;key&gt;</c> as a date (ISO 8601, second precision from the host; no offset means UTC).</summary>
    /// <param name="key">Metadata key, e.g. <c>InsertionTime</c>.</param>
    public DateTimeOffset? MetadataDate(string key) => Read(_metadata, "Metadata", key, JsonValues.Date);

    /// <summary><c>Metadata.&lt;key&gt;</c> as a JSON object (e.g. blob <c>Properties</c>, <c>Metadata</c>, <c>sys</c>).</summary>
    /// <param name="key">Metadata key.</param>
    public JsonElement? MetadataObject(string key) => Structured(_metadata, "Metadata", key);

    /// <summary>Releases the parsed document.</summary>
    public void Dispose() => _document.Dispose();

    private static JsonElement? Section(JsonElement root, string name)
    {
        if (!JsonValues.TryGetProperty(root, name, out var section) || section.ValueKind == JsonValueKind.Null)
            return null;

        return section.ValueKind == JsonValueKind.Object
            ? section
            : throw new InvocationPayloadException($"{name} is {JsonValues.Describe(section.ValueKind)}, expected an object.");
    }

    private static RetryContext? ReadRetry(JsonElement? metadata)
    {
        if (Value(metadata, "RetryContext") is not { } value)
            return null;

        try
        {
            if (value.ValueKind != JsonValueKind.String)
                return RetryContext.FromJson(value);

            using var inner = JsonDocument.Parse(JsonValues.UnwrapJsonString(value.GetString()!));
            return RetryContext.FromJson(inner.RootElement);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw Malformed("Metadata", "RetryContext", e.Message, e);
        }
    }

    private static JsonElement? Value(JsonElement? section, string name) =>
        section is { } s && JsonValues.TryGetProperty(s, name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement? section, string name)
    {
        if (Value(section, name) is not { } value)
            return null;

        return value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? value.GetRawText() : JsonValues.ScalarText(value);
    }

    private static T? Read<T>(JsonElement? section, string sectionName, string name, Func<JsonElement, T?> read)
        where T : struct
    {
        if (Value(section, name) is not { } value)
            return null;

        try
        {
            return read(value);
        }
        catch (FormatException e)
        {
            throw Malformed(sectionName, name, e.Message, e);
        }
    }

    private static JsonElement? Structured(JsonElement? section, string sectionName, string name)
    {
        if (Value(section, name) is not { } value)
            return null;

        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            return value;

        if (value.ValueKind != JsonValueKind.String)
            throw Malformed(sectionName, name, $"is {JsonValues.Describe(value.ValueKind)}, expected an object");

        try
        {
            using var inner = JsonDocument.Parse(JsonValues.UnwrapJsonString(value.GetString()!));
            return inner.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                ? inner.RootElement.Clone()
                : throw Malformed(sectionName, name, "is a string that does not hold a JSON object");
        }
        catch (JsonException e)
        {
            throw Malformed(sectionName, name, "is a string that is not JSON", e);
        }
    }

    private static InvocationPayloadException Missing(string section, string name) =>
        new($"{section}.{name} is missing from the invocation payload.");

    private static InvocationPayloadException Malformed(string section, string name, string problem, Exception? inner = null) =>
        inner is null ? new($"{section}.{name} {problem}.") : new($"{section}.{name}: {problem}.", inner);
}
