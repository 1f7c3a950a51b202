using System.Text;
using GiamNgheo.Spreadsheets;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Changes;

/// <summary>One household of a start-of-period list: its code and its class at the start of the year.</summary>
/// <param name="HouseholdId">The household code (<c>ma_ho</c>) in Unicode NFC, as household codes are compared everywhere.</param>
/// <param name="Class">The class at the start of the year: <c>ngheo</c> or <c>can_ngheo</c>.</param>
/// <param name="Row">The row in the file, for messages.</param>
public sealed record StartListEntry(string HouseholdId, string Class, int Row);

/// <summary>One declared change of a household during the year.</summary>
/// <param name="HouseholdId">The household the change is about: its code at the start of the year, or for <c>chuyen_den</c> and
/// <c>tach_ho</c> its code in this year's list.</param>
/// <param name="Kind">One of <see cref="ChangeListReader.ChangeKinds"/>.</param>
/// <param name="NewHouseholdId">For <c>doi_ma</c>: the household's code in this year's list.</param>
/// <param name="RelatedHouseholdId">For <c>nhap_ho</c> the household it joined, for <c>tach_ho</c> the one it split from (optional, kept for the record).</param>
/// <param name="OldCommuneCode">The pre-2025 commune whose list holds <see cref="HouseholdId"/>, when codes of merged communes collide.</param>
/// <param name="Row">The row in the file, for messages.</param>
public sealed record DeclaredChange(string HouseholdId, string Kind, string? NewHouseholdId, string? RelatedHouseholdId, string? OldCommuneCode, int Row);

/// <summary>What a start-of-period list or a declaration file held, with every problem located by sheet, row and column.</summary>
/// <typeparam name="T">A start-list entry or a declared change.</typeparam>
public sealed record ChangeListResult<T>(IReadOnlyList<T> Rows, SurveyIssues Issues);

/// <summary>Reads the two files a commune uploads for the <c>bien-dong</c> report: the start-of-period list (sheet or CSV
/// <c>dau_ky</c>) and the declared changes (sheet or CSV <c>bien_dong</c>); formats in docs/changes-format.md.</summary>
/// <remarks>Headers are matched as in the survey (key, "Nhãn (key)" or the Vietnamese label alone) and codes as in the survey
/// (the code, or its label without regard to case and diacritics), through the survey's own reading machinery.</remarks>
public static class ChangeListReader
{
    /// <summary>Sheet (or CSV file name without <c>.csv</c>) of the start-of-period list.</summary>
    public const string StartSheet = "dau_ky";

    /// <summary>Sheet (or CSV file name without <c>.csv</c>) of the declared changes.</summary>
    public const string ChangesSheet = "bien_dong";

    /// <summary>A household code renamed during the year (<c>ma_ho_moi</c> gives the new code).</summary>
    public const string Renamed = "doi_ma";

    /// <summary>Moved away from the commune.</summary>
    public const string MovedOut = "chuyen_di";

    /// <summary>Moved into the commune (the code is this year's).</summary>
    public const string MovedIn = "chuyen_den";

    /// <summary>Merged into another household.</summary>
    public const string Merged = "nhap_ho";

    /// <summary>Split off from a household (the code is the new household's).</summary>
    public const string Split = "tach_ho";

    /// <summary>No member left (died out).</summary>
    public const string DiedOut = "khong_con";

    /// <summary>The classes a start-of-period list may give.</summary>
    public static IReadOnlyList<CodeValue> StartClasses { get; } =
    [
        new("ngheo", "Hộ nghèo"),
        new("can_ngheo", "Hộ cận nghèo"),
    ];

    /// <summary>The kinds of declared change.</summary>
    public static IReadOnlyList<CodeValue> ChangeKinds { get; } =
    [
        new(Renamed, "Đổi mã hộ"),
        new(MovedOut, "Chuyển đi"),
        new(MovedIn, "Chuyển đến"),
        new(Merged, "Nhập vào hộ khác"),
        new(Split, "Tách hộ"),
        new(DiedOut, "Hộ không còn người"),
    ];

    /// <summary>The columns of the start-of-period list.</summary>
    public static IReadOnlyList<SurveyColumn> StartColumns { get; } =
    [
        new("ma_ho", "Mã hộ", ColumnKind.Text, true, "Mã hộ như trong danh sách hộ nghèo, hộ cận nghèo được công nhận đầu năm."),
        new("phan_loai", "Phân loại đầu kỳ", ColumnKind.Code, true, "Hộ nghèo (ngheo) hoặc hộ cận nghèo (can_ngheo).", StartClasses),
    ];

    /// <summary>The columns of the declared changes.</summary>
    public static IReadOnlyList<SurveyColumn> ChangeColumns { get; } =
    [
        new("ma_ho", "Mã hộ", ColumnKind.Text, true, "Mã hộ đầu năm; với chuyển đến và tách hộ: mã hộ trong danh sách năm nay."),
        new("loai_bien_dong", "Loại biến động", ColumnKind.Code, true, "doi_ma, chuyen_di, chuyen_den, nhap_ho, tach_ho, khong_con.", ChangeKinds),
        new("ma_ho_moi", "Mã hộ mới", ColumnKind.Text, false, "Với đổi mã hộ: mã của hộ trong danh sách năm nay."),
        new("ma_ho_lien_quan", "Mã hộ liên quan", ColumnKind.Text, false, "Với nhập hộ: hộ nhận; với tách hộ: hộ gốc (không bắt buộc)."),
        new("ma_xa_cu", "Mã xã cũ", ColumnKind.Digits, false, "Mã xã trước sắp xếp 2025 có mã hộ này, khi mã hộ của các xã cũ trùng nhau.", DigitCount: 5),
        new("ghi_chu", "Ghi chú", ColumnKind.Text, false, "Không bắt buộc."),
    ];

    /// <summary>Reads a start-of-period list (.xlsx with sheet <c>dau_ky</c>, or a UTF-8 CSV file).</summary>
    /// <exception cref="SurveyFormatException">The file cannot be read at all; the message says why in Vietnamese.</exception>
    public static ChangeListResult<StartListEntry> ReadStartList(Stream file, string displayName, SurveyLimits? limits = null)
    {
        limits ??= SurveyLimits.Default;
        var issues = new SurveyIssues(limits.MaxListedIssues);
        var rows = new List<StartListEntry>();
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        Read(file, displayName, StartSheet, StartColumns, limits, issues, (cursor, header) =>
        {
            var code = Code(cursor, header.Column("ma_ho"), true, issues);
            var @class = Choice(cursor, header.Column("phan_loai"), StartClasses, issues);
            if (code is null || @class is null)
                return;
            if (!firstRow.TryAdd(code, cursor.RowNumber))
            {
                issues.Error(cursor.Name, cursor.RowNumber, cursor.ColumnLabel(header.IndexOf("ma_ho")), "ma_ho", $"Mã hộ trùng với dòng {firstRow[code]}; mỗi hộ chỉ ghi một lần.");
                return;
            }

            rows.Add(new StartListEntry(code, @class, cursor.RowNumber));
        });
        return new ChangeListResult<StartListEntry>(rows, issues);
    }

    /// <summary>Reads declared changes (.xlsx with sheet <c>bien_dong</c>, or a UTF-8 CSV file).</summary>
    /// <exception cref="SurveyFormatException">The file cannot be read at all; the message says why in Vietnamese.</exception>
    public static ChangeListResult<DeclaredChange> ReadDeclarations(Stream file, string displayName, SurveyLimits? limits = null)
    {
        limits ??= SurveyLimits.Default;
        var issues = new SurveyIssues(limits.MaxListedIssues);
        var rows = new List<DeclaredChange>();
        var declared = new Dictionary<(string, string?, bool), int>();
        var renamedTo = new Dictionary<string, int>(StringComparer.Ordinal);
        Read(file, displayName, ChangesSheet, ChangeColumns, limits, issues, (cursor, header) =>
        {
            var codeColumn = header.Column("ma_ho");
            var code = Code(cursor, codeColumn, true, issues);
            var kind = Choice(cursor, header.Column("loai_bien_dong"), ChangeKinds, issues);
            var newColumn = header.Column("ma_ho_moi");
            var newCode = Code(cursor, newColumn, false, issues);
            var related = Code(cursor, header.Column("ma_ho_lien_quan"), false, issues);
            var oldCommune = Commune(cursor, header.Column("ma_xa_cu"), issues);
            if (code is null || kind is null)
                return;
            if (kind == Renamed && newCode is null)
            {
                issues.Error(cursor.Name, cursor.RowNumber, newColumn.Present ? cursor.ColumnLabel(newColumn.Index) : null, "ma_ho_moi", "Đổi mã hộ cần ghi mã hộ mới (cột ma_ho_moi).");
                return;
            }

            if (kind == Renamed && newCode == code && oldCommune is null)
            {
                issues.Error(cursor.Name, cursor.RowNumber, cursor.ColumnLabel(newColumn.Index), "ma_ho_moi", "Mã hộ mới trùng mã hộ cũ; nếu hộ không đổi mã thì không cần khai báo.");
                return;
            }

            // A household has one fate at the start (renamed, moved out, merged, died out) and one origin in this year's list.
            var arriving = kind is MovedIn or Split;
            if (!declared.TryAdd((code, arriving ? null : oldCommune, arriving), cursor.RowNumber))
            {
                issues.Error(cursor.Name, cursor.RowNumber, cursor.ColumnLabel(codeColumn.Index), "ma_ho",
                    $"Hộ này đã được khai báo ở dòng {declared[(code, arriving ? null : oldCommune, arriving)]}; mỗi hộ chỉ có một biến động {(arriving ? "đến" : "đi")}.");
                return;
            }

            if (kind == Renamed && !renamedTo.TryAdd(newCode!, cursor.RowNumber))
            {
                issues.Error(cursor.Name, cursor.RowNumber, cursor.ColumnLabel(newColumn.Index), "ma_ho_moi", $"Mã hộ mới này đã được gán cho hộ khác ở dòng {renamedTo[newCode!]}.");
                return;
            }

            rows.Add(new DeclaredChange(code, kind, kind == Renamed ? newCode : null, related, oldCommune, cursor.RowNumber));
        });
        return new ChangeListResult<DeclaredChange>(rows, issues);
    }

    private static void Read(Stream file, string displayName, string sheet, IReadOnlyList<SurveyColumn> columns, SurveyLimits limits, SurveyIssues issues, Action<ISheetCursor, SheetHeader> row)
    {
        try
        {
            using var cursor = Open(file, displayName, sheet, limits);
            if (cursor is null)
            {
                issues.Error(null, null, null, null, $"Tệp \"{displayName}\" không có sheet {sheet}. Hãy đặt tên sheet là {sheet} hoặc tải lên tệp CSV.");
                return;
            }

            var header = SheetHeader.Read(cursor, columns, issues);
            if (header is null || issues.HasErrors)
                return;
            while (cursor.Read())
            {
                if (!cursor.IsRowEmpty)
                    row(cursor, header);
            }
        }
        catch (SurveyFormatException unreadable)
        {
            issues.Error(unreadable);
        }
    }

    private static ISheetCursor? Open(Stream file, string displayName, string sheet, SurveyLimits limits)
    {
        if (!file.CanSeek)
            throw new ArgumentException("The file stream must be seekable.", nameof(file));
        if (file.Length == 0)
            throw new SurveyFormatException($"Tệp \"{displayName}\" rỗng.");
        if (file.Length > limits.MaxFileBytes)
            throw new SurveyFormatException($"Tệp \"{displayName}\" quá lớn; giới hạn là {limits.MaxFileBytes >> 20} MB.");
        Span<byte> magic = stackalloc byte[4];
        file.Position = 0;
        var read = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        file.Position = 0;
        if (read == 4 && magic.SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
            throw new SurveyFormatException($"Tệp \"{displayName}\" là tệp Excel cũ (.xls) hoặc có đặt mật khẩu. Hãy lưu lại dạng .xlsx không mật khẩu hoặc CSV UTF-8.");
        if (read < 4 || !magic.SequenceEqual("PK\x03\x04"u8))
            return new CsvSheetCursor(new StreamReader(file, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true), displayName, limits);

        try
        {
            var workbook = XlsxWorkbookReader.Open(file, SurveySource.ReadLimits(limits), leaveOpen: true);
            var reader = workbook.OpenSheet(sheet);
            return reader is null ? null : new OwningCursor(new XlsxSheetCursor(reader, sheet, limits), workbook);
        }
        catch (XlsxFormatException ex)
        {
            throw SurveySource.Translate(ex, displayName, null, limits);
        }
    }

    private static string? Code(ISheetCursor cursor, ColumnRef column, bool required, SurveyIssues issues)
    {
        var text = column.Present ? cursor.Get(column.Index).Trim() : default;
        if (text.IsEmpty)
        {
            if (required)
                issues.Error(cursor.Name, cursor.RowNumber, column.Present ? cursor.ColumnLabel(column.Index) : null, column.Key, "Thiếu mã hộ.");
            return null;
        }

        if (!HouseholdCode.TryNormalize(text, out var code, out var reason))
        {
            issues.Error(cursor.Name, cursor.RowNumber, cursor.ColumnLabel(column.Index), column.Key, reason!);
            return null;
        }

        return code.ToString();
    }

    private static string? Choice(ISheetCursor cursor, ColumnRef column, IReadOnlyList<CodeValue> codes, SurveyIssues issues)
    {
        var text = column.Present ? cursor.Get(column.Index).Trim() : default;
        if (CellParser.MatchCode(text, codes) is { } code)
            return code;
        var allowed = string.Join(", ", codes.Select(c => $"{c.Code} ({c.Label})"));
        issues.Error(cursor.Name, cursor.RowNumber, column.Present ? cursor.ColumnLabel(column.Index) : null, column.Key,
            text.IsEmpty ? $"Ô trống; hãy ghi một trong: {allowed}." : $"Giá trị \"{text}\" không hợp lệ; hãy ghi một trong: {allowed}.");
        return null;
    }

    private static string? Commune(ISheetCursor cursor, ColumnRef column, SurveyIssues issues)
    {
        var text = column.Present ? cursor.Get(column.Index).Trim() : default;
        if (text.IsEmpty)
            return null;
        if (CellParser.IsDigits(text, 5))
            return text.ToString();
        issues.Error(cursor.Name, cursor.RowNumber, cursor.ColumnLabel(column.Index), column.Key, "Mã xã cũ phải gồm đúng 5 chữ số (giữ số 0 ở đầu, ví dụ 00004).");
        return null;
    }

    /// <summary>A sheet cursor that also closes the workbook it was opened from.</summary>
    private sealed class OwningCursor(ISheetCursor inner, IDisposable owner) : ISheetCursor
    {
        public string Name => inner.Name;

        public int RowNumber => inner.RowNumber;

        public int ColumnCount => inner.ColumnCount;

        public bool IsRowEmpty => inner.IsRowEmpty;

        public bool Read() => inner.Read();

        public ReadOnlySpan<char> Get(int column) => inner.Get(column);

        public string ColumnLabel(int column) => inner.ColumnLabel(column);

        public void Dispose()
        {
            inner.Dispose();
            owner.Dispose();
        }
    }
}
