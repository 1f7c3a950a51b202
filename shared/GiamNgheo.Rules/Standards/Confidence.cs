namespace GiamNgheo.Rules.Standards;

/// <summary>How sure the project is of a rule, using the rule book's tags.</summary>
public enum Confidence
{
    /// <summary>[C1] The legal text itself, or a copy quoting it.</summary>
    Confirmed,

    /// <summary>[C2] An official or press secondary source.</summary>
    Secondary,

    /// <summary>[TP] Third-party material only: a hint, not an authority.</summary>
    ThirdParty,

    /// <summary>Not found in any source read; a working assumption to be checked against the official text.</summary>
    Unconfirmed,
}

/// <summary>Where a rule or parameter comes from and how sure we are of it.</summary>
/// <param name="Source">The legal source or reference, in Vietnamese as cited.</param>
/// <param name="Confidence">The rule book's confidence tag.</param>
public sealed record Provenance(string Source, Confidence Confidence)
{
    /// <summary>The rule book tag: C1, C2, TP or UNCONFIRMED.</summary>
    public string Tag => Confidence switch
    {
        Confidence.Confirmed => "C1",
        Confidence.Secondary => "C2",
        Confidence.ThirdParty => "TP",
        _ => "UNCONFIRMED",
    };

    internal static Confidence ParseTag(string tag) => tag.Trim().ToUpperInvariant() switch
    {
        "C1" => Confidence.Confirmed,
        "C2" => Confidence.Secondary,
        "TP" => Confidence.ThirdParty,
        "UNCONFIRMED" => Confidence.Unconfirmed,
        _ => throw new FormatException($"Unknown confidence tag '{tag}'. Use C1, C2, TP or UNCONFIRMED."),
    };
}
