using System.Globalization;
using System.Text;

namespace GiamNgheo.Surveys.Reading;

/// <summary>The rule for household codes (<c>ma_ho</c>): one canonical form per code, so a code identifies one household
/// however it was typed, and nothing in it that the officer cannot see.</summary>
/// <remarks>Rules and their reasons: docs/survey-format.md, "Household codes".</remarks>
internal static class HouseholdCode
{
    /// <summary>Longest code accepted, in UTF-16 characters (docs/survey-format.md explains the figure).</summary>
    public const int MaxLength = 64;

    /// <summary>The code in Unicode NFC, or false with the Vietnamese reason when it cannot be a household code.</summary>
    /// <param name="text">The trimmed, non-empty cell text.</param>
    /// <param name="code">The canonical code: <paramref name="text"/> itself when it is already NFC.</param>
    /// <param name="reason">Why the code is refused; it never repeats the code, which is what is wrong.</param>
    public static bool TryNormalize(ReadOnlySpan<char> text, out ReadOnlySpan<char> code, out string? reason)
    {
        code = default;
        if (text.Length > MaxLength)
        {
            reason = TooLong(text.Length);
            return false;
        }

        // Checked before normalising: NFC keeps invisible characters, and a lone surrogate cannot be normalised.
        for (var i = 0; i < text.Length; i++)
        {
            if (Hidden(text, i) is { } codePoint)
            {
                reason = $"Mã hộ chứa ký tự ẩn hoặc ký tự điều khiển (U+{codePoint:X4} ở vị trí {i + 1}), thường do sao chép từ nơi khác; hãy gõ lại mã hộ.";
                return false;
            }
        }

        reason = null;
        code = text.IsNormalized(NormalizationForm.FormC) ? text : text.ToString().Normalize(NormalizationForm.FormC);
        if (code.Length > MaxLength)
        {
            // Composition shortens text, but a few characters (e.g. U+0958) decompose under NFC.
            reason = TooLong(code.Length);
            code = default;
            return false;
        }

        return true;
    }

    private static string TooLong(int length) => $"Mã hộ dài {length} ký tự, quá giới hạn {MaxLength} ký tự.";

    /// <summary>The code point at <paramref name="i"/> when it is control, format (bidi overrides, zero-width characters,
    /// soft hyphen, BOM), a line or paragraph separator, or half of a broken surrogate pair; null when it shows as itself.</summary>
    private static int? Hidden(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsAscii(c))
            return char.IsControl(c) ? c : null;
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1]));
            return category is UnicodeCategory.Format or UnicodeCategory.PrivateUse ? char.ConvertToUtf32(c, text[i + 1]) : null;
        }

        if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]))
            return null;
        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse => c,
            _ => null,
        };
    }
}
