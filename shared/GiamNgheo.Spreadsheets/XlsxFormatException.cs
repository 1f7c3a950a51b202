namespace GiamNgheo.Spreadsheets;

/// <summary>Thrown when a file cannot be read as an .xlsx workbook; <see cref="Kind"/> says why.</summary>
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
}
