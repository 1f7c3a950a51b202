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

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new SurveyFormatException($"Tệp \"{displayName}\" bị hỏng, không giải nén được. Hãy lưu và tải lên lại.", ex);
        }

        if (zip.GetEntry("xl/workbook.xml") is not null)
        {
            zip.Dispose();
            try
            {
                var workbook = XlsxWorkbookReader.Open(stream, new XlsxReadLimits { MaxPartBytes = limits.MaxUncompressedBytes, MaxRows = Math.Max(limits.MaxHouseholds, limits.MaxMembers) + 1 });
                return new SurveySource(SurveyFormat.Xlsx, limits, ownsStream ? stream : null, workbook, null);
            }
            catch (XlsxFormatException ex)
            {
                throw Translate(ex, displayName);
            }
        }

        var source = new SurveySource(SurveyFormat.CsvZip, limits, ownsStream ? stream : null, null, zip);
        foreach (var entry in zip.Entries)
        {
            if (entry.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
                source._csvFiles.TryAdd(entry.Name, entry.FullName);
        }

        source.RequireCsv(displayName);
        return source;
    }

    /// <summary>Maps a spreadsheet-level failure to the Vietnamese explanation an officer can act on.</summary>
    internal static SurveyFormatException Translate(XlsxFormatException ex, string displayName) => new(ex.Kind switch
    {
        XlsxErrorKind.TooLarge => $"Tệp \"{displayName}\" quá lớn sau khi giải nén ({ex.PartName}). Hãy chia nhỏ hoặc kiểm tra lại tệp.",
        XlsxErrorKind.Encrypted => $"Tệp \"{displayName}\" có đặt mật khẩu hoặc là định dạng .xls cũ. Hãy lưu lại dạng .xlsx không mật khẩu.",
        XlsxErrorKind.NotAWorkbook => $"Tệp \"{displayName}\" không phải bảng tính Excel (.xlsx).",
        XlsxErrorKind.NotAZipPackage => $"Tệp \"{displayName}\" không phải tệp .xlsx hợp lệ.",
        _ => $"Tệp \"{displayName}\" bị hỏng ({ex.PartName}), không đọc được. Hãy mở bằng Excel, lưu lại và tải lên lại.",
    }, ex);

    /// <summary>Opens a sheet (xlsx) or its CSV file; null when the survey does not contain it.</summary>
    internal ISheetCursor? OpenSheet(string name)
    {
        if (_workbook is not null)
        {
            var sheet = _workbook.OpenSheet(name);
            return sheet is null ? null : new XlsxSheetCursor(sheet, name);
        }

        var fileName = name + ".csv";
        if (!_csvFiles.TryGetValue(fileName, out var location))
            return null;
        Stream stream = _zip is not null
            ? new PartReadStream(_zip.GetEntry(location)!.Open(), fileName, _limits.MaxUncompressedBytes)
            : new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return new CsvSheetCursor(new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), fileName);
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
