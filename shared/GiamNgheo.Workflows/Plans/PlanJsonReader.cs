using System.Globalization;
using System.Text;
using System.Text.Json;
using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Workflows.Plans;

/// <summary>Maps a parsed JSON plan to a <see cref="ReportingPlan"/> field by field, reporting what has the wrong type or shape.</summary>
/// <remarks>Only types and shapes are checked here (a string where a string belongs, a date in <c>YYYY-MM-DD</c>); whether the
/// values make sense is <see cref="PlanValidator"/>'s job. Text is trimmed and blank optional text counts as absent.</remarks>
internal sealed class PlanJsonReader
{
    private static readonly string[] PlanFields = ["id", "title", "year", "unitCode", "supervisor", "reporters", "periods", "reminders", "targets", "source", "note"];
    private static readonly string[] ContactFields = ["id", "name", "email", "webhook"];
    private static readonly string[] ReporterFields = ["id", "name", "unitCode", "email", "webhook", "activeFrom", "activeUntil"];
    private static readonly string[] PeriodFields = ["id", "label", "due"];
    private static readonly string[] ReminderFields = ["daysBefore", "escalateDaysAfter", "timeOfDay"];
    private static readonly string[] TargetFields = ["id", "label", "measure", "value", "unit", "base"];

    // Distinct days within 0–60 can be at most 61; a longer list is hostile or a mistake, and its elements are not read.
    private const int MaxDays = PlanRules.MaxReminderDays + 1;

    private readonly PlanIssueCollector _issues = new();

    public static PlanReadResult Read(JsonElement root, AdminUnitCatalog? units)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return PlanReadResult.Failed("$", $"Kế hoạch phải là một đối tượng JSON {{…}}, không phải {Kind(root.ValueKind)}.");
        var reader = new PlanJsonReader();
        ReportingPlan draft;
        try
        {
            draft = reader.Plan(root);
        }
        catch (InvalidOperationException ex) when (ex.InnerException is DecoderFallbackException)
        {
            // PlanDocument checks raw bytes first; an element parsed by the caller may still hold text that is not UTF-8.
            return PlanReadResult.Failed("$", "Tài liệu có ký tự không phải UTF-8. Hãy lưu lại với bảng mã UTF-8.");
        }

        return reader._issues.Finish(draft, units, path => path);
    }

    private ReportingPlan Plan(JsonElement root)
    {
        var fields = Fields(root, "", PlanFields);
        return new ReportingPlan(
            Text(fields, "id", ""),
            Text(fields, "title", ""),
            Year(fields),
            Text(fields, "unitCode", ""),
            Supervisor(fields),
            List(fields, "reporters", "", PlanRules.MaxReporters, "đơn vị báo cáo", Reporter),
            List(fields, "periods", "", PlanRules.MaxPeriods, "kỳ báo cáo", Period),
            Reminders(fields),
            List(fields, "targets", "", PlanRules.MaxTargets, "chỉ tiêu", Target),
            Optional(fields, "source", ""),
            Optional(fields, "note", ""));
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "một đối tượng {…}",
        JsonValueKind.Array => "một danh sách […]",
        JsonValueKind.String => "một chuỗi",
        JsonValueKind.Number => "một số",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };

    /// <summary>The object's fields by name; unknown and repeated fields are reported.</summary>
    private Dictionary<string, JsonElement> Fields(JsonElement element, string path, string[] allowed)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = Join(path, property.Name);
            if (!allowed.Contains(property.Name))
                _issues.At(at, $"Trường {PlanValidator.Show(property.Name)} không có trong mẫu kế hoạch; các trường được dùng ở đây: {string.Join(", ", allowed)}.");
            else if (!fields.TryAdd(property.Name, property.Value))
                _issues.Unmapped(at, $"Trường \"{property.Name}\" xuất hiện hai lần; chỉ được ghi một lần.");
        }

        return fields;
    }

    /// <summary>The value of a field, or null when it is absent or JSON null (both mean "not given").</summary>
    private static JsonElement? Value(Dictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string Text(Dictionary<string, JsonElement> fields, string name, string path) => Optional(fields, name, path) ?? "";

    private string? Optional(Dictionary<string, JsonElement> fields, string name, string path)
    {
        if (Value(fields, name) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            _issues.Unmapped(Join(path, name), $"Phải là một chuỗi văn bản trong dấu nháy kép, không phải {Kind(value.ValueKind)}.");
            return null;
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    private int Year(Dictionary<string, JsonElement> fields)
    {
        if (Value(fields, "year") is not { } value)
        {
            _issues.Unmapped("year", "Thiếu năm kế hoạch (year), ví dụ 2021.");
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var year))
            return year;
        _issues.Unmapped("year", $"Năm kế hoạch phải là một số nguyên không có dấu nháy, ví dụ 2021, không phải {Kind(value.ValueKind)}.");
        return 0;
    }

    private DateOnly? Date(Dictionary<string, JsonElement> fields, string name, string path, string label, bool required)
    {
        var at = Join(path, name);
        if (Value(fields, name) is not { } value)
        {
            if (required)
                _issues.Unmapped(at, $"Thiếu {label} ({name}), dạng \"YYYY-MM-DD\".");
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        var shown = value.ValueKind == JsonValueKind.String ? PlanValidator.Show(value.GetString()!) : Kind(value.ValueKind);
        _issues.Unmapped(at, $"{Capitalized(label)} phải là một ngày có thật dạng \"YYYY-MM-DD\", ví dụ \"2021-06-10\"; đang là {shown}.");
        return null;
    }

    private static string Capitalized(string text) => char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    private List<T> List<T>(Dictionary<string, JsonElement> fields, string name, string path, int max, string what, Func<JsonElement, string, T> item)
    {
        var at = Join(path, name);
        var list = new List<T>();
        if (Value(fields, name) is not { } value)
            return list;
        if (value.ValueKind != JsonValueKind.Array)
        {
            _issues.Unmapped(at, $"Phải là một danh sách […], không phải {Kind(value.ValueKind)}.");
            return list;
        }

        var count = value.GetArrayLength();
        if (count > max)
            _issues.At(at, $"Danh sách có {count} {what}; tối đa {max}. Chỉ {max} mục đầu được kiểm tra.");
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (index == max)
                break;
            list.Add(item(element, $"{at}[{index}]"));
            index++;
        }

        return list;
    }

    /// <summary>The fields of an element that must be an object; null (reported) when it is not.</summary>
    private Dictionary<string, JsonElement>? Object(JsonElement element, string path, string[] allowed, string what)
    {
        if (element.ValueKind == JsonValueKind.Object)
            return Fields(element, path, allowed);
        _issues.Unmapped(path, $"Mỗi {what} phải là một đối tượng {{…}}, không phải {Kind(element.ValueKind)}.");
        return null;
    }

    private PlanContact Supervisor(Dictionary<string, JsonElement> plan)
    {
        var value = Value(plan, "supervisor");
        if (value is not { ValueKind: JsonValueKind.Object } supervisor)
        {
            _issues.Unmapped("supervisor", value is null
                ? "Thiếu nơi nhận báo cáo (supervisor): mã, tên và email hoặc webhook."
                : $"Nơi nhận báo cáo phải là một đối tượng {{\"id\", \"name\", \"email\"}}, không phải {Kind(value.Value.ValueKind)}.");
            return new PlanContact("", "");
        }

        var fields = Fields(supervisor, "supervisor", ContactFields);
        return new PlanContact(Text(fields, "id", "supervisor"), Text(fields, "name", "supervisor"),
            Optional(fields, "email", "supervisor"), Optional(fields, "webhook", "supervisor"));
    }

    private PlanReporter Reporter(JsonElement element, string path)
    {
        if (Object(element, path, ReporterFields, "đơn vị báo cáo") is not { } fields)
            return new PlanReporter("", "");
        return new PlanReporter(
            Text(fields, "id", path),
            Text(fields, "name", path),
            Optional(fields, "email", path),
            Optional(fields, "unitCode", path),
            Optional(fields, "webhook", path),
            Date(fields, "activeFrom", path, "ngày bắt đầu báo cáo", required: false),
            Date(fields, "activeUntil", path, "ngày thôi báo cáo", required: false));
    }

    private PlanPeriod Period(JsonElement element, string path)
    {
        if (Object(element, path, PeriodFields, "kỳ báo cáo") is not { } fields)
            return new PlanPeriod("", "", default);
        return new PlanPeriod(Text(fields, "id", path), Text(fields, "label", path),
            Date(fields, "due", path, "hạn nộp", required: true) ?? default);
    }

    private PlanTarget Target(JsonElement element, string path)
    {
        if (Object(element, path, TargetFields, "chỉ tiêu") is not { } fields)
            return new PlanTarget("", "", "", 0, "");
        return new PlanTarget(Text(fields, "id", path), Text(fields, "label", path), Text(fields, "measure", path),
            Number(fields, "value", path, "Giá trị chỉ tiêu", required: true) ?? 0, Text(fields, "unit", path),
            Number(fields, "base", path, "Tổng số hộ làm mẫu số", required: false));
    }

    private decimal? Number(Dictionary<string, JsonElement> fields, string name, string path, string label, bool required)
    {
        var at = Join(path, name);
        if (Value(fields, name) is not { } value)
        {
            if (required)
                _issues.Unmapped(at, $"Thiếu {label.ToLowerInvariant()} ({name}), ví dụ 1.5.");
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
            return Normalized(number);
        _issues.Unmapped(at, $"{label} phải là một số không có dấu nháy, dấu chấm thập phân, ví dụ 1.5; đang là {Kind(value.ValueKind)}.");
        return null;
    }

    /// <summary>The value without trailing zeros (2.50 → 2.5), so that JSON and the form give the same plan.</summary>
    internal static decimal Normalized(decimal value) => value / 1.0000000000000000000000000000m;

    private ReminderPolicy Reminders(Dictionary<string, JsonElement> plan)
    {
        var defaults = ReminderPolicy.Default;
        if (Value(plan, "reminders") is not { } value)
            return defaults;
        if (value.ValueKind != JsonValueKind.Object)
        {
            _issues.Unmapped("reminders", $"Lịch nhắc phải là một đối tượng {{\"daysBefore\", \"escalateDaysAfter\", \"timeOfDay\"}}, không phải {Kind(value.ValueKind)}.");
            return defaults;
        }

        var fields = Fields(value, "reminders", ReminderFields);
        return new ReminderPolicy(
            Days(fields, "daysBefore") ?? defaults.DaysBefore,
            Days(fields, "escalateDaysAfter") ?? defaults.EscalateDaysAfter,
            Time(fields) ?? defaults.TimeOfDay);
    }

    private List<int>? Days(Dictionary<string, JsonElement> fields, string name)
    {
        var at = $"reminders.{name}";
        if (Value(fields, name) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            _issues.Unmapped(at, $"Phải là một danh sách số ngày, ví dụ [7, 3, 1, 0], không phải {Kind(value.ValueKind)}.");
            return null;
        }

        if (value.GetArrayLength() > MaxDays)
        {
            _issues.Unmapped(at, $"Danh sách có {value.GetArrayLength()} số ngày; tối đa {MaxDays} số khác nhau từ 0 đến {PlanRules.MaxReminderDays}.");
            return null;
        }

        var days = new List<int>();
        foreach (var element in value.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var day))
            {
                days.Add(day);
                continue;
            }

            _issues.Unmapped($"{at}[{days.Count}]", $"Số ngày phải là một số nguyên, ví dụ 3, không phải {Kind(element.ValueKind)}.");
            // A value the validator refuses keeps the indices of the following days right; its issue is dropped as unmapped.
            days.Add(-1);
        }

        return days;
    }

    private TimeOnly? Time(Dictionary<string, JsonElement> fields)
    {
        if (Value(fields, "timeOfDay") is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        var shown = value.ValueKind == JsonValueKind.String ? PlanValidator.Show(value.GetString()!) : Kind(value.ValueKind);
        _issues.Unmapped("reminders.timeOfDay", $"Giờ gửi nhắc phải có dạng \"HH:mm\" (24 giờ), ví dụ \"08:00\"; đang là {shown}.");
        return null;
    }
}
