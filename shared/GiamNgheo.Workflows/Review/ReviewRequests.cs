using System.Globalization;
using System.Text.Json;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Workflows.Review;

/// <summary>A problem in a request body, located and explained in Vietnamese.</summary>
/// <param name="Location">Where: a JSON path such as <c>thamDu</c> or <c>contacts[2].email</c>; empty for the whole body.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record ReviewIssue(string Location, string Message)
{
    /// <summary>"thamDu: …".</summary>
    public override string ToString() => Location.Length == 0 ? Message : $"{Location}: {Message}";
}

/// <summary>What a start request asks for, checked.</summary>
/// <param name="Milestones">Every milestone step's date (defaults filled in).</param>
/// <param name="PostingDays">Default posting length in working days.</param>
/// <param name="Reminders">Reminder policy.</param>
/// <param name="Supervisor">The province officer for late lists, if named.</param>
/// <param name="Contacts">Communes' reminder addresses.</param>
public sealed record StartRequest(
    IReadOnlyDictionary<string, DateOnly> Milestones,
    int PostingDays,
    ReminderPolicy Reminders,
    PlanContact? Supervisor,
    IReadOnlyList<CommuneContact> Contacts);

/// <summary>Reads the review's request bodies into checked inputs, with every problem located (a 400 answer, not a rule refusal).</summary>
public static class ReviewRequests
{
    /// <summary>Largest request body read, in bytes (a province's contacts are a few tens of kilobytes).</summary>
    public const int MaxBodyBytes = 1 << 20;

    private const int MaxTextLength = 2000;

    /// <summary>Parses a body; an empty body is null (no facts).</summary>
    public static (JsonElement? Body, IReadOnlyList<ReviewIssue> Issues) ParseJson(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Span.Trim(" \t\r\n"u8).IsEmpty)
            return (null, []);
        try
        {
            using var document = JsonDocument.Parse(utf8);
            return (document.RootElement.Clone(), []);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (dòng {line + 1}, vị trí {ex.BytePositionInLine + 1})" : string.Empty;
            return (null, [new ReviewIssue(string.Empty, $"Nội dung yêu cầu không phải JSON hợp lệ{where}.")]);
        }
    }

    /// <summary>Reads the facts of a step (<paramref name="step"/> must be a known id other than the automatic <c>khao-sat</c>).</summary>
    public static (StepInput? Input, IReadOnlyList<ReviewIssue> Issues) ParseStep(string step, JsonElement? body)
    {
        var reader = new Reader();
        StepInput? input = step switch
        {
            ReviewSteps.Listing => reader.Object(body, []) is not null ? new ListingInput() : null,
            ReviewSteps.Meetings => reader.Object(body, ["thon", "ngay", "thamDu", "dongY"]) is { } o
                ? Meeting(reader, o)
                : null,
            ReviewSteps.Posting => reader.Object(body, ["batDau", "soNgayLamViec"]) is { } o
                ? Posting(reader, o)
                : null,
            ReviewSteps.Recheck => reader.Object(body, ["soDon", "ngay", "ketQua"]) is { } o
                ? Recheck(reader, o)
                : null,
            ReviewSteps.Decision => reader.Object(body, ["so", "ngay"]) is { } o
                ? Decision(reader, o)
                : null,
            ReviewSteps.Reopen => reader.Object(body, ["lyDo"]) is { } o
                ? new ReopenInput(reader.Text(o, "lyDo", MaxTextLength, allowEmpty: true) ?? string.Empty)
                : null,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a step with facts."),
        };
        return reader.Issues.Count > 0 ? (null, reader.Issues) : (input, []);
    }

    /// <summary>Reads a start request; absent parts take the defaults.</summary>
    /// <param name="body">The body, or null for an empty one.</param>
    /// <param name="year">The review year (its window).</param>
    /// <param name="communes">The province's communes (contacts must name one of them).</param>
    /// <param name="defaults">Milestones and posting length when not given.</param>
    public static (StartRequest? Request, IReadOnlyList<ReviewIssue> Issues) ParseStart(JsonElement? body, ReviewYear year, IReadOnlyCollection<string> communes, ReviewDefaults defaults)
    {
        var reader = new Reader();
        var root = body is null ? default(JsonElement?) : reader.Object(body, ["milestones", "postingWorkingDays", "reminders", "supervisor", "contacts"]);
        if (reader.Issues.Count > 0)
            return (null, reader.Issues);

        var milestones = new Dictionary<string, DateOnly>(defaults.Milestones(year), StringComparer.Ordinal);
        if (root is { } r && r.TryGetProperty("milestones", out var given))
            ReadMilestones(reader, given, year, milestones);
        var postingDays = root is { } p && p.TryGetProperty("postingWorkingDays", out _)
            ? reader.Integer(p, "postingWorkingDays", 1, ReviewRules.MaxPostingDays) ?? 0
            : defaults.PostingWorkingDays;
        var reminders = root is { } q && q.TryGetProperty("reminders", out var policy) ? ReadPolicy(reader, policy) : ReminderPolicy.Default;
        var supervisor = root is { } s && s.TryGetProperty("supervisor", out var who) ? ReadSupervisor(reader, who) : null;
        var contacts = root is { } c && c.TryGetProperty("contacts", out var list) ? ReadContacts(reader, list, communes) : [];
        return reader.Issues.Count > 0
            ? (null, reader.Issues)
            : (new StartRequest(milestones, postingDays, reminders!, supervisor, contacts), []);
    }

    private static MeetingInput? Meeting(Reader reader, JsonElement o)
    {
        var thon = reader.Text(o, "thon", 100);
        var ngay = reader.Date(o, "ngay");
        var thamDu = reader.Integer(o, "thamDu", 1, 100_000);
        var dongY = reader.Integer(o, "dongY", 0, 100_000);
        if (thamDu is { } attending && dongY > attending)
            reader.Add("dongY", $"Số người đồng ý ({dongY}) không thể lớn hơn số người tham dự ({attending}).");
        return thon is null || ngay is null || thamDu is null || dongY is null ? null : new MeetingInput(thon, ngay.Value, thamDu.Value, dongY.Value);
    }

    private static PostingInput? Posting(Reader reader, JsonElement o)
    {
        var batDau = reader.Date(o, "batDau");
        var days = o.TryGetProperty("soNgayLamViec", out var d) && d.ValueKind != JsonValueKind.Null
            ? reader.Integer(o, "soNgayLamViec", 1, ReviewRules.MaxPostingDays)
            : null;
        return batDau is null ? null : new PostingInput(batDau.Value, days);
    }

    private static RecheckInput? Recheck(Reader reader, JsonElement o)
    {
        var soDon = reader.Integer(o, "soDon", 0, 100_000);
        var ngay = reader.Date(o, "ngay");
        var ketQua = reader.Text(o, "ketQua", MaxTextLength);
        return soDon is null || ngay is null || ketQua is null ? null : new RecheckInput(soDon.Value, ngay.Value, ketQua);
    }

    private static DecisionInput? Decision(Reader reader, JsonElement o)
    {
        var so = reader.Text(o, "so", 64);
        var ngay = reader.Date(o, "ngay");
        return so is null || ngay is null ? null : new DecisionInput(so, ngay.Value);
    }

    private static void ReadMilestones(Reader reader, JsonElement given, ReviewYear year, Dictionary<string, DateOnly> milestones)
    {
        if (given.ValueKind != JsonValueKind.Object)
        {
            reader.Add("milestones", $"Phải là một đối tượng: mỗi bước ({string.Join(", ", ReviewSteps.WithMilestone)}) với một ngày YYYY-MM-DD.");
            return;
        }

        var ok = true;
        foreach (var item in given.EnumerateObject())
        {
            var where = "milestones." + item.Name;
            if (!ReviewSteps.WithMilestone.Contains(item.Name))
            {
                reader.Add(where, $"Không có bước này hoặc bước này không có mốc thời gian; các bước có mốc: {string.Join(", ", ReviewSteps.WithMilestone)}.");
                ok = false;
            }
            else if (Reader.AsDate(item.Value) is not { } date)
            {
                reader.Add(where, "Phải là một ngày dạng YYYY-MM-DD.");
                ok = false;
            }
            else if (!year.IsInReviewWindow(date))
            {
                reader.Add(where, $"Ngày {ReviewRules.Day(date)} nằm ngoài thời gian rà soát định kỳ {ReviewRules.Day(year.ReviewWindowStart)}–{ReviewRules.Day(year.ReviewWindowEnd)} (Điều 3 QĐ 24/2021/QĐ-TTg).");
                ok = false;
            }
            else
            {
                milestones[item.Name] = date;
            }
        }

        if (!ok)
            return;
        var steps = ReviewSteps.WithMilestone;
        for (var i = 1; i < steps.Count; i++)
        {
            if (milestones[steps[i]] < milestones[steps[i - 1]])
                reader.Add("milestones." + steps[i], $"Mốc {ReviewRules.Day(milestones[steps[i]])} sớm hơn mốc của bước trước ({steps[i - 1]}: {ReviewRules.Day(milestones[steps[i - 1]])}).");
        }
    }

    private static ReminderPolicy? ReadPolicy(Reader reader, JsonElement policy)
    {
        if (reader.Object(policy, ["daysBefore", "escalateDaysAfter", "timeOfDay"], "reminders") is not { } o)
            return null;
        var before = o.TryGetProperty("daysBefore", out _) ? reader.Integers(o, "daysBefore", 0, 60, "reminders.") : ReminderPolicy.Default.DaysBefore;
        var after = o.TryGetProperty("escalateDaysAfter", out _) ? reader.Integers(o, "escalateDaysAfter", 1, 60, "reminders.") : ReminderPolicy.Default.EscalateDaysAfter;
        TimeOnly? time = ReminderPolicy.Default.TimeOfDay;
        if (o.TryGetProperty("timeOfDay", out var t))
        {
            time = t.ValueKind == JsonValueKind.String && TimeOnly.TryParseExact(t.GetString(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
            if (time is null)
                reader.Add("reminders.timeOfDay", "Phải là giờ dạng HH:mm (giờ Việt Nam), ví dụ \"08:00\".");
        }

        return before is null || after is null || time is null ? null : new ReminderPolicy(before, after, time.Value);
    }

    private static PlanContact? ReadSupervisor(Reader reader, JsonElement who)
    {
        if (reader.Object(who, ["id", "name", "email", "webhook"], "supervisor") is not { } o)
            return null;
        var name = reader.Text(o, "name", 200, prefix: "supervisor.");
        var id = o.TryGetProperty("id", out _) ? reader.Text(o, "id", 64, prefix: "supervisor.") : "tinh";
        var email = reader.Email(o, "email", "supervisor.");
        var webhook = reader.Webhook(o, "webhook", "supervisor.");
        return name is null || id is null ? null : new PlanContact(id, name, email, webhook);
    }

    private static List<CommuneContact> ReadContacts(Reader reader, JsonElement list, IReadOnlyCollection<string> communes)
    {
        var contacts = new List<CommuneContact>();
        if (list.ValueKind != JsonValueKind.Array)
        {
            reader.Add("contacts", "Phải là một danh sách: [{\"communeCode\", \"name\", \"email\", \"webhook\"}, …].");
            return contacts;
        }

        var index = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.EnumerateArray())
        {
            var prefix = $"contacts[{index++}]";
            var before = reader.Issues.Count;
            if (reader.Object(item, ["communeCode", "name", "email", "webhook"], prefix) is not { } o)
                continue;
            var code = reader.Text(o, "communeCode", 5, prefix: prefix + ".");
            var name = o.TryGetProperty("name", out _) ? reader.Text(o, "name", 200, prefix: prefix + ".") : null;
            var email = reader.Email(o, "email", prefix + ".");
            var webhook = reader.Webhook(o, "webhook", prefix + ".");
            if (code is null || reader.Issues.Count > before)
                continue;
            if (!communes.Contains(code))
                reader.Add(prefix + ".communeCode", $"Xã {code} không thuộc tỉnh trong danh mục đơn vị hành chính của năm rà soát.");
            else if (!seen.Add(code))
                reader.Add(prefix + ".communeCode", $"Xã {code} đã có trong danh sách liên hệ.");
            else if (email is null && webhook is null)
                reader.Add(prefix, "Cần ít nhất một địa chỉ nhận nhắc việc: email hoặc webhook.");
            else
                contacts.Add(new CommuneContact(code, name, email, webhook));
        }

        return contacts;
    }

    /// <summary>Collects issues while reading fields of a JSON object.</summary>
    private sealed class Reader
    {
        public List<ReviewIssue> Issues { get; } = [];

        public void Add(string location, string message) => Issues.Add(new ReviewIssue(location, message));

        /// <summary>The object, or null (with an issue) when it is not one or has fields other than <paramref name="fields"/>.</summary>
        public JsonElement? Object(JsonElement? element, IReadOnlyList<string> fields, string location = "")
        {
            if (element is not { } value || value.ValueKind == JsonValueKind.Null)
            {
                if (fields.Count == 0)
                    return default(JsonElement);
                Add(location, $"Thiếu nội dung: cần một đối tượng JSON với các trường {string.Join(", ", fields)}.");
                return null;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                Add(location, fields.Count == 0 ? "Phải là một đối tượng JSON rỗng {}." : $"Phải là một đối tượng JSON với các trường {string.Join(", ", fields)}.");
                return null;
            }

            var before = Issues.Count;
            foreach (var property in value.EnumerateObject().Where(p => !fields.Contains(p.Name)))
            {
                var where = location.Length == 0 ? property.Name : $"{location}.{property.Name}";
                Add(where, property.Name == "ketThuc"
                    ? "Ngày kết thúc niêm yết được tính từ batDau và soNgayLamViec; không gửi trường này."
                    : fields.Count == 0 ? "Bước này không có trường nào; hãy gửi {}." : $"Không có trường này; các trường là: {string.Join(", ", fields)}.");
            }

            return Issues.Count == before ? value : null;
        }

        public string? Text(JsonElement o, string name, int maxLength, bool allowEmpty = false, string prefix = "")
        {
            if (!o.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            {
                Add(prefix + name, value.ValueKind == JsonValueKind.Undefined ? "Thiếu trường này (một chuỗi)." : "Phải là một chuỗi.");
                return null;
            }

            var text = value.GetString()!.Trim();
            if (text.Length == 0 && !allowEmpty)
                Add(prefix + name, "Không được để trống.");
            else if (text.Length > maxLength)
                Add(prefix + name, $"Dài quá {maxLength} ký tự.");
            else
                return text;
            return null;
        }

        public int? Integer(JsonElement o, string name, int min, int max)
        {
            if (!o.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            {
                Add(name, value.ValueKind == JsonValueKind.Undefined ? $"Thiếu trường này (một số nguyên từ {min} đến {max})." : $"Phải là một số nguyên từ {min} đến {max}.");
                return null;
            }

            if (number >= min && number <= max)
                return number;
            Add(name, $"Phải từ {min} đến {max}; nhận được {number}.");
            return null;
        }

        public List<int>? Integers(JsonElement o, string name, int min, int max, string prefix)
        {
            var value = o.GetProperty(name);
            if (value.ValueKind != JsonValueKind.Array)
            {
                Add(prefix + name, $"Phải là một danh sách số nguyên từ {min} đến {max}.");
                return null;
            }

            var list = new List<int>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var n) && n >= min && n <= max)
                    list.Add(n);
                else
                    Add($"{prefix}{name}[{index}]", $"Phải là một số nguyên từ {min} đến {max}.");
                index++;
            }

            return list.Count == index ? list : null;
        }

        public DateOnly? Date(JsonElement o, string name)
        {
            if (o.TryGetProperty(name, out var value) && AsDate(value) is { } date)
                return date;
            Add(name, value.ValueKind == JsonValueKind.Undefined ? "Thiếu trường này (một ngày dạng YYYY-MM-DD)." : "Phải là một ngày dạng YYYY-MM-DD.");
            return null;
        }

        public string? Email(JsonElement o, string name, string prefix)
        {
            if (!o.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
            if (text is { Length: > 2 and <= 254 } && text.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < text.Length - 1 && !text.Any(char.IsWhiteSpace))
                return text;
            Add(prefix + name, "Phải là một địa chỉ email, ví dụ \"can-bo@example.vn\".");
            return null;
        }

        public string? Webhook(JsonElement o, string name, string prefix)
        {
            if (!o.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind == JsonValueKind.String && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                return uri.ToString();
            Add(prefix + name, "Phải là một địa chỉ https:// đầy đủ.");
            return null;
        }

        public static DateOnly? AsDate(JsonElement value) =>
            value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : null;
    }
}
