using System.Collections.Frozen;
using System.Text;

namespace GiamNgheo.Surveys.Schema;

/// <summary>The relationships to the head of household an explanation may name a member by (<c>quan_he_chu_ho</c>).</summary>
/// <remarks>
/// A closed list, because the column is free text and an officer may write "con anh Nguyễn Văn A": only a value that is
/// exactly one of these words (any case, extra spaces, NFC or NFD) is used; anything else leaves the member described by
/// position ("thành viên thứ 3"). Diacritics are compared, not folded: without them "bà" (grandmother) and "ba" (father,
/// in the south), "cô" and "cố" would be the same word.
/// </remarks>
public static class MemberRelationships
{
    /// <summary>The head of household.</summary>
    public const string Head = "chủ hộ";

    /// <summary>Every relationship recognised, as written in explanations.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Head, "vợ", "chồng", "con", "con đẻ", "con nuôi", "con riêng", "con dâu", "con rể", "cháu", "chắt",
        "bố", "mẹ", "cha", "ba", "má", "bố vợ", "mẹ vợ", "bố chồng", "mẹ chồng", "ông", "bà", "ông nội", "bà nội", "ông ngoại", "bà ngoại",
        "anh", "chị", "em", "anh ruột", "chị ruột", "em ruột", "anh rể", "chị dâu", "em rể", "em dâu",
        "cô", "dì", "chú", "bác", "cậu", "thím", "mợ", "dượng",
    ];

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    // Decomposed (NFD) text and doubled spaces make a cell longer than its entry; anything longer than this is no entry,
    // and is dismissed without being copied.
    private static readonly int LongestCell = 2 * All.Max(r => r.Normalize(NormalizationForm.FormD).Length);

    /// <summary>The relationship as explanations write it, or null when the text is blank or not in the list.</summary>
    public static string? Recognise(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty || text.Length > LongestCell)
            return null;
        var normal = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
                normal.Append(' ');
            space = false;
            normal.Append(char.ToLowerInvariant(c));
        }

        var key = normal.ToString().Normalize(NormalizationForm.FormC);
        return Known.TryGetValue(key, out var known) ? known : null;
    }
}
