using System.Globalization;
using System.Text;

namespace GiamNgheo.Surveys.Reading;

/// <summary>Text folding for matching what people type ("Nông thôn", "NONG THON") to codes (<c>nong_thon</c>).</summary>
internal static class VietnameseText
{
    /// <summary>Lower case, no diacritics, đ → d, runs of spaces, dashes and underscores → one underscore.</summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        var decomposed = text.Trim().ToString().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSeparator = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (c is ' ' or '_' or '-' or '\t' or '\u00A0')
            {
                pendingSeparator = folded.Length > 0;
                continue;
            }

            if (pendingSeparator)
            {
                folded.Append('_');
                pendingSeparator = false;
            }

            folded.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return folded.ToString();
    }
}
