using System.Buffers;
using System.Text;

namespace GiamNgheo.Spreadsheets;

/// <summary>Writes one CSV field (RFC 4180) that a spreadsheet opening the file shows as the text it is, never runs as a formula.</summary>
/// <remarks>
/// Every CSV the product writes goes through here, because its text comes from uploaded files: a household code
/// <c>=HYPERLINK("http://…"&amp;A1)</c> would otherwise become a live formula on the officer's machine (OWASP "CSV
/// Injection"). A field that starts with a character Excel, LibreOffice or Google Sheets read as the start of a formula
/// (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR, LF, NUL) gets a leading apostrophe and is quoted. A plain number
/// such as <c>-5</c> or <c>+3.25</c> cannot be a formula and is written as it is, so it stays a number.
/// </remarks>
public static class CsvField
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r\n\0");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    /// <summary>Appends <paramref name="value"/> as one field (nothing for null), quoted where RFC 4180 or neutralising requires.</summary>
    public static StringBuilder Append(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return line;
        var neutralise = FormulaStarts.Contains(value[0]) && !IsPlainNumber(value);
        if (!neutralise && value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
            return line.Append(value);
        line.Append('"');
        if (neutralise)
            line.Append('\'');
        return line.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>An optional sign, digits, and at most one decimal point followed by digits: what a spreadsheet reads as a number.</summary>
    private static bool IsPlainNumber(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] is '-' or '+')
            text = text[1..];
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : text[(point + 1)..];
        return whole.Length > 0 && !whole.ContainsAnyExcept(Digits) && (point < 0 || (fraction.Length > 0 && !fraction.ContainsAnyExcept(Digits)));
    }
}
