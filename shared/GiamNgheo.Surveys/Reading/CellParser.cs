using System.Globalization;
using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Reading;

/// <summary>Parses cell text the way spreadsheets and people write it, without allocating on the common paths.</summary>
internal static class CellParser
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static bool IsBlank(ReadOnlySpan<char> text) => text.IsWhiteSpace();

    /// <summary>A whole number; accepts "4", "4.0" and "4E0" because spreadsheets store numbers as floating point.</summary>
    public static bool TryInteger(ReadOnlySpan<char> text, out long value)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out value))
            return true;
        if (decimal.TryParse(text, NumberStyles.Float, Invariant, out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>A number with a dot for decimals, or a single comma used as the decimal mark ("140,5").</summary>
    public static bool TryDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        text = text.Trim();
        if (decimal.TryParse(text, NumberStyles.Float, Invariant, out value))
            return true;
        var comma = text.IndexOf(',');
        if (comma >= 0 && text.LastIndexOf(',') == comma && !text.Contains('.'))
        {
            Span<char> copy = stackalloc char[text.Length];
            text.CopyTo(copy);
            copy[comma] = '.';
            return decimal.TryParse(copy, NumberStyles.Float, Invariant, out value);
        }

        return false;
    }

    /// <summary>An amount of VND: plain numbers, or thousands grouped with dots (Vietnamese) or commas ("1.500.000", "1,500,000").</summary>
    public static bool TryMoney(ReadOnlySpan<char> text, out decimal value)
    {
        text = text.Trim();
        if (decimal.TryParse(text, NumberStyles.Float, Invariant, out value) && !IsGrouped(text, '.'))
            return true;
        foreach (var separator in (ReadOnlySpan<char>)['.', ',', ' '])
        {
            if (!IsGrouped(text, separator))
                continue;
            Span<char> digits = stackalloc char[text.Length];
            var n = 0;
            foreach (var c in text)
            {
                if (c != separator)
                    digits[n++] = c;
            }

            return decimal.TryParse(digits[..n], NumberStyles.AllowLeadingSign, Invariant, out value);
        }

        return false;
    }

    /// <summary>0 or 1 (also TRUE/FALSE and "1.0" as spreadsheets export them).</summary>
    public static bool TryFlag(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        if (text.Length == 1 && text[0] is '0' or '1')
        {
            value = text[0] == '1';
            return true;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            value = text[0] is 't' or 'T';
            return true;
        }

        if (TryInteger(text, out var n) && n is 0 or 1)
        {
            value = n == 1;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>Exactly <paramref name="count"/> ASCII digits.</summary>
    public static bool IsDigits(ReadOnlySpan<char> text, int count)
    {
        if (text.Length != count)
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }

        return true;
    }

    /// <summary>One of the codes, matched exactly, or by folding case, diacritics and spaces against the codes and their labels.</summary>
    public static string? MatchCode(ReadOnlySpan<char> text, IReadOnlyList<CodeValue> codes)
    {
        text = text.Trim();
        foreach (var code in codes)
        {
            if (text.SequenceEqual(code.Code))
                return code.Code;
        }

        var folded = VietnameseText.Fold(text);
        foreach (var code in codes)
        {
            if (folded == code.Code || folded == code.FoldedLabel)
                return code.Code;
        }

        return null;
    }

    private static bool IsGrouped(ReadOnlySpan<char> text, char separator)
    {
        // d{1,3}(sep ddd)+ with an optional sign: the only shape in which a separator is read as thousands.
        if (text.Length > 0 && text[0] == '-')
            text = text[1..];
        var first = text.IndexOf(separator);
        if (first is < 1 or > 3)
            return false;
        for (var i = 0; i < first; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return false;
        }

        var rest = text[first..];
        if (rest.Length % 4 != 0)
            return false;
        for (var i = 0; i < rest.Length; i++)
        {
            if (i % 4 == 0 ? rest[i] != separator : !char.IsAsciiDigit(rest[i]))
                return false;
        }

        return true;
    }
}
