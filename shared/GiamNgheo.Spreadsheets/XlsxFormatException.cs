namespace GiamNgheo.Spreadsheets;

/// <summary>Thrown when a file cannot be read as an .xlsx workbook; <see cref="Kind"/> says why, and the place is given when known.</summary>
public sealed class XlsxFormatException : Exception
{
    public XlsxFormatException(XlsxErrorKind kind, string message, string? partName = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        PartName = partName;
    }

    /// <summary>The category of the failure, stable for mapping to user-facing text.</summary>
    public XlsxErrorKind Kind { get; }

    /// <summary>The package part (zip entry name) at fault, when the failure is tied to one.</summary>
    public string? PartName { get; }

    /// <summary>For <see cref="XlsxErrorKind.TooLarge"/>: which limit was exceeded.</summary>
    public XlsxLimit? Limit { get; init; }

    /// <summary>The 1-based Excel row number at fault, when the failure is inside a sheet's rows.</summary>
    public int? Row { get; init; }

    /// <summary>The 0-based column index at fault, when the failure is tied to one cell.</summary>
    public int? Column { get; init; }
}
