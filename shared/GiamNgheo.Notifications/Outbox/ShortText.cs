using System.Text;

namespace GiamNgheo.Notifications;

/// <summary>Error text fit for an outbox row and an officer's screen: one line, no control characters, bounded.</summary>
internal static class ShortText
{
    /// <summary>Longest error text kept.</summary>
    public const int MaxLength = 300;

    /// <summary>Collapses whitespace and control characters to single spaces and cuts at <see cref="MaxLength"/> with an ellipsis.</summary>
    public static string Of(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
                builder.Append(' ');
            space = false;
            builder.Append(c);
            if (builder.Length > MaxLength)
                break;
        }

        if (builder.Length <= MaxLength)
            return builder.ToString();
        var cut = MaxLength - 1;
        if (char.IsHighSurrogate(builder[cut - 1]))
            cut--;
        return builder.ToString(0, cut) + "…";
    }
}
