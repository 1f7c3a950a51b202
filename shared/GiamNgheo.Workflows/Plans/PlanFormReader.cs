using System.Globalization;
using System.Text.RegularExpressions;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Spreadsheets;

namespace GiamNgheo.Workflows.Plans;

/// <summary>Reads a filled-in plan form with the streaming xlsx reader and maps its cells to a plan, remembering where each
/// value came from so that every issue, the validator's included, points at a sheet, row and column.</summary>
internal sealed partial class PlanFormReader
{
    private const string WholeFile = "tệp";

    private static readonly XlsxReadLimits Limits = new()
    {
        MaxPackageBytes = PlanForm.MaxFileBytes,
        MaxPartBytes = 64L << 20,
        MaxSharedStrings = 200_000,
        MaxSharedStringCharacters = 16L << 20,
        // Enough for every list at its limit with blank rows in between; a sheet of a million formatted rows is refused.
        MaxRows = 20_000,
        MaxColumns = 256,
    };

    private readonly PlanIssueCollector _issues = new();
    private readonly Dictionary<string, int> _planRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableRead> _tables = new(StringComparer.Ordinal);
    private Dictionary<string, string> _planValues = new(StringComparer.Ordinal);
    private bool _planSheetFound;

    public static PlanReadResult TooLarge() =>
        PlanReadResult.Failed(WholeFile, $"Tệp quá lớn: tối đa {PlanForm.MaxFileBytes >> 20} MiB. Biểu mẫu kế hoạch đầy đủ chỉ vài chục KB; hãy kiểm tra lại tệp.");

    /// <summary>Reads the form from a seekable stream, which is left open.</summary>
    public static PlanReadResult Read(Stream input, AdminUnitCatalog? units)
    {
        if (input.Length > PlanForm.MaxFileBytes)
            return TooLarge();
        try
        {
            using var workbook = XlsxWorkbookReader.Open(input, Limits, leaveOpen: true);
            var reader = new PlanFormReader();
            var draft = reader.Plan(workbook);
            return reader._issues.Finish(draft, units, reader.Locate);
        }
        catch (XlsxFormatException ex)
        {
            return PlanReadResult.Failed(WholeFile, ex.Kind switch
            {
                XlsxErrorKind.TooLarge => "Tệp quá lớn sau khi giải nén hoặc có quá nhiều dòng. Hãy dùng biểu mẫu kế hoạch tải về từ hệ thống.",
                XlsxErrorKind.Encrypted => "Tệp có đặt mật khẩu hoặc là định dạng .xls cũ. Hãy lưu lại dạng .xlsx không mật khẩu.",
                XlsxErrorKind.NotAWorkbook or XlsxErrorKind.NotAZipPackage => "Tệp không phải bảng tính Excel (.xlsx). Hãy tải lên biểu mẫu kế hoạch đã điền.",
                _ => "Tệp bị hỏng, không đọc được. Hãy mở bằng Excel, lưu lại và tải lên lại.",
            });
        }
    }

    private ReportingPlan Plan(XlsxWorkbookReader workbook)
    {
        ReadPlanSheet(workbook);
        var reporters = ReadTable(workbook, PlanFormLayout.Reporters, Reporter);
        var periods = ReadTable(workbook, PlanFormLayout.Periods, Period);
        var targets = ReadTable(workbook, PlanFormLayout.Targets, Target);
        var defaults = ReminderPolicy.Default;
        return new ReportingPlan(
            PlanText("id"),
            PlanText("title"),
            Year(),
            PlanText("unitCode"),
            new PlanContact(PlanText("supervisor.id"), PlanText("supervisor.name"), PlanOptional("supervisor.email"), PlanOptional("supervisor.webhook")),
            reporters,
            periods,
            new ReminderPolicy(
                Days("reminders.daysBefore") ?? defaults.DaysBefore,
                Days("reminders.escalateDaysAfter") ?? defaults.EscalateDaysAfter,
                Time() ?? defaults.TimeOfDay),
            targets,
            PlanOptional("source"),
            PlanOptional("note"));
    }

    private void ReadPlanSheet(XlsxWorkbookReader workbook)
    {
        using var sheet = workbook.OpenSheet(PlanFormLayout.PlanSheet);
        if (sheet is null)
        {
            _issues.Located($"sheet {PlanFormLayout.PlanSheet}", $"Thiếu sheet {PlanFormLayout.PlanSheet} (thông tin chung của kế hoạch). Hãy dùng biểu mẫu tải về từ hệ thống.");
            foreach (var field in PlanFormLayout.PlanFields)
                _issues.Suppress(field.Key);
            return;
        }

        _planSheetFound = true;
        var known = PlanFormLayout.PlanFields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (sheet.Read())
        {
            if (sheet.ColumnCount == 0)
                continue;
            var key = PlanFormLayout.KeyOf(sheet.GetSpan(0));
            if (!known.Contains(key))
                continue;
            if (_planRows.TryGetValue(key, out var first))
            {
                _issues.Located($"sheet {PlanFormLayout.PlanSheet}, dòng {sheet.RowNumber}, cột A ({key})",
                    $"Mục {key} xuất hiện hai lần (đã có ở dòng {first}). Hãy xóa một dòng.");
                continue;
            }

            _planRows[key] = sheet.RowNumber;
            values[key] = sheet.ColumnCount > 1 ? sheet.GetSpan(1).Trim().ToString() : "";
        }

        _planValues = values;
    }

    private string PlanText(string key) => _planValues.GetValueOrDefault(key, "");

    private string? PlanOptional(string key) => PlanText(key) is { Length: > 0 } text ? text : null;

    private int Year()
    {
        var text = PlanText("year");
        if (text.Length == 0)
        {
            // Without the sheet there is nothing to say about its rows: the missing sheet is the one issue.
            if (_planSheetFound)
                _issues.Unmapped("year", "Thiếu năm kế hoạch, ví dụ 2021.");
            return 0;
        }

        if (TryInteger(text, out var year) && year is >= int.MinValue and <= int.MaxValue)
            return (int)year;
        _issues.Unmapped("year", $"Năm kế hoạch {PlanValidator.Show(text)} không phải một số nguyên, ví dụ 2021.");
        return 0;
    }

    private TimeOnly? Time()
    {
        var text = PlanText("reminders.timeOfDay");
        if (text.Length == 0)
            return null;
        if (TryTime(text, out var time))
            return time;
        _issues.Unmapped("reminders.timeOfDay", $"Giờ gửi nhắc {PlanValidator.Show(text)} không hợp lệ: ghi dạng HH:mm (24 giờ), ví dụ 08:00.");
        return null;
    }

    private List<int>? Days(string key)
    {
        var text = PlanText(key);
        if (text.Length == 0)
            return null;
        if (text.Equals(PlanFormLayout.NoDays, StringComparison.OrdinalIgnoreCase) || text is "khong" or "-")
            return [];
        var days = new List<int>();
        foreach (var part in text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (days.Count > PlanRules.MaxReminderDays || !TryInteger(part, out var day) || day is < int.MinValue or > int.MaxValue)
            {
                _issues.Unmapped(key, $"{PlanValidator.Show(text)} không hợp lệ: ghi các số ngày nguyên cách nhau bằng dấu phẩy, ví dụ 7, 3, 1, 0 " +
                    $"(tối đa {PlanRules.MaxReminderDays + 1} số), hoặc \"{PlanFormLayout.NoDays}\".");
                return null;
            }

            days.Add((int)day);
        }

        return days;
    }

    private List<T> ReadTable<T>(XlsxWorkbookReader workbook, FormTable table, Func<Row, T> map)
    {
        var items = new List<T>();
        using var sheet = workbook.OpenSheet(table.Sheet);
        if (sheet is null)
        {
            if (table.Required)
            {
                _issues.Located($"sheet {table.Sheet}", $"Thiếu sheet {table.Sheet} (danh sách {table.What}). Hãy dùng biểu mẫu tải về từ hệ thống.");
                _issues.Suppress(table.Path);
            }

            return items;
        }

        var read = new TableRead(table);
        _tables[table.Path] = read;
        var extra = 0;
        var headerRead = false;
        while (sheet.Read())
        {
            if (sheet.IsRowEmpty)
                continue;
            if (!headerRead)
            {
                Header(sheet, read);
                headerRead = true;
                continue;
            }

            if (items.Count == table.MaxRows)
            {
                extra++;
                continue;
            }

            read.Rows.Add(sheet.RowNumber);
            items.Add(map(new Row(this, sheet, read, $"{table.Path}[{items.Count}]")));
        }

        if (!headerRead)
        {
            _issues.Located($"sheet {table.Sheet}, dòng 1", $"Sheet {table.Sheet} không có dòng tiêu đề; dòng đầu tiên phải là tên các cột như trong biểu mẫu.");
            _issues.Suppress(table.Path);
        }

        if (extra > 0)
            _issues.At(table.Path, $"Sheet có {table.MaxRows + extra} {table.What}; tối đa {table.MaxRows}. Chỉ {table.MaxRows} dòng đầu được kiểm tra.");
        foreach (var missing in read.MissingColumns)
        {
            for (var i = 0; i < items.Count; i++)
                _issues.Suppress($"{table.Path}[{i}].{missing}");
        }

        return items;
    }

    private void Header(XlsxSheetReader sheet, TableRead read)
    {
        for (var i = 0; i < sheet.ColumnCount; i++)
        {
            var key = PlanFormLayout.KeyOf(sheet.GetSpan(i));
            if (read.Table.Columns.All(c => c.Key != key))
                continue;
            if (!read.Columns.TryAdd(key, i))
            {
                _issues.Located($"sheet {read.Table.Sheet}, dòng {sheet.RowNumber}, cột {XlsxSheetReader.ColumnLetter(i)} ({key})",
                    $"Cột {key} xuất hiện hai lần (đã có ở cột {XlsxSheetReader.ColumnLetter(read.Columns[key])}). Hãy xóa một cột.");
            }
        }

        foreach (var column in read.Table.Columns.Where(c => !read.Columns.ContainsKey(c.Key)))
        {
            if (column.Required)
            {
                _issues.Located($"sheet {read.Table.Sheet}, dòng {sheet.RowNumber}",
                    $"Thiếu cột bắt buộc \"{PlanFormLayout.HeaderText(column)}\". Không sửa phần trong ngoặc ở tiêu đề cột.");
                read.MissingColumns.Add(column.Key);
            }
        }
    }

    private static PlanReporter Reporter(Row row) => new(
        row.Text("id"), row.Text("name"), row.Optional("email"), row.Optional("unitCode"), row.Optional("webhook"),
        row.Date("activeFrom", "Ngày bắt đầu báo cáo", required: false), row.Date("activeUntil", "Ngày thôi báo cáo", required: false));

    private static PlanPeriod Period(Row row) => new(row.Text("id"), row.Text("label"), row.Date("due", "Hạn nộp", required: true) ?? default);

    private static PlanTarget Target(Row row) =>
        new(row.Text("id"), row.Text("label"), row.Text("measure"), row.Number("value") ?? 0, row.Text("unit"), row.Number("base", required: false));

    /// <summary>Where a JSON path of the plan is in this form.</summary>
    private string Locate(string path)
    {
        if (path == "$")
            return WholeFile;
        var item = ItemPath().Match(path);
        if (item.Success && _tables.TryGetValue(item.Groups["list"].Value, out var table))
        {
            var place = $"sheet {table.Table.Sheet}";
            if (!item.Groups["index"].Success || !int.TryParse(item.Groups["index"].ValueSpan, CultureInfo.InvariantCulture, out var index) || index >= table.Rows.Count)
                return place;
            place += $", dòng {table.Rows[index]}";
            if (!item.Groups["key"].Success)
                return place;
            var key = item.Groups["key"].Value;
            return table.Columns.TryGetValue(key, out var column) ? $"{place}, cột {XlsxSheetReader.ColumnLetter(column)} ({key})" : $"{place} ({key})";
        }

        if (item.Success)
            return $"sheet {PlanFormLayout.Tables.First(t => t.Path == item.Groups["list"].Value).Sheet}";

        // reminders.daysBefore[2] is a number within the one cell of reminders.daysBefore.
        var field = ListIndex().Replace(path, "");
        if (field == "supervisor")
            return $"sheet {PlanFormLayout.PlanSheet}";
        return _planRows.TryGetValue(field, out var row)
            ? $"sheet {PlanFormLayout.PlanSheet}, dòng {row}, cột B ({field})"
            : $"sheet {PlanFormLayout.PlanSheet} ({field})";
    }

    [GeneratedRegex(@"^(?<list>reporters|periods|targets)(\[(?<index>\d+)\](\.(?<key>\w+))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemPath();

    [GeneratedRegex(@"\[\d+\]$", RegexOptions.CultureInvariant)]
    private static partial Regex ListIndex();

    /// <summary>A whole number as a cell holds it: "4", or "4.0" and "4E0" as spreadsheets store numbers.</summary>
    private static bool TryInteger(string text, out long value)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            return true;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number)
            && number is >= long.MinValue and <= long.MaxValue)
        {
            value = (long)number;
            return true;
        }

        return false;
    }

    /// <summary>A number: what Excel stores (a double's text, read back to the 15 digits a double holds) or what an officer
    /// types in a text cell, with a decimal point or a single decimal comma ("8,74").</summary>
    private static bool TryNumber(string text, out decimal value)
    {
        value = 0;
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0 && comma == text.LastIndexOf(',') && !text.Contains('.', StringComparison.Ordinal))
            text = text.Replace(',', '.');
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number)
            || Math.Abs(number) >= (double)decimal.MaxValue)
        {
            return false;
        }

        // The conversion keeps 15 significant digits, so 0.10000000000000001 (how a double of 0.1 may be written) is 0.1.
        value = PlanJsonReader.Normalized((decimal)number);
        return true;
    }

    /// <summary>A date: an Excel serial number, or text dd/mm/yyyy (d/m/yyyy too) or yyyy-mm-dd.</summary>
    private static bool TryDate(string text, out DateOnly date)
    {
        date = default;
        if (TryInteger(text, out var serial))
        {
            // Excel counts from 1899-12-30, and pretends 29/02/1900 (serial 60) existed; plan dates are far later anyway.
            if (serial is < 61 or > 2_958_465)
                return false;
            date = DateOnly.FromDayNumber(new DateOnly(1899, 12, 30).DayNumber + (int)serial);
            return true;
        }

        return DateOnly.TryParseExact(text, ["d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>A time of day: text H:mm or HH:mm, or an Excel time (a fraction of a day).</summary>
    private static bool TryTime(string text, out TimeOnly time)
    {
        if (TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
            return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and < 1
            && Math.Round(fraction * 24 * 60) is var minutes && minutes < 24 * 60)
        {
            time = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minutes));
            return true;
        }

        return false;
    }

    /// <summary>What is known about one list sheet of this file: the row each item came from and where each column is.</summary>
    private sealed class TableRead(FormTable table)
    {
        public FormTable Table { get; } = table;

        public List<int> Rows { get; } = [];

        public Dictionary<string, int> Columns { get; } = new(StringComparer.Ordinal);

        public List<string> MissingColumns { get; } = [];
    }

    /// <summary>One data row of a list sheet, read into one plan item.</summary>
    private readonly struct Row(PlanFormReader reader, XlsxSheetReader sheet, TableRead table, string path)
    {
        public string Text(string key) => table.Columns.TryGetValue(key, out var column) && column < sheet.ColumnCount ? sheet.GetSpan(column).Trim().ToString() : "";

        public string? Optional(string key) => Text(key) is { Length: > 0 } text ? text : null;

        public DateOnly? Date(string key, string label, bool required)
        {
            var text = Text(key);
            if (text.Length == 0)
            {
                if (required && table.Columns.ContainsKey(key))
                    reader._issues.Unmapped($"{path}.{key}", $"Thiếu {label.ToLowerInvariant()}.");
                return null;
            }

            if (TryDate(text, out var date))
                return date;
            reader._issues.Unmapped($"{path}.{key}", $"{label} {PlanValidator.Show(text)} không phải một ngày: nhập ngày của Excel hoặc dd/mm/yyyy, ví dụ 10/06/2021.");
            return null;
        }

        public decimal? Number(string key, bool required = true)
        {
            var text = Text(key);
            if (text.Length == 0)
            {
                if (required && table.Columns.ContainsKey(key))
                    reader._issues.Unmapped($"{path}.{key}", "Thiếu giá trị chỉ tiêu.");
                return null;
            }

            if (TryNumber(text, out var value))
                return value;
            reader._issues.Unmapped($"{path}.{key}", $"Giá trị {PlanValidator.Show(text)} không phải một số, ví dụ 1,5.");
            return null;
        }
    }
}
