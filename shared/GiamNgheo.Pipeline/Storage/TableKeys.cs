using System.Text;

namespace GiamNgheo.Pipeline.Storage;

/// <summary>Makes arbitrary text safe inside a table PartitionKey or RowKey.</summary>
/// <remarks>Keys may not contain '/', '\', '#', '?' or control characters; household codes are typed by officers and may.
/// Escaping is reversible and keeps ordinary codes unchanged, so keys stay readable in Storage Explorer.</remarks>
public static class TableKeys
{
    /// <summary>Escapes the characters keys may not hold (and '%' itself) as %XX of their UTF-8 bytes.</summary>
    public static string Escape(string value)
    {
        if (!value.Any(NeedsEscape))
            return value;
        var builder = new StringBuilder(value.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (!rune.IsBmp || !NeedsEscape((char)rune.Value))
            {
                builder.Append(rune.ToString());
                continue;
            }

            var n = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < n; i++)
                builder.Append('%').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>The smallest key greater than every key that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>An OData filter for the rows of one partition whose RowKey starts with a prefix.</summary>
    public static string PrefixFilter(string partitionKey, string rowKeyPrefix) =>
        $"PartitionKey eq '{Quote(partitionKey)}' and RowKey ge '{Quote(rowKeyPrefix)}' and RowKey lt '{Quote(PrefixEnd(rowKeyPrefix))}'";

    /// <summary>Doubles single quotes for an OData string literal.</summary>
    public static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
