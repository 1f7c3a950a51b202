namespace GiamNgheo.Surveys.Reading;

/// <summary>Size limits that protect the service from oversized or hostile files.</summary>
public sealed record SurveyLimits
{
    /// <summary>The defaults: enough for the largest commune many times over.</summary>
    public static SurveyLimits Default { get; } = new();

    /// <summary>Largest file accepted, in bytes (compressed size for xlsx and zip).</summary>
    public long MaxFileBytes { get; init; } = 200L << 20;

    /// <summary>Largest uncompressed part or CSV file, in bytes: a guard against zip bombs.</summary>
    public long MaxUncompressedBytes { get; init; } = 2L << 30;

    /// <summary>Most household rows in one survey.</summary>
    public int MaxHouseholds { get; init; } = 1_000_000;

    /// <summary>Most member rows in one survey.</summary>
    public int MaxMembers { get; init; } = 6_000_000;

    /// <summary>Most issues of each severity listed in detail (all are counted).</summary>
    public int MaxListedIssues { get; init; } = 1000;
}
