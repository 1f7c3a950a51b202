namespace GiamNgheo.Spreadsheets;

/// <summary>Upper bounds applied while reading an .xlsx, so hostile or runaway files fail fast instead of exhausting the machine.</summary>
/// <remarks>
/// The defaults admit the largest commune workbooks seen (an 800,000-row member sheet is ~0.6 GB of sheet XML)
/// with headroom. Every limit is checked while the bytes stream in, so a bomb is refused after inflating a little
/// of itself: the compression ratio stops a part long before <see cref="MaxPartBytes"/>, and the text limits stop
/// a single huge string before it is held in memory. The reasons are listed in docs/survey-format.md.
/// </remarks>
public sealed record XlsxReadLimits
{
    /// <summary>The limits used when the caller passes none.</summary>
    public static XlsxReadLimits Default { get; } = new();

    /// <summary>Largest accepted package (the compressed .xlsx file), in bytes.</summary>
    public long MaxPackageBytes { get; init; } = 1L << 30;

    /// <summary>Most entries accepted in the package; a workbook has a few dozen parts, and every entry costs memory before any is read.</summary>
    public int MaxPackageEntries { get; init; } = 10_000;

    /// <summary>Largest accepted uncompressed part (one zip entry), in bytes, counted as the bytes are inflated.</summary>
    public long MaxPartBytes { get; init; } = 2L << 30;

    /// <summary>Most bytes a part may inflate to per byte of its compressed data, once it is past <see cref="CompressionRatioFloorBytes"/>.</summary>
    /// <remarks>Sheet XML written by Excel or this project compresses 5–15 times; deflate cannot exceed about 1,032.</remarks>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Inflated bytes a part may always reach whatever its ratio, so small, very regular parts (styles, an empty sheet) pass.</summary>
    public long CompressionRatioFloorBytes { get; init; } = 1L << 20;

    /// <summary>Most entries accepted in the shared-string table.</summary>
    public int MaxSharedStrings { get; init; } = 4_000_000;

    /// <summary>Most characters accepted across all shared strings together; they are held in memory (two bytes each).</summary>
    public long MaxSharedStringCharacters { get; init; } = 64L << 20;

    /// <summary>Most characters in one cell, shared strings included: Excel's own limit, counted as stored (before <c>_xHHHH_</c> escapes are decoded).</summary>
    public int MaxCellCharacters { get; init; } = 32_767;

    /// <summary>Most characters of text stored in the cells of one row (shared strings, bounded on their own, aside); counted as stored, before <c>_xHHHH_</c> escapes are decoded.</summary>
    public int MaxRowCharacters { get; init; } = 1 << 20;

    /// <summary>Most rows returned from one sheet.</summary>
    public int MaxRows { get; init; } = 2_000_000;

    /// <summary>Highest row number accepted (a row's <c>r</c> attribute); Excel itself stops at 1,048,576.</summary>
    public int MaxRowNumber { get; init; } = 1_048_576;

    /// <summary>Most columns accepted in a row; Excel itself stops at 16,384 (XFD).</summary>
    public int MaxColumns { get; init; } = 16_384;
}
