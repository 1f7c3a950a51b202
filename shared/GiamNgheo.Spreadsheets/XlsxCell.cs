namespace GiamNgheo.Spreadsheets;

/// <summary>One typed cell value for <see cref="XlsxStreamWriter"/>; create it with the static factories.</summary>
public readonly struct XlsxCell
{
    // Excel's day zero; serials from here are right for every date from 1900-03-01 on.
    private static readonly int ExcelEpochDayNumber = new DateOnly(1899, 12, 30).DayNumber;

    // Excel pretends 1900-02-29 existed, so its serials for January and February 1900 are one lower.
    private static readonly DateOnly FirstDateAfterPhantomLeapDay = new(1900, 3, 1);
    private static readonly DateOnly FirstExcelDate = new(1900, 1, 1);

    // The text, or a boxed decimal: a cell is copied for every value of a large extract, so it stays three words long.
    private readonly object? _reference;
    private readonly long _bits;

    private XlsxCell(XlsxCellKind kind, object? reference = null, long bits = 0)
    {
        Kind = kind;
        _reference = reference;
        _bits = bits;
    }

    /// <summary>A cell that is not written at all.</summary>
    public static XlsxCell Empty => default;

    internal XlsxCellKind Kind { get; }

    internal string TextValue => _reference as string ?? "";

    /// <summary>The whole number, date serial, or 1/0 for a boolean.</summary>
    internal long IntegerValue => _bits;

    internal decimal DecimalValue => _reference is decimal value ? value : 0;

    internal double DoubleValue => BitConverter.Int64BitsToDouble(_bits);

    /// <summary>A text cell; null or "" is left empty, as Excel stores a cleared cell, so Power BI reads it as null.</summary>
    public static XlsxCell Text(string? value) => string.IsNullOrEmpty(value) ? Empty : new(XlsxCellKind.Text, reference: value);

    /// <summary>A whole-number cell.</summary>
    public static XlsxCell Number(long value) => new(XlsxCellKind.Integer, bits: value);

    /// <summary>A decimal-number cell, written with all its digits (Excel keeps about 15 significant ones).</summary>
    public static XlsxCell Number(decimal value) => new(XlsxCellKind.Decimal, reference: value);

    /// <summary>A floating-point cell, written in round-trip form.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinity, which a workbook cannot hold.</exception>
    public static XlsxCell Number(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "A workbook cell cannot hold NaN or infinity.");
        return new(XlsxCellKind.Double, bits: BitConverter.DoubleToInt64Bits(value));
    }

    /// <summary>A TRUE/FALSE cell.</summary>
    public static XlsxCell Boolean(bool value) => new(XlsxCellKind.Boolean, bits: value ? 1 : 0);

    /// <summary>A date cell: an Excel serial number shown as <c>yyyy-mm-dd</c>; dates before 1900, which Excel cannot represent, are written as ISO text.</summary>
    public static XlsxCell Date(DateOnly value)
    {
        if (value < FirstExcelDate)
            return Text(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var serial = value.DayNumber - ExcelEpochDayNumber;
        return new(XlsxCellKind.Date, bits: value < FirstDateAfterPhantomLeapDay ? serial - 1 : serial);
    }
}

/// <summary>How an <see cref="XlsxCell"/> is written.</summary>
internal enum XlsxCellKind : byte
{
    Empty,
    Text,
    Integer,
    Decimal,
    Double,
    Boolean,
    Date,
}
