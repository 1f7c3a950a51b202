using System.Globalization;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Pipeline.Exports.PowerBi;

/// <summary>Writes the tables of the model into one workbook with the own <see cref="XlsxStreamWriter"/>: one sheet per table
/// named as its file, one named Excel table per sheet named as the entity (what Power BI's Excel connector lists).</summary>
/// <remarks>The own writer rather than SpreadCheetah, because it writes the household fact faster: UTF-8 bytes straight
/// into the deflate buffer, and repeated text through the shared-string table (docs/benchmarks.md, "The Power BI household fact"). A table longer than a sheet (1,048,575 data rows)
/// continues on <c>{sheet}_2</c> as table <c>{Table}2</c>, and so on; Power Query appends them (docs/power-bi.md).
/// Timestamps are ISO 8601 UTC text, because the workbook's only date style shows days, and a serial number would lose the
/// time zone.</remarks>
public sealed class XlsxStarOutput : IStarOutput
{
    private readonly XlsxStreamWriter _workbook;

    private XlsxStarOutput(XlsxStreamWriter workbook)
    {
        _workbook = workbook;
    }

    /// <summary>Starts a workbook on <paramref name="output"/>; <see cref="FinishAsync"/> completes it, and the stream is left open.</summary>
    public static Task<XlsxStarOutput> CreateAsync(Stream output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new XlsxStarOutput(new XlsxStreamWriter(output, leaveOpen: true)));
    }

    /// <inheritdoc />
    public ValueTask<IStarTableWriter> BeginAsync(StarTable table, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IStarTableWriter>(new SheetWriter(_workbook, table));

    /// <summary>Writes the workbook-level parts after the last table; without it the workbook is not valid.</summary>
    public ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _workbook.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class SheetWriter : IStarTableWriter
    {
        private const int DataRowsPerSheet = XlsxStreamWriter.MaxRows - 1;

        /// <summary>Excel counts 1900 as a leap year, so serial numbers before March 1900 do not match the calendar that
        /// readers such as Power BI and ClosedXML convert them with; such dates (none in the model today) are ISO text.</summary>
        private static readonly DateOnly FirstUnambiguousExcelDate = new(1900, 3, 1);

        private readonly XlsxStreamWriter _workbook;
        private readonly StarTable _table;
        private readonly XlsxCell[] _cells;
        private int _part = 1;
        private int _rows;

        public SheetWriter(XlsxStreamWriter workbook, StarTable table)
        {
            _workbook = workbook;
            _table = table;
            _cells = new XlsxCell[table.Columns.Count];
            Start();
        }

        public ValueTask WriteRowAsync(ReadOnlySpan<StarValue> values, CancellationToken cancellationToken)
        {
            if (_rows == DataRowsPerSheet)
            {
                End();
                _part++;
                _rows = 0;
                Start();
            }

            for (var i = 0; i < _cells.Length; i++)
                _cells[i] = Cell(values[i]);
            _workbook.WriteRow(_cells);
            _rows++;
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            End();
            return ValueTask.CompletedTask;
        }

        private void Start()
        {
            var widths = _table.Columns.Select(c => (double)Math.Clamp(c.Name.Length + 3, c.Kind == StarColumnKind.Text ? 12 : 8, 40)).ToList();
            _workbook.StartSheet(_part == 1 ? _table.FileName : $"{_table.FileName}_{_part}", widths, freezeHeaderRow: true);
            _workbook.WriteHeaderRow(_table.Columns.Select(c => c.Name));
        }

        private void End() => _workbook.EndSheet(_part == 1 ? _table.TableName : _table.TableName + _part.ToString(CultureInfo.InvariantCulture));

        private static XlsxCell Cell(in StarValue value) => !value.HasValue ? XlsxCell.Empty : value.Kind switch
        {
            StarColumnKind.Text => XlsxCell.Text(value.TextValue),
            StarColumnKind.WholeNumber => XlsxCell.Number(value.WholeValue),
            StarColumnKind.Number => XlsxCell.Number(value.NumberValue),
            StarColumnKind.Boolean => XlsxCell.Boolean(value.WholeValue != 0),
            StarColumnKind.Date when value.DateValue >= FirstUnambiguousExcelDate => XlsxCell.Date(value.DateValue),
            StarColumnKind.Date => XlsxCell.Text(value.DateValue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => XlsxCell.Text(value.TimestampValue.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };
    }
}
