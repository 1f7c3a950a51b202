using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GiamNgheo.Functions.LocalHost;

/// <summary>
/// Writes values the way the Functions host puts them into an invocation payload: every scalar goes through
/// <c>JsonConvert.SerializeObject</c>, so a string becomes a JSON string holding a JSON string literal and a number
/// becomes a JSON string holding its digits; dates are ISO 8601 at second precision.
/// </summary>
internal static class HostPayloadWriter
{
    /// <summary>Writes <paramref name="value"/> encoded twice: <c>"name": "\"value\""</c>.</summary>
    public static void WriteEncodedString(Utf8JsonWriter writer, string name, string value) =>
        writer.WriteString(name, Quote(value));

    /// <summary>Writes a number the host way: <c>"name": "1"</c>.</summary>
    public static void WriteEncodedNumber(Utf8JsonWriter writer, string name, long value) =>
        writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes a date as the host does after its round trip through <c>ToString()</c>: UTC, whole seconds.</summary>
    public static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset value) =>
        writer.WriteString(name, value.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture));

    /// <summary>Writes <c>sys</c>: <c>MethodName</c>, <c>UtcNow</c>, <c>RandGuid</c>.</summary>
    public static void WriteSys(Utf8JsonWriter writer, string functionName, DateTimeOffset utcNow)
    {
        writer.WriteStartObject("sys");
        writer.WriteString("MethodName", functionName);
        writer.WriteString("UtcNow", utcNow.UtcDateTime);
        writer.WriteString("RandGuid", Guid.NewGuid().ToString());
        writer.WriteEndObject();
    }

    /// <summary>A JSON string literal of <paramref name="value"/>, escaping only what JSON requires (as Newtonsoft does).</summary>
    public static string Quote(string value) =>
        string.Concat("\"", JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value, "\"");
}
