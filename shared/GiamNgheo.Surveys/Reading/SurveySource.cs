using System.IO.Compression;
using System.Text;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Surveys.Reading;

/// <summary>How a survey was packaged.</summary>
public enum SurveyFormat
{
    /// <summary>An .xlsx workbook with sheets thong_tin, ho, thanh_vien.</summary>
    Xlsx,

    /// <summary>A .zip holding thong_tin.csv, ho.csv and optionally thanh_vien.csv.</summary>
    CsvZip,

    /// <summary>A folder holding the same CSV files.</summary>
    CsvFolder,
}

/// <summary>An opened survey file (xlsx, zip of CSVs or folder of CSVs), detected by content rather than by file extension.</summary>
public sealed class SurveySource : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly SurveyLimits _limits;
    private readonly Stream? _ownedStream;
    private readonly XlsxWorkbookReader? _workbook;
    private readonly ZipArchive? _zip;
    private readonly Dictionary<string, string> _csvFiles = new(StringComparer.OrdinalIgnoreCase);
    private long _packageBytes;

    private SurveySource(SurveyFormat format, SurveyLimits limits, Stream? ownedStream, XlsxWorkbookReader? workbook, ZipArchive? zip)
    {
        Format = format;
        _limits = limits;
        _ownedStream = ownedStream;
        _workbook = workbook;
        _zip = zip;
    }

    /// <summary>The packaging detected.</summary>
    public SurveyFormat Format { get; }

    /// <summary>Opens a survey file (.xlsx or .zip) or a folder of CSV files.</summary>
    /// <exception cref="SurveyFormatException">The path is not a readable survey; the message says why in Vietnamese.</exception>
    public static SurveySource Open(string path, SurveyLimits? limits = null)
    {
        limits ??= SurveyLimits.Default;
        if (Directory.Exists(path))
        {
            var folder = new SurveySource(SurveyFormat.CsvFolder, limits, null, null, null);
            foreach (var file in Directory.EnumerateFiles(path, "*.csv"))
                folder._csvFiles[Path.GetFileName(file)] = file;
            folder.RequireCsv(Path.GetFileName(Path.TrimEndingDirectorySeparator(path)));
            return folder;
        }

        if (!File.Exists(path))
            throw new SurveyFormatException($"Không tìm thấy tệp hoặc thư mục \"{path}\".");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return Open(stream, Path.GetFileName(path), limits, ownsStream: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a survey from a seekable stream (buffer uploads to a temporary file first).</summary>
    /// <exception cref="SurveyFormatException">The content is not a readable survey; the message says why in Vietnamese.</exception>
    public static SurveySource Open(Stream stream, string displayName, SurveyLimits? limits = null, bool ownsStream = false)
    {
        limits ??= SurveyLimits.Default;
        if (!stream.CanSeek)
            throw new ArgumentException("The survey stream must be seekable.", nameof(stream));
        if (stream.Length == 0)
            throw new SurveyFormatException($"Tệp \"{displayName}\" rỗng.");
        if (stream.Length > limits.MaxFileBytes)
            throw new SurveyFormatException($"Tệp \"{displayName}\" quá lớn ({Megabytes(stream.Length)} MB); giới hạn là {Megabytes(limits.MaxFileBytes)} MB.");

        Span<byte> magic = stackalloc byte[4];
        stream.Position = 0;
        stream.ReadExactly(magic);
        stream.Position = 0;
        if (magic.SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
            throw new SurveyFormatException($"Tệp \"{displayName}\" là tệp Excel cũ (.xls) hoặc có đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu và lưu lại dạng .xlsx.");
        if (!magic.SequenceEqual("PK\x03\x04"u8))
            throw new SurveyFormatException($"Tệp \"{displayName}\" không phải tệp .xlsx hay .zip. Hãy tải lên bảng tính theo mẫu (xlsx) hoặc tệp nén các tệp CSV.");

        var readLimits = ReadLimits(limits);
        ZipArchive zip;
        bool isWorkbook;
        try
        {
            XlsxWorkbookReader.CheckEntryCount(stream, readLimits);
            stream.Position = 0;
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            // The central directory is read here, so damage in it surfaces inside this try.
            isWorkbook = zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (XlsxFormatException ex)
        {
            throw Translate(ex, displayName, null, limits);
        }
        catch (InvalidDataException ex)
        {
            throw new SurveyFormatException($"Tệp \"{displayName}\" bị hỏng, không giải nén được. Hãy lưu và tải lên lại.", ex);
        }

        if (isWorkbook)
        {
            zip.Dispose();
            try
            {
                var workbook = XlsxWorkbookReader.Open(stream, readLimits, leaveOpen: true);
                return new SurveySource(SurveyFormat.Xlsx, limits, ownsStream ? stream : null, workbook, null);
            }
            catch (XlsxFormatException ex)
            {
                throw Translate(ex, displayName, null, limits);
            }
        }

        var source = new SurveySource(SurveyFormat.CsvZip, limits, ownsStream ? stream : null, null, zip) { _packageBytes = stream.Length };
        foreach (var entry in zip.Entries)
        {
            if (entry.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
                source._csvFiles.TryAdd(entry.Name, entry.FullName);
        }

        source.RequireCsv(displayName);
        return source;
    }

    /// <summary>The spreadsheet reader's limits that follow from the survey's.</summary>
    internal static XlsxReadLimits ReadLimits(SurveyLimits limits) => new()
    {
        MaxPackageBytes = limits.MaxFileBytes,
        MaxPackageEntries = limits.MaxPackageEntries,
        MaxPartBytes = limits.MaxUncompressedBytes,
        MaxCompressionRatio = limits.MaxCompressionRatio,
        CompressionRatioFloorBytes = limits.CompressionRatioFloorBytes,
        MaxCellCharacters = limits.MaxCellCharacters,
        MaxRowCharacters = limits.MaxRowCharacters,
        MaxColumns = limits.MaxColumns,
        MaxRows = limits.MaxSheetRows,
    };

    /// <summary>Maps a spreadsheet-level failure to the Vietnamese explanation an officer can act on, at its place.</summary>
    /// <param name="ex">The failure.</param>
    /// <param name="fileName">The file's name, when the failure concerns the whole file.</param>
    /// <param name="sheet">The sheet or CSV file, when the failure is inside one.</param>
    /// <param name="limits">The limits the file was read with, quoted in the message.</param>
    internal static SurveyFormatException Translate(XlsxFormatException ex, string? fileName, string? sheet, SurveyLimits limits)
    {
        var file = fileName is null ? "Tệp" : $"Tệp \"{fileName}\"";
        var message = ex.Kind switch
        {
            XlsxErrorKind.TooLarge => TooLargeMessage(ex, file, limits),
            XlsxErrorKind.Encrypted => $"{file} có đặt mật khẩu hoặc là định dạng .xls cũ. Hãy lưu lại dạng .xlsx không mật khẩu.",
            XlsxErrorKind.NotAWorkbook => $"{file} không phải bảng tính Excel (.xlsx).",
            XlsxErrorKind.NotAZipPackage => $"{file} không phải tệp .xlsx hợp lệ.",
            _ when sheet is not null => $"Nội dung sheet {sheet} bị hỏng{(ex.Row is null ? "" : " (gần dòng này)")}, không đọc được. Hãy mở bằng Excel, lưu lại và tải lên lại.",
            _ => $"{file} bị hỏng ({ex.PartName}), không đọc được. Hãy mở bằng Excel, lưu lại và tải lên lại.",
        };
        return new SurveyFormatException(message, ex)
        {
            Sheet = sheet,
            Row = ex.Row,
            Column = ex.Column is { } column ? XlsxSheetReader.ColumnLetter(column) : null,
        };
    }

    private static string TooLargeMessage(XlsxFormatException ex, string file, SurveyLimits limits) => ex.Limit switch
    {
        XlsxLimit.CellCharacters => $"Ô có hơn {Number(limits.MaxCellCharacters)} ký tự, vượt giới hạn của Excel. Hãy rút gọn nội dung ô.",
        XlsxLimit.RowCharacters => $"Dòng có hơn {Number(limits.MaxRowCharacters)} ký tự. Hãy rút gọn nội dung các ô của dòng.",
        XlsxLimit.Columns => $"Dòng có ô vượt quá {Number(limits.MaxColumns)} cột, giới hạn của Excel.",
        XlsxLimit.RowNumber => $"Số dòng vượt quá {Number(XlsxReadLimits.Default.MaxRowNumber)}, giới hạn của Excel.",
        XlsxLimit.Rows => "Sheet có quá nhiều dòng; hãy chia tệp.",
        XlsxLimit.CompressionRatio => $"{file} giải nén ra lớn bất thường ({ex.PartName} lớn gấp hơn {limits.MaxCompressionRatio} lần khi nén), dấu hiệu tệp nén độc hại. Hãy lưu lại tệp từ Excel và tải lên lại.",
        XlsxLimit.SharedStrings => $"{file} có bảng chuỗi dùng chung quá lớn. Hãy chia tệp hoặc lưu lại từ Excel.",
        XlsxLimit.PackageEntries => $"{file} chứa quá nhiều tệp con; tệp khảo sát chỉ gồm vài tệp.",
        _ => $"{file} quá lớn sau khi giải nén ({ex.PartName}). Hãy chia nhỏ hoặc kiểm tra lại tệp.",
    };

    private static string Number(long value) => value.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>Opens a sheet (xlsx) or its CSV file; null when the survey does not contain it.</summary>
    internal ISheetCursor? OpenSheet(string name)
    {
        if (_workbook is not null)
        {
            try
            {
                var sheet = _workbook.OpenSheet(name);
                return sheet is null ? null : new XlsxSheetCursor(sheet, name, _limits);
            }
            catch (XlsxFormatException ex)
            {
                throw Translate(ex, null, name, _limits);
            }
        }

        var fileName = name + ".csv";
        if (!_csvFiles.TryGetValue(fileName, out var location))
            return null;
        Stream stream;
        try
        {
            stream = _zip is not null
                ? PartReadStream.Open(_zip.GetEntry(location)!, fileName, ReadLimits(_limits), _packageBytes)
                : new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (XlsxFormatException ex)
        {
            throw Translate(ex, null, fileName, _limits);
        }

        return new CsvSheetCursor(new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), fileName, _limits);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _workbook?.Dispose();
        _zip?.Dispose();
        _ownedStream?.Dispose();
    }

    private void RequireCsv(string displayName)
    {
        if (!_csvFiles.ContainsKey("ho.csv"))
        {
            Dispose();
            throw new SurveyFormatException($"\"{displayName}\" không chứa ho.csv. Tệp nén hoặc thư mục CSV phải có thong_tin.csv, ho.csv và (không bắt buộc) thanh_vien.csv.");
        }
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
}
