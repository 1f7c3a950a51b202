using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GiamNgheo.Functions.HostProtocol;

/// <summary>Lenient readers for JSON written by the Functions host (Newtonsoft, case-insensitive binding, values sometimes encoded twice).</summary>
internal static class JsonValues
{
    /// <summary>Finds a property by exact name first, then ignoring case, as the host binds its JSON case-insensitively.</summary>
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty(name, out value))
                return true;

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

    /// <summary>
    /// Removes one level of JSON string encoding when <paramref name="text"/> is itself a JSON string literal
    /// (the host's <c>JsonConvert.SerializeObject(string)</c>); any other text is returned unchanged, which keeps the docs' plain values working.
    /// </summary>
    public static string UnwrapJsonString(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
            return text;

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            if (reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                var inner = reader.GetString();
                if (inner is not null && !reader.Read())
                    return inner;
            }
        }
        catch (JsonException)
        {
            // Text such as "a" and "b" starts and ends with a quote without being one literal: keep it as sent.
        }

        return text;
    }

    /// <summary>The text of a string, number or boolean, unwrapped once; <see langword="null"/> for JSON null.</summary>
    public static string? ScalarText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => UnwrapJsonString(element.GetString()!),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => throw new FormatException($"expected a string, number or boolean but found {Describe(element.ValueKind)}"),
    };

    /// <summary>Reads an integer written as a number, as the string "5" or as the twice-encoded "\"5\"".</summary>
    public static long? Integer(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number)
            return element.TryGetInt64(out var number) ? number : throw new FormatException($"{element.GetRawText()} is not a whole number");

        var text = ScalarText(element);
        if (text is null)
            return null;

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"'{text}' is not a whole number");
    }

    /// <summary>Reads a boolean written as true/false or as a string ("true"), as configuration binding accepts both.</summary>
    public static bool? Boolean(JsonElement element)
    {
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return element.GetBoolean();

        var text = ScalarText(element);
        if (text is null)
            return null;

        return bool.TryParse(text, out var parsed) ? parsed : throw new FormatException($"'{text}' is not true or false");
    }

    /// <summary>Reads a date in ISO 8601 (or the invariant culture's general format); a date without offset is taken as UTC, as the host works in UTC.</summary>
    public static DateTimeOffset? Date(JsonElement element)
    {
        var text = ScalarText(element);
        if (text is null)
            return null;

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw new FormatException($"'{text}' is not a date");
    }

    /// <summary>Reads a TimeSpan such as "00:00:10"; "-1" (the host's "unbounded") reads as <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static TimeSpan? Duration(JsonElement element)
    {
        var text = ScalarText(element);
        if (text is null)
            return null;

        if (text.Trim() == "-1")
            return Timeout.InfiniteTimeSpan;

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"'{text}' is not a duration (hh:mm:ss)");
    }

    /// <summary>An English name for a JSON value kind, for error messages.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
