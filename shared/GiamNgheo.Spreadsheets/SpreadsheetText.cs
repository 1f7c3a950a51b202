using System.Buffers;
using System.Globalization;
using System.Text;

namespace GiamNgheo.Spreadsheets;

/// <summary>Text rules shared by the reader and the writer: XML escaping and SpreadsheetML's <c>_xHHHH_</c> character escapes.</summary>
internal static class SpreadsheetText
{
    // The ASCII characters the writer cannot copy verbatim: markup, CR (a parser would fold it into LF), the underscore
    // that might open an _xHHHH_ escape, and control characters. The others, surrogates (validated pairwise) and U+FFFE and
    // U+FFFF, are found by one range search from U+D800 up: two vectorised searches rather than one over a set of 2,000
    // characters, which was the costliest step of writing Vietnamese text (docs/benchmarks.md, "The Power BI household fact").
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create(BuildSpecials("&<>\r_"));
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create(BuildSpecials("&<>\r_\"\t\n"));

    private static string BuildSpecials(string markup)
    {
        var chars = new List<char>(markup);
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n' or '\r'))
                chars.Add(c);
        }

        return new string(chars.ToArray());
    }

    /// <summary>True when the text begins or ends with a character an XML consumer may treat as insignificant.</summary>
    public static bool HasOuterWhitespace(ReadOnlySpan<char> text) =>
        text.Length > 0 && (IsXmlWhitespace(text[0]) || IsXmlWhitespace(text[^1]));

    private static bool IsXmlWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';

    /// <summary>Writes text as element content (<paramref name="attribute"/> false) or inside a double-quoted attribute.</summary>
    public static void WriteEscaped(TextWriter writer, ReadOnlySpan<char> text, bool attribute)
    {
        foreach (var run in Escape(text, attribute))
        {
            writer.Write(run.Verbatim);
            if (run.Replacement is not null)
                writer.Write(run.Replacement);
        }
    }

    /// <summary>Splits text into the runs an XML writer copies verbatim, each followed by what replaces the character after
    /// it (null when that character is dropped or the text ends); a text that needs nothing is one run.</summary>
    /// <remarks>
    /// Characters XML 1.0 forbids are dropped rather than escaped because no parser would accept them
    /// even as character references; a literal <c>_xHHHH_</c> gets its underscore escaped so Excel does not decode it.
    /// Flagged characters that turn out to need nothing (an underscore opening no escape, a valid surrogate pair) stay in the
    /// verbatim run, so snake_case values are written in one piece. One enumeration serves the text and the UTF-8 writers,
    /// so they cannot escape differently.
    /// </remarks>
    public static EscapedRuns Escape(ReadOnlySpan<char> text, bool attribute) => new(text, attribute ? AttributeSpecials : TextSpecials);

    /// <summary>The runs of <see cref="Escape"/>.</summary>
    public ref struct EscapedRuns(ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _verbatimFrom;
        private int _next;
        private bool _done;

        /// <summary>The current run.</summary>
        public EscapedRun Current { get; private set; }

        /// <summary>Enumerates the runs.</summary>
        public readonly EscapedRuns GetEnumerator() => this;

        /// <summary>Moves to the next run.</summary>
        public bool MoveNext()
        {
            if (_done)
                return false;
            var text = _text;
            var i = _next;
            while (true)
            {
                var next = IndexOfSpecial(text[i..], specials);
                if (next < 0)
                {
                    Current = new EscapedRun(text[_verbatimFrom..], null);
                    _done = true;
                    return true;
                }

                i += next;
                var replacement = text[i] switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    '\r' => "&#13;",
                    '\n' => "&#10;",
                    '\t' => "&#9;",
                    '_' => IsEscapeAt(text, i) ? "_x005F_" : null,
                    _ => null,
                };
                var length = replacement is null && text[i] != '_' ? ValidLengthAt(text, i) : 1;
                if (replacement is null && length > 0)
                {
                    i += length;
                    continue;
                }

                // Escaped, or a character XML cannot carry, which is dropped.
                Current = new EscapedRun(text[_verbatimFrom..i], replacement);
                _verbatimFrom = _next = i + 1;
                return true;
            }
        }
    }

    /// <summary>True when element content can be copied as it is, with no character to escape or drop.</summary>
    /// <remarks>An underscore that opens no <c>_xHHHH_</c> escape needs nothing, so snake_case codes and the explanations
    /// that quote them are still copied in one piece.</remarks>
    public static bool NeedsNoEscaping(ReadOnlySpan<char> text)
    {
        var from = 0;
        while (true)
        {
            var at = IndexOfSpecial(text[from..], TextSpecials);
            if (at < 0)
                return true;
            at += from;
            if (text[at] != '_' || IsEscapeAt(text, at))
                return false;
            from = at + 1;
        }
    }

    private static int IndexOfSpecial(ReadOnlySpan<char> text, SearchValues<char> asciiSpecials)
    {
        var ascii = text.IndexOfAny(asciiSpecials);
        var other = (ascii < 0 ? text : text[..ascii]).IndexOfAnyInRange('\uD800', '\uFFFF');
        return other >= 0 ? other : ascii;
    }

    /// <summary>Text to copy as it is, then the escape that follows it, if any.</summary>
    public readonly ref struct EscapedRun(ReadOnlySpan<char> verbatim, string? replacement)
    {
        /// <summary>Characters that need no escaping.</summary>
        public ReadOnlySpan<char> Verbatim { get; } = verbatim;

        /// <summary>What replaces the character after <see cref="Verbatim"/>; null when it is dropped or the text ended.</summary>
        public string? Replacement { get; } = replacement;
    }

    /// <summary>Returns <paramref name="text"/> without the characters that XML 1.0 cannot carry.</summary>
    public static string RemoveInvalidXmlChars(string text)
    {
        var builder = default(StringBuilder);
        for (var i = 0; i < text.Length;)
        {
            var length = ValidLengthAt(text, i);
            if (length == 0)
                builder ??= new StringBuilder(text.Length).Append(text, 0, i);
            else
                builder?.Append(text, i, length);
            i += Math.Max(length, 1);
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>1 for a valid XML character, 2 for a valid surrogate pair, 0 for a character XML 1.0 forbids.</summary>
    private static int ValidLengthAt(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c < ' ')
            return c is '\t' or '\n' or '\r' ? 1 : 0;
        if (char.IsHighSurrogate(c))
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 0;
        return char.IsLowSurrogate(c) || c >= '\uFFFE' ? 0 : 1;
    }

    /// <summary>Decodes <c>_xHHHH_</c> escapes in place and returns the new length.</summary>
    /// <remarks>Excel writes characters such as CR and control codes this way in cell text, so readers must undo it.</remarks>
    public static int DecodeEscapes(Span<char> text)
    {
        var read = text.IndexOf("_x");
        if (read < 0)
            return text.Length;

        var write = read;
        while (read < text.Length)
        {
            if (text[read] == '_' && IsEscapeAt(text, read))
            {
                text[write++] = (char)ushort.Parse(text.Slice(read + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                read += 7;
            }
            else
            {
                text[write++] = text[read++];
            }
        }

        return write;
    }

    /// <summary>Decodes <c>_xHHHH_</c> escapes, returning the same instance when there are none.</summary>
    public static string DecodeEscapes(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
            return text;
        var chars = text.ToCharArray();
        var length = DecodeEscapes(chars);
        return length == chars.Length ? text : new string(chars, 0, length);
    }

    private static bool IsEscapeAt(ReadOnlySpan<char> text, int i) =>
        i + 6 < text.Length
        && text[i] == '_'
        && text[i + 1] == 'x'
        && char.IsAsciiHexDigit(text[i + 2])
        && char.IsAsciiHexDigit(text[i + 3])
        && char.IsAsciiHexDigit(text[i + 4])
        && char.IsAsciiHexDigit(text[i + 5])
        && text[i + 6] == '_';
}
