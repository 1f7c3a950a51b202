using System.Globalization;
using System.Text.RegularExpressions;
using GiamNgheo.Spreadsheets;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Tables;
using SpreadCheetah.Worksheets;

namespace GiamNgheo.Pipeline.Exports.PowerBi;

/// <summary>Writes the tables of the model into one workbook with SpreadCheetah: one sheet per table named as its file, one
/// named Excel table per sheet named as the entity (what Power BI's Excel connector lists).</summary>
/// <remarks>SpreadCheetah rather than the own <see cref="XlsxStreamWriter"/>, because it writes the household fact faster
/// (docs/benchmarks.md, "The Power BI household fact"). A table longer than a sheet (1,048,575 data rows) continues on
/// <c>{sheet}_2</c> as table <c>{Table}2</c>, and so on; Power Query appends them (docs/power-bi.md). Timestamps are ISO 8601
/// UTC text, because the workbook's only date style shows days, and a serial number would lose the time zone.</remarks>
public sealed partial class XlsxStarOutput : IStarOutput
{
    private readonly Spreadsheet _workbook;
    private readonly StyleId _header;

    private XlsxStarOutput(Spreadsheet workbook)
    {
        _workbook = workbook;
        _header = workbook.AddStyle(new Style { Font = { Bold = true } });
    }

    /// <summary>Starts a workbook on <paramref name="output"/>; <see cref="FinishAsync"/> completes it, and the stream is left open.</summary>
    public static async Task<XlsxStarOutput> CreateAsync(Stream output, CancellationToken cancellationToken)
    {
        // Fastest deflate, as the own writer used: the fact is large, and its size matters less than the time to write it.
        var workbook = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions
        {
            CompressionLevel = SpreadCheetahCompressionLevel.Fastest,
            // The model's dates are days; a default format rather than a style per cell keeps the rows plain data cells.
            DefaultDateTimeFormat = NumberFormat.Custom("yyyy-mm-dd"),
        }, cancellationToken).ConfigureAwait(false);
        return new XlsxStarOutput(workbook);
    }

    /// <inheritdoc />
    public async ValueTask<IStarTableWriter> BeginAsync(StarTable table, CancellationToken cancellationToken)
    {
        var writer = new SheetWriter(this, table);
        await writer.StartAsync(cancellationToken).ConfigureAwait(false);
        return writer;
    }

    /// <summary>Writes the workbook-level parts after the last table; without it the workbook is not valid.</summary>
    public ValueTask FinishAsync(CancellationToken cancellationToken) => _workbook.FinishAsync(cancellationToken);

    private sealed class SheetWriter(XlsxStarOutput output, StarTable table) : IStarTableWriter
    {
        private const int DataRowsPerSheet = XlsxStreamWriter.MaxRows - 1;

        /// <summary>Excel counts 1900 as a leap year, so serial numbers before March 1900 do not match the calendar; such dates
        /// (none in the model today) are written as ISO text, as the own writer wrote dates before 1900.</summary>
        private static readonly DateOnly FirstUnambiguousExcelDate = new(1900, 3, 1);

        private readonly DataCell[] _cells = new DataCell[table.Columns.Count];
        private int _part = 1;
        private int _rows;

        public ValueTask WriteRowAsync(ReadOnlySpan<StarValue> values, CancellationToken cancellationToken)
        {
            for (var i = 0; i < _cells.Length; i++)
                _cells[i] = Cell(values[i]);
            if (_rows == DataRowsPerSheet)
                return NextSheetAsync(cancellationToken);
            _rows++;
            return output._workbook.AddRowAsync(_cells, cancellationToken);
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var options = new WorksheetOptions { FrozenRows = 1 };
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var c = table.Columns[i];
                options.Column(i + 1).Width = Math.Clamp(c.Name.Length + 3, c.Kind == StarColumnKind.Text ? 12 : 8, 40);
            }

            await output._workbook.StartWorksheetAsync(_part == 1 ? table.FileName : $"{table.FileName}_{_part}", options, cancellationToken).ConfigureAwait(false);
            output._workbook.StartTable(new Table(TableStyle.Medium2, _part == 1 ? table.TableName : table.TableName + _part.ToString(CultureInfo.InvariantCulture)));
            await output._workbook.AddHeaderRowAsync([.. table.Columns.Select(c => c.Name)], output._header, cancellationToken).ConfigureAwait(false);
        }

        private async ValueTask NextSheetAsync(CancellationToken cancellationToken)
        {
            _part++;
            _rows = 1;
            await StartAsync(cancellationToken).ConfigureAwait(false);
            await output._workbook.AddRowAsync(_cells, cancellationToken).ConfigureAwait(false);
        }

        private static DataCell Cell(in StarValue value) => !value.HasValue ? default : value.Kind switch
        {
            StarColumnKind.Text => Text(value.TextValue),
            StarColumnKind.WholeNumber => new DataCell(value.WholeValue),
            StarColumnKind.Number => new DataCell(value.NumberValue),
            StarColumnKind.Boolean => new DataCell(value.WholeValue != 0),
            StarColumnKind.Date when value.DateValue >= FirstUnambiguousExcelDate => new DataCell(value.DateValue.ToDateTime(TimeOnly.MinValue)),
            StarColumnKind.Date => Text(value.DateValue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => Text(value.TimestampValue.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };

        /// <summary>A text cell that reads back as itself in Excel.</summary>
        /// <remarks>SpreadCheetah writes text as inline strings (never a formula, so text starting with <c>= + - @</c> stays
        /// text) and drops characters XML cannot carry, as the own writer does; but it leaves a literal <c>_xHHHH_</c> as it
        /// is, which Excel would decode into another character, so its underscore is escaped here as the own writer does.</remarks>
        private static DataCell Text(string text) =>
            new(text.Contains("_x", StringComparison.Ordinal) ? ExcelEscape().Replace(text, "_x005F_") : text);
    }

    [GeneratedRegex("_(?=x[0-9A-Fa-f]{4}_)", RegexOptions.CultureInvariant)]
    private static partial Regex ExcelEscape();
}
