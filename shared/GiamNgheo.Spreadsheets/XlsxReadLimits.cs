namespace GiamNgheo.Spreadsheets;

/// <summary>Upper bounds applied while reading an .xlsx, so hostile or runaway files fail fast instead of exhausting the machine.</summary>
/// <remarks>
/// The defaults admit the largest commune workbooks seen (an 800,000-row member sheet is ~0.6 GB of sheet XML)
/// with headroom, while a zip bomb is stopped after at most <see cref="MaxPartBytes"/> of inflation.
/// </remarks>
public sealed record XlsxReadLimits
{
    /// <summary>The limits used when the caller passes none.</summary>
    public static XlsxReadLimits Default { get; } = new();

    /// <summary>Largest accepted package (the compressed .xlsx file), in bytes.</summary>
    public long MaxPackageBytes { get; init; } = 1L << 30;

    /// <summary>Largest accepted uncompressed part (one zip entry), in bytes, counted as the bytes are inflated.</summary>
    public long MaxPartBytes { get; init; } = 2L << 30;

    /// <summary>Most entries accepted in the shared-string table.</summary>
    public int MaxSharedStrings { get; init; } = 10_000_000;

    /// <summary>Most characters accepted across all shared strings together; they are held in memory.</summary>
    public long MaxSharedStringCharacters { get; init; } = 256L << 20;

    /// <summary>Most rows returned from one sheet.</summary>
    public int MaxRows { get; init; } = 2_000_000;

    /// <summary>Most columns accepted in a row; Excel itself stops at 16,384 (XFD).</summary>
    public int MaxColumns { get; init; } = 16_384;
}
