namespace GiamNgheo.Spreadsheets;

/// <summary>Why a file could not be read as an .xlsx workbook; callers map each kind to a message for the user.</summary>
public enum XlsxErrorKind
{
    /// <summary>The bytes are not a zip package at all (e.g. a CSV or a PDF renamed to .xlsx).</summary>
    NotAZipPackage,

    /// <summary>A zip package, but not a spreadsheet (e.g. a .docx or an arbitrary archive).</summary>
    NotAWorkbook,

    /// <summary>The package or one of its parts is damaged: a broken zip entry or malformed XML.</summary>
    Corrupt,

    /// <summary>The package or one of its parts exceeds a configured <see cref="XlsxReadLimits"/> value.</summary>
    TooLarge,

    /// <summary>An OLE compound file: a legacy .xls workbook or a password-protected .xlsx.</summary>
    Encrypted,
}
