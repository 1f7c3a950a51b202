using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GiamNgheo.Notifications;

/// <summary>Table keys, blob names and message ids derived from a message's (Source, Key).</summary>
internal static class OutboxKeys
{
    /// <summary>Table keys are limited to 1 KiB; escaped sources and keys stay well under it.</summary>
    public const int MaxEscapedLength = 400;

    /// <summary>Escapes what table keys may not hold ('/', '\', '#', '?', control characters) and '%' itself as %XX of their
    /// UTF-8 bytes: reversible, and ordinary ids ("thanh-liem-2021", "6-thang|phong-y-te|nhac-truoc|7") stay as they are.</summary>
    /// <remarks>The same scheme as the pipeline's table keys, so both read alike in Storage Explorer.</remarks>
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
                builder.Append('%').Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>The escaped partition or row key; throws <see cref="ArgumentException"/> for an empty or too long value.</summary>
    public static string TableKey(string value, string parameterName)
    {
        if (string.IsNullOrEmpty(value))
            throw new ArgumentException($"The message {parameterName} is empty.", parameterName);
        var escaped = Escape(value);
        if (escaped.Length > MaxEscapedLength)
            throw new ArgumentException($"The message {parameterName} is longer than {MaxEscapedLength} characters once escaped for a table key.", parameterName);
        return escaped;
    }

    /// <summary>A stable id for (Source, Key): the local part of the MIME Message-Id and the webhook's message id.</summary>
    /// <remarks>Hashed because sources and keys may hold characters a Message-Id may not; 128 bits never collide in practice.</remarks>
    public static string StableId(string source, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + key));
        return "gn-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>Doubles single quotes for an OData string literal.</summary>
    public static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
