using Parquet;
using Parquet.Schema;

namespace GiamNgheo.Pipeline.Exports.PowerBi;

/// <summary>Writes each table of the model as its own Parquet file (<c>{prefix}{FileName}.parquet</c>) in a local folder;
/// several tables may be open at once.</summary>
/// <remarks>Rows are buffered column by column and written as a row group every <see cref="RowGroupRows"/> rows, so memory
/// is bounded by one row group per open table whatever the size of the province. Snappy, because it is what Power BI,
/// Fabric and Synapse read fastest and what the Parquet writers of Spark default to.</remarks>
public sealed class ParquetStarOutput(string folder, string filePrefix = "") : IStarOutput
{
    /// <summary>Rows per row group: 50,000 households with their explanations is about 40 MB of buffered strings, and Power
    /// BI and Spark read row groups of this size in parallel without the per-group overhead of small ones.</summary>
    public const int RowGroupRows = 50_000;

    /// <summary>The path of a table's file.</summary>
    public string PathOf(StarTable table) => Path.Combine(folder, filePrefix + table.FileName + ".parquet");

    /// <summary>The Parquet schema of a table, as the files carry it.</summary>
    public static ParquetSchema SchemaOf(StarTable table) => new(table.Columns.Select(FieldOf));

    /// <inheritdoc />
    public async ValueTask<IStarTableWriter> BeginAsync(StarTable table, CancellationToken cancellationToken)
    {
        var schema = SchemaOf(table);
        var file = new FileStream(PathOf(table), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        try
        {
            var writer = await ParquetWriter.CreateAsync(schema, file, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: cancellationToken).ConfigureAwait(false);
            writer.CustomMetadata = new Dictionary<string, string> { ["giamngheo.table"] = table.TableName, ["giamngheo.label"] = table.Label };
            return new TableWriter(file, writer, schema, table);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static DataField FieldOf(StarColumn column) => column.Kind switch
    {
        StarColumnKind.Text => new DataField<string>(column.Name, true),
        StarColumnKind.WholeNumber => new DataField<long?>(column.Name),
        StarColumnKind.Number => new DataField<double?>(column.Name),
        StarColumnKind.Boolean => new DataField<bool?>(column.Name),
        StarColumnKind.Date => new DataField<DateOnly?>(column.Name),
        _ => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: true),
    };

    private sealed class TableWriter : IStarTableWriter
    {
        private readonly FileStream _file;
        private readonly ParquetWriter _writer;
        private readonly DataField[] _fields;
        private readonly StarTable _table;
        private readonly Array[] _columns;
        private int _rows;

        public TableWriter(FileStream file, ParquetWriter writer, ParquetSchema schema, StarTable table)
        {
            _file = file;
            _writer = writer;
            _fields = schema.GetDataFields();
            _table = table;
            _columns = [.. table.Columns.Select(c => NewColumn(c.Kind))];
        }

        public ValueTask WriteRowAsync(ReadOnlySpan<StarValue> values, CancellationToken cancellationToken)
        {
            if (_rows == RowGroupRows)
                throw new InvalidOperationException("The row group is full; the previous flush did not run.");
            var r = _rows;
            for (var i = 0; i < _columns.Length; i++)
            {
                var v = values[i];
                switch (_table.Columns[i].Kind)
                {
                    case StarColumnKind.Text:
                        ((string?[])_columns[i])[r] = v.HasValue ? v.TextValue : null;
                        break;
                    case StarColumnKind.WholeNumber:
                        ((long?[])_columns[i])[r] = v.HasValue ? v.WholeValue : null;
                        break;
                    case StarColumnKind.Number:
                        ((double?[])_columns[i])[r] = v.HasValue ? v.NumberValue : null;
                        break;
                    case StarColumnKind.Boolean:
                        ((bool?[])_columns[i])[r] = v.HasValue ? v.WholeValue != 0 : null;
                        break;
                    case StarColumnKind.Date:
                        ((DateOnly?[])_columns[i])[r] = v.HasValue ? v.DateValue : null;
                        break;
                    default:
                        ((DateTime?[])_columns[i])[r] = v.HasValue ? v.TimestampValue : null;
                        break;
                }
            }

            return ++_rows == RowGroupRows ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
        }

        public async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (_rows > 0)
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
                await _file.DisposeAsync().ConfigureAwait(false);
            }
        }

        private async ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            using (var group = _writer.CreateRowGroup())
            {
                for (var i = 0; i < _columns.Length; i++)
                {
                    var field = _fields[i];
                    switch (_columns[i])
                    {
                        case string?[] text:
                            await group.WriteAsync(field, new ArraySegment<string>(text!, 0, _rows)).ConfigureAwait(false);
                            Array.Clear(text, 0, _rows);
                            break;
                        case long?[] integers:
                            await group.WriteAsync(field, new ReadOnlyMemory<long?>(integers, 0, _rows), cancellationToken: cancellationToken).ConfigureAwait(false);
                            break;
                        case double?[] numbers:
                            await group.WriteAsync(field, new ReadOnlyMemory<double?>(numbers, 0, _rows), cancellationToken: cancellationToken).ConfigureAwait(false);
                            break;
                        case bool?[] booleans:
                            await group.WriteAsync(field, new ReadOnlyMemory<bool?>(booleans, 0, _rows), cancellationToken: cancellationToken).ConfigureAwait(false);
                            break;
                        case DateOnly?[] dates:
                            await group.WriteAsync(field, new ReadOnlyMemory<DateOnly?>(dates, 0, _rows), cancellationToken: cancellationToken).ConfigureAwait(false);
                            break;
                        case DateTime?[] instants:
                            await group.WriteAsync(field, new ReadOnlyMemory<DateTime?>(instants, 0, _rows), cancellationToken: cancellationToken).ConfigureAwait(false);
                            break;
                    }
                }

                group.CompleteValidate();
            }

            _rows = 0;
        }

        private static Array NewColumn(StarColumnKind kind) => kind switch
        {
            StarColumnKind.Text => new string?[RowGroupRows],
            StarColumnKind.WholeNumber => new long?[RowGroupRows],
            StarColumnKind.Number => new double?[RowGroupRows],
            StarColumnKind.Boolean => new bool?[RowGroupRows],
            StarColumnKind.Date => new DateOnly?[RowGroupRows],
            _ => new DateTime?[RowGroupRows],
        };
    }
}
