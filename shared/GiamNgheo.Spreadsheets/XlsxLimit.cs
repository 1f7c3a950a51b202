namespace GiamNgheo.Spreadsheets;

/// <summary>Which <see cref="XlsxReadLimits"/> value a <see cref="XlsxErrorKind.TooLarge"/> file exceeded, so callers can say what to fix.</summary>
public enum XlsxLimit
{
    /// <summary><see cref="XlsxReadLimits.MaxPackageBytes"/>.</summary>
    PackageBytes,

    /// <summary><see cref="XlsxReadLimits.MaxPackageEntries"/>.</summary>
    PackageEntries,

    /// <summary><see cref="XlsxReadLimits.MaxPartBytes"/>.</summary>
    PartBytes,

    /// <summary><see cref="XlsxReadLimits.MaxCompressionRatio"/>: the part inflates like a zip bomb.</summary>
    CompressionRatio,

    /// <summary><see cref="XlsxReadLimits.MaxSharedStrings"/> or <see cref="XlsxReadLimits.MaxSharedStringCharacters"/>.</summary>
    SharedStrings,

    /// <summary><see cref="XlsxReadLimits.MaxCellCharacters"/>.</summary>
    CellCharacters,

    /// <summary><see cref="XlsxReadLimits.MaxRowCharacters"/>.</summary>
    RowCharacters,

    /// <summary><see cref="XlsxReadLimits.MaxRows"/>.</summary>
    Rows,

    /// <summary><see cref="XlsxReadLimits.MaxRowNumber"/>.</summary>
    RowNumber,

    /// <summary><see cref="XlsxReadLimits.MaxColumns"/>.</summary>
    Columns,
}
