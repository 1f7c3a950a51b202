namespace GiamNgheo.Surveys.Reading;

/// <summary>Size limits that protect the service from oversized or hostile files; docs/survey-format.md gives the reason for each.</summary>
/// <remarks>All are checked while the file streams in, so refusing a bomb costs a few megabytes of inflation, not the whole file.</remarks>
public sealed record SurveyLimits
{
    /// <summary>The defaults: enough for the largest commune many times over.</summary>
    public static SurveyLimits Default { get; } = new();

    /// <summary>Largest file accepted, in bytes (compressed size for xlsx and zip).</summary>
    public long MaxFileBytes { get; init; } = 200L << 20;

    /// <summary>Most entries in an xlsx or zip package; a survey has a few dozen parts or three CSV files.</summary>
    public int MaxPackageEntries { get; init; } = 10_000;

    /// <summary>Largest uncompressed part or CSV file, in bytes: a guard against zip bombs.</summary>
    public long MaxUncompressedBytes { get; init; } = 2L << 30;

    /// <summary>Most bytes a part or CSV file may inflate to per compressed byte, once past <see cref="CompressionRatioFloorBytes"/>.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Inflated bytes any part may reach whatever its compression ratio.</summary>
    public long CompressionRatioFloorBytes { get; init; } = 1L << 20;

    /// <summary>Most characters in one cell: Excel's own limit.</summary>
    public int MaxCellCharacters { get; init; } = 32_767;

    /// <summary>Most characters in one row: a CSV record, or the text stored in an xlsx row's cells (shared strings aside).</summary>
    public int MaxRowCharacters { get; init; } = 1 << 16;

    /// <summary>Most columns in one row: Excel's own limit (XFD).</summary>
    public int MaxColumns { get; init; } = 16_384;

    /// <summary>Most household rows in one survey: above a whole province's review (200,000), far above any commune.</summary>
    public int MaxHouseholds { get; init; } = 250_000;

    /// <summary>Most member rows in one survey: above that province's 712,644 members; every row read costs time, so a bomb of valid rows stops here.</summary>
    public int MaxMembers { get; init; } = 1_000_000;

    /// <summary>Most rows present in one sheet or CSV file, empty rows included: one more than the larger row count, for the header.</summary>
    public int MaxSheetRows => Math.Max(MaxHouseholds, MaxMembers) + 1;

    /// <summary>Most issues of each severity listed in detail (all are counted).</summary>
    public int MaxListedIssues { get; init; } = 1000;
}
