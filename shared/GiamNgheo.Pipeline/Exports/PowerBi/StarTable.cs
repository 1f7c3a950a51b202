namespace GiamNgheo.Pipeline.Exports.PowerBi;

/// <summary>The type of a column of the Power BI model, as both the workbook and the Parquet files store it.</summary>
public enum StarColumnKind
{
    /// <summary>Text (Parquet UTF-8 string).</summary>
    Text,

    /// <summary>Whole number (Parquet INT64).</summary>
    WholeNumber,

    /// <summary>Decimal number (Parquet DOUBLE; what Power BI calls a decimal number).</summary>
    Number,

    /// <summary>True/false (Parquet BOOLEAN).</summary>
    Boolean,

    /// <summary>Calendar date (Parquet DATE).</summary>
    Date,

    /// <summary>Instant in UTC (Parquet TIMESTAMP, milliseconds, adjusted to UTC).</summary>
    Timestamp,
}

/// <summary>One column of a table of the model: its ASCII name and its type.</summary>
/// <param name="Name">snake_case ASCII name, the same in the workbook and the Parquet file.</param>
/// <param name="Kind">The type.</param>
public sealed record StarColumn(string Name, StarColumnKind Kind);

/// <summary>One entity of the Power BI star schema: a fact or a dimension, its names in each format and its columns.</summary>
/// <param name="TableName">Name of the Excel table (PascalCase, ASCII), what Power BI's Excel connector lists.</param>
/// <param name="FileName">Name of the sheet and of the Parquet file without extension (snake_case, ASCII).</param>
/// <param name="Label">Vietnamese name of the entity, shown in docs/power-bi.md and as the Parquet file's description.</param>
/// <param name="Columns">The columns in order.</param>
public sealed record StarTable(string TableName, string FileName, string Label, IReadOnlyList<StarColumn> Columns)
{
    /// <summary>The position of a column, for writers that fill a row by name.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
                return i;
        }

        throw new ArgumentException($"Table {TableName} has no column {column}.", nameof(column));
    }
}

/// <summary>One value of a row of the model; <c>default</c> is an empty (null) cell.</summary>
public readonly struct StarValue
{
    private readonly string? _text;
    private readonly long _bits;

    private StarValue(StarColumnKind kind, string? text = null, long bits = 0)
    {
        Kind = kind;
        HasValue = true;
        _text = text;
        _bits = bits;
    }

    /// <summary>The value's type; meaningless when <see cref="HasValue"/> is false.</summary>
    public StarColumnKind Kind { get; }

    /// <summary>False for an empty cell (Parquet null).</summary>
    public bool HasValue { get; }

    /// <summary>The text of a text value.</summary>
    public string TextValue => _text ?? "";

    /// <summary>The value of an integer, boolean (0/1) value.</summary>
    public long WholeValue => _bits;

    /// <summary>The value of a number.</summary>
    public double NumberValue => BitConverter.Int64BitsToDouble(_bits);

    /// <summary>The value of a date.</summary>
    public DateOnly DateValue => DateOnly.FromDayNumber((int)_bits);

    /// <summary>The value of a timestamp, in UTC.</summary>
    public DateTime TimestampValue => new(_bits, DateTimeKind.Utc);

    /// <summary>Text; null or empty is an empty cell.</summary>
    public static StarValue Text(string? value) => string.IsNullOrEmpty(value) ? default : new(StarColumnKind.Text, text: value);

    /// <summary>A whole number.</summary>
    public static StarValue Whole(long value) => new(StarColumnKind.WholeNumber, bits: value);

    /// <summary>A whole number or an empty cell.</summary>
    public static StarValue Whole(long? value) => value is { } v ? Whole(v) : default;

    /// <summary>A decimal number.</summary>
    public static StarValue Number(double value) => new(StarColumnKind.Number, bits: BitConverter.DoubleToInt64Bits(value));

    /// <summary>A decimal number or an empty cell.</summary>
    public static StarValue Number(decimal? value) => value is { } v ? Number((double)v) : default;

    /// <summary>True or false, or an empty cell.</summary>
    public static StarValue Boolean(bool? value) => value is { } v ? new(StarColumnKind.Boolean, bits: v ? 1 : 0) : default;

    /// <summary>A date, or an empty cell.</summary>
    public static StarValue Date(DateOnly? value) => value is { } v ? new(StarColumnKind.Date, bits: v.DayNumber) : default;

    /// <summary>An instant, or an empty cell.</summary>
    public static StarValue Timestamp(DateTimeOffset? value) => value is { } v ? new(StarColumnKind.Timestamp, bits: v.UtcDateTime.Ticks) : default;
}

/// <summary>Receives the rows of one table of the model, in order.</summary>
public interface IStarTableWriter
{
    /// <summary>Writes the next row; value <c>i</c> belongs to column <c>i</c> of the table. The values are copied before
    /// this returns, so the caller may reuse its buffer; the task completes synchronously unless a buffer is flushed.</summary>
    ValueTask WriteRowAsync(ReadOnlySpan<StarValue> values, CancellationToken cancellationToken);

    /// <summary>Finishes the table (the last rows are flushed).</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}

/// <summary>Where the tables of the model go: a workbook, a folder of Parquet files, or both.</summary>
public interface IStarOutput
{
    /// <summary>Starts a table; the previous one must have been completed for outputs that hold one table at a time.</summary>
    ValueTask<IStarTableWriter> BeginAsync(StarTable table, CancellationToken cancellationToken);
}
