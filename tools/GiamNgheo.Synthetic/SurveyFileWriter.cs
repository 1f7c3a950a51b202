using GiamNgheo.Surveys.Reading;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using GiamNgheo.Surveys.Schema;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Synthetic;

/// <summary>A value for one cell; digit codes travel as text so their leading zeros survive.</summary>
internal readonly record struct SurveyCell(SurveyCellKind Kind, string? Text = null, long Integer = 0, decimal Decimal = 0)
{
    public static SurveyCell Empty => default;

    public static SurveyCell Of(string? text) => text is null ? Empty : new(SurveyCellKind.Text, Text: text);

    public static SurveyCell Of(long? value) => value is { } v ? new(SurveyCellKind.Integer, Integer: v) : Empty;

    public static SurveyCell Of(decimal? value) => value is { } v ? new(SurveyCellKind.Decimal, Decimal: v) : Empty;

    /// <summary>1, 0, or blank.</summary>
    public static SurveyCell Of(bool? flag) => flag is { } f ? Of(f ? 1L : 0L) : Empty;
}

internal enum SurveyCellKind : byte
{
    Empty,
    Text,
    Integer,
    Decimal,
}

/// <summary>Writes the sheets of one survey, one after another, in one of the <see cref="SurveyFormat"/> packagings.</summary>
/// <remarks>
/// Output goes to a temporary name and appears under its real name only on <see cref="Commit"/>: a failed or cancelled
/// run would otherwise leave a well-formed but truncated survey that scores without complaint.
/// </remarks>
internal abstract class SurveyFileWriter : IDisposable
{
    protected const string PartialSuffix = ".partial";

    private bool _committed;

    public static SurveyFileWriter Create(SurveyFormat format, string path, DateTimeOffset timestamp) => format switch
    {
        SurveyFormat.Xlsx => new XlsxSurveyWriter(path),
        SurveyFormat.CsvZip => new CsvZipSurveyWriter(path, timestamp),
        SurveyFormat.CsvFolder => new CsvFolderSurveyWriter(path),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format."),
    };

    public abstract void StartSheet(string name, IReadOnlyList<SurveyColumn> columns);

    public abstract void WriteRow(ReadOnlySpan<SurveyCell> cells);

    public abstract void EndSheet();

    /// <summary>Completes the survey and moves it to its real name.</summary>
    public void Commit()
    {
        Finish();
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
            Abandon();
    }

    protected abstract void Finish();

    /// <summary>Closes and deletes whatever was written.</summary>
    protected abstract void Abandon();
}

/// <summary>RFC 4180 CSV: UTF-8 without BOM, commas, CRLF line ends, the keys as header.</summary>
internal abstract class CsvSurveyWriter : SurveyFileWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly char[] _number = new char[64];
    private StreamWriter? _sheet;

    public override void StartSheet(string name, IReadOnlyList<SurveyColumn> columns)
    {
        _sheet = new StreamWriter(OpenSheet(name + ".csv"), Utf8, bufferSize: 1 << 16);
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
                _sheet.Write(',');
            WriteField(_sheet, columns[i].Key);
        }

        _sheet.Write("\r\n");
    }

    public override void WriteRow(ReadOnlySpan<SurveyCell> cells)
    {
        var sheet = _sheet!;
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                sheet.Write(',');
            var cell = cells[i];
            int length;
            switch (cell.Kind)
            {
                case SurveyCellKind.Text:
                    WriteField(sheet, cell.Text!);
                    continue;
                case SurveyCellKind.Integer:
                    cell.Integer.TryFormat(_number, out length, default, CultureInfo.InvariantCulture);
                    break;
                case SurveyCellKind.Decimal:
                    cell.Decimal.TryFormat(_number, out length, default, CultureInfo.InvariantCulture);
                    break;
                default:
                    continue;
            }

            sheet.Write(_number, 0, length);
        }

        sheet.Write("\r\n");
    }

    public override void EndSheet()
    {
        _sheet!.Dispose();
        _sheet = null;
    }

    /// <summary>Writes one field, quoted when it holds a comma, a quote or a line break, with quotes doubled.</summary>
    internal static void WriteField(TextWriter writer, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>The stream of the sheet being written, if any.</summary>
    protected Stream? OpenStream => _sheet?.BaseStream;

    /// <summary>Opens the stream of one CSV file; it is closed with the sheet.</summary>
    protected abstract Stream OpenSheet(string fileName);
}

/// <summary>A zip holding one CSV per sheet.</summary>
internal sealed class CsvZipSurveyWriter : CsvSurveyWriter
{
    private readonly string _path;
    private readonly string _partial;
    private readonly DateTimeOffset _timestamp;
    private readonly FileStream _file;
    private readonly ZipArchive _archive;

    public CsvZipSurveyWriter(string path, DateTimeOffset timestamp)
    {
        _path = path;
        _partial = path + PartialSuffix;
        _timestamp = timestamp;
        _file = new FileStream(_partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _archive = new ZipArchive(_file, ZipArchiveMode.Create);
    }

    protected override Stream OpenSheet(string fileName)
    {
        var entry = _archive.CreateEntry(fileName, CompressionLevel.Optimal);
        // A fixed time instead of now, so the same seed gives the same zip.
        entry.LastWriteTime = _timestamp;
        return entry.Open();
    }

    protected override void Finish()
    {
        _archive.Dispose();
        File.Move(_partial, _path, overwrite: true);
    }

    protected override void Abandon()
    {
        // Closing the file under the archive skips flushing entries and a central directory that are about to be deleted.
        _file.Dispose();
        File.Delete(_partial);
    }
}

/// <summary>A folder holding one CSV per sheet; other files in it are left alone.</summary>
internal sealed class CsvFolderSurveyWriter : CsvSurveyWriter
{
    private readonly string _folder;
    private readonly List<string> _written = [];

    public CsvFolderSurveyWriter(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    protected override Stream OpenSheet(string fileName)
    {
        var path = Path.Combine(_folder, fileName);
        _written.Add(path);
        return new FileStream(path + PartialSuffix, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    protected override void Finish()
    {
        foreach (var path in _written)
            File.Move(path + PartialSuffix, path, overwrite: true);
    }

    protected override void Abandon()
    {
        try
        {
            // The file itself, not its writer: flushing half a row into a file about to be deleted is pointless.
            OpenStream?.Dispose();
        }
        finally
        {
            foreach (var path in _written)
                File.Delete(path + PartialSuffix);
        }
    }
}

/// <summary>An xlsx workbook with the template's header texts.</summary>
internal sealed class XlsxSurveyWriter : SurveyFileWriter
{
    private readonly string _path;
    private readonly string _partial;
    private readonly FileStream _file;
    private readonly XlsxStreamWriter _workbook;
    private XlsxCell[] _cells = [];

    public XlsxSurveyWriter(string path)
    {
        _path = path;
        _partial = path + PartialSuffix;
        _file = new FileStream(_partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _workbook = new XlsxStreamWriter(_file);
    }

    public override void StartSheet(string name, IReadOnlyList<SurveyColumn> columns)
    {
        _workbook.StartSheet(name, freezeHeaderRow: true);
        _workbook.WriteHeaderRow(columns.Select(c => c.HeaderText));
        _cells = new XlsxCell[columns.Count];
    }

    public override void WriteRow(ReadOnlySpan<SurveyCell> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            _cells[i] = cell.Kind switch
            {
                SurveyCellKind.Text => XlsxCell.Text(cell.Text),
                SurveyCellKind.Integer => XlsxCell.Number(cell.Integer),
                SurveyCellKind.Decimal => XlsxCell.Number(cell.Decimal),
                _ => XlsxCell.Empty,
            };
        }

        _workbook.WriteRow(_cells.AsSpan(0, cells.Length));
    }

    public override void EndSheet() => _workbook.EndSheet();

    protected override void Finish()
    {
        _workbook.Dispose();
        File.Move(_partial, _path, overwrite: true);
    }

    protected override void Abandon()
    {
        // Closing the file first stops the workbook from completing a package that is about to be deleted.
        _file.Dispose();
        File.Delete(_partial);
    }
}
