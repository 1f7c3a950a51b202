using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Workflows.Plans;

/// <summary>A reporting plan as JSON: reading with every problem located by JSON path in Vietnamese, and writing back.</summary>
/// <remarks>
/// The shape is the issue's: <c>{"id","title","year","unitCode","supervisor":{…},"reporters":[…],"periods":[…],
/// "reminders"?:{…},"targets"?:[…],"source"?,"note"?}</c>, dates <c>YYYY-MM-DD</c>, the reminder time <c>HH:mm</c>
/// (docs/plans.md lists every field). Reading never surfaces System.Text.Json's English exceptions: malformed JSON is one
/// issue with its line and character, anything else is mapped field by field and then checked by <see cref="PlanValidator"/>.
/// Unknown fields are refused, because a misspelt optional field ("webHook") silently dropped would mean no reminders.
/// Writing is canonical (fixed field order, absent optional fields left out), so read → write → read gives the same plan.
/// </remarks>
public static class PlanDocument
{
    // A byte-order mark does not count against the limit.
    private const int MaxBufferedBytes = PlanRules.MaxDocumentBytes + 3;

    // Vietnamese letters, "&" and quotes stay readable in the example files and answers. The relaxed encoder does not
    // escape HTML-sensitive characters, which is safe because plans are served as application/json, never inside HTML.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private static readonly JsonWriterOptions IndentedWriter = new() { Indented = true, NewLine = "\n", Encoder = Encoder };
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = Encoder };
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    /// <summary>Serializer options that read and write <see cref="ReportingPlan"/> exactly as this class does (web defaults otherwise).</summary>
    /// <remarks>Reading through them validates against <see cref="AdminUnitCatalog.Default"/> and throws a <see cref="JsonException"/>
    /// whose message lists the Vietnamese issues; use <see cref="Read(ReadOnlySpan{byte}, AdminUnitCatalog?)"/> to get them one by one.</remarks>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    /// <summary>Reads a plan from UTF-8 JSON (a leading byte-order mark is allowed).</summary>
    /// <param name="utf8Json">The document; over <see cref="PlanRules.MaxDocumentBytes"/> it is refused unread.</param>
    /// <param name="units">The administrative units; <see cref="AdminUnitCatalog.Default"/> when null.</param>
    public static PlanReadResult Read(ReadOnlySpan<byte> utf8Json, AdminUnitCatalog? units = null)
    {
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            utf8Json = utf8Json[3..];
        if (utf8Json.Length > PlanRules.MaxDocumentBytes)
            return TooLarge();
        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
            return PlanReadResult.Failed("$", "Nội dung rỗng: cần một kế hoạch dạng JSON.");

        // The parser leaves bytes inside strings undecoded until they are read, so bad UTF-8 is found here, before mapping.
        if (FirstInvalidUtf8(utf8Json) is var invalid and >= 0)
        {
            return PlanReadResult.Failed(Place(utf8Json, invalid),
                "Tệp không được lưu dạng UTF-8 (có byte không hợp lệ ở vị trí này). Hãy lưu lại tệp với bảng mã UTF-8.");
        }

        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);
            // ParseValue stops after the first value; reading on finds anything but whitespace after it.
            reader.Read();
            return Read(document.RootElement, units);
        }
        catch (JsonException ex)
        {
            return Malformed(utf8Json, ex);
        }
    }

    /// <summary>Reads a plan from a stream of UTF-8 JSON, which is read to its end or until it is over <see cref="PlanRules.MaxDocumentBytes"/>.</summary>
    public static PlanReadResult Read(Stream utf8Json, AdminUnitCatalog? units = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = utf8Json.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBufferedBytes)
                return TooLarge();
        }

        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), units);
    }

    /// <summary>Reads a plan from a stream of UTF-8 JSON (an HTTP request body) without blocking.</summary>
    public static async Task<PlanReadResult> ReadAsync(Stream utf8Json, AdminUnitCatalog? units = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await utf8Json.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBufferedBytes)
                return TooLarge();
        }

        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), units);
    }

    /// <summary>Reads a plan from a parsed JSON value (e.g. a field of a larger request).</summary>
    public static PlanReadResult Read(JsonElement json, AdminUnitCatalog? units = null) => PlanJsonReader.Read(json, units);

    /// <summary>Writes the plan as one JSON object to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, ReportingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(plan);
        writer.WriteStartObject();
        writer.WriteString("id", plan.Id);
        writer.WriteString("title", plan.Title);
        writer.WriteNumber("year", plan.Year);
        writer.WriteString("unitCode", plan.UnitCode);
        writer.WritePropertyName("supervisor");
        writer.WriteStartObject();
        writer.WriteString("id", plan.Supervisor.Id);
        writer.WriteString("name", plan.Supervisor.Name);
        WriteOptional(writer, "email", plan.Supervisor.Email);
        WriteOptional(writer, "webhook", plan.Supervisor.Webhook);
        writer.WriteEndObject();

        writer.WriteStartArray("reporters");
        foreach (var reporter in plan.Reporters)
        {
            writer.WriteStartObject();
            writer.WriteString("id", reporter.Id);
            writer.WriteString("name", reporter.Name);
            WriteOptional(writer, "unitCode", reporter.UnitCode);
            WriteOptional(writer, "email", reporter.Email);
            WriteOptional(writer, "webhook", reporter.Webhook);
            if (reporter.ActiveFrom is { } from)
                writer.WriteString("activeFrom", IsoDate(from));
            if (reporter.ActiveUntil is { } until)
                writer.WriteString("activeUntil", IsoDate(until));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("periods");
        foreach (var period in plan.Periods)
        {
            writer.WriteStartObject();
            writer.WriteString("id", period.Id);
            writer.WriteString("label", period.Label);
            writer.WriteString("due", IsoDate(period.Due));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WritePropertyName("reminders");
        writer.WriteStartObject();
        WriteDays(writer, "daysBefore", plan.Reminders.DaysBefore);
        WriteDays(writer, "escalateDaysAfter", plan.Reminders.EscalateDaysAfter);
        writer.WriteString("timeOfDay", plan.Reminders.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture));
        writer.WriteEndObject();

        writer.WriteStartArray("targets");
        foreach (var target in plan.Targets)
        {
            writer.WriteStartObject();
            writer.WriteString("id", target.Id);
            writer.WriteString("label", target.Label);
            writer.WriteString("measure", target.Measure);
            writer.WriteNumber("value", target.Value);
            writer.WriteString("unit", target.Unit);
            if (target.Base is { } denominator)
                writer.WriteNumber("base", denominator);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteOptional(writer, "source", plan.Source);
        WriteOptional(writer, "note", plan.Note);
        writer.WriteEndObject();
    }

    /// <summary>Writes the plan as a UTF-8 JSON document (no byte-order mark) to <paramref name="output"/>, which is left open.</summary>
    public static void Write(Stream output, ReportingPlan plan, bool indented = true)
    {
        using var writer = new Utf8JsonWriter(output, indented ? IndentedWriter : CompactWriter);
        Write(writer, plan);
    }

    /// <summary>The plan as UTF-8 JSON bytes.</summary>
    public static byte[] ToUtf8Bytes(ReportingPlan plan, bool indented = true)
    {
        using var buffer = new MemoryStream();
        Write(buffer, plan, indented);
        return buffer.ToArray();
    }

    /// <summary>The plan as JSON text.</summary>
    public static string ToJson(ReportingPlan plan, bool indented = true) => Encoding.UTF8.GetString(ToUtf8Bytes(plan, indented));

    /// <summary>A date as the JSON carries it: <c>2021-06-10</c>.</summary>
    internal static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
            writer.WriteString(name, value);
    }

    private static void WriteDays(Utf8JsonWriter writer, string name, IReadOnlyList<int> days)
    {
        writer.WriteStartArray(name);
        foreach (var day in days)
            writer.WriteNumberValue(day);
        writer.WriteEndArray();
    }

    private static PlanReadResult TooLarge() => PlanReadResult.Failed("$",
        $"Tài liệu kế hoạch quá lớn: tối đa {PlanRules.MaxDocumentBytes / (1 << 20)} MiB ({PlanRules.MaxDocumentBytes.ToString("#,##0", CultureInfo.InvariantCulture).Replace(',', '.')} byte).");

    /// <summary>One issue at the line and character where the JSON stops being JSON.</summary>
    private static PlanReadResult Malformed(ReadOnlySpan<byte> utf8Json, JsonException ex)
    {
        // The parser gives a line and a byte offset in it; turn them back into an offset in the whole document.
        var line = (int)(ex.LineNumber ?? 0);
        var lineStart = 0;
        for (var n = 0; n < line && lineStart < utf8Json.Length; n++)
        {
            var next = utf8Json[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
                break;
            lineStart += next + 1;
        }

        return PlanReadResult.Failed(Place(utf8Json, lineStart + (int)(ex.BytePositionInLine ?? 0)),
            "Nội dung không phải JSON hợp lệ từ vị trí này: kiểm tra dấu ngoặc, dấu phẩy, dấu hai chấm và dấu nháy kép quanh vị trí.");
    }

    /// <summary>"dòng 3, ký tự 19" (both from 1) for a byte offset.</summary>
    /// <remarks>Counted in characters, as an officer's editor shows them: Vietnamese letters take two or three bytes.</remarks>
    private static string Place(ReadOnlySpan<byte> utf8Json, int offset)
    {
        var before = utf8Json[..Math.Clamp(offset, 0, utf8Json.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        var character = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return $"dòng {line}, ký tự {character}";
    }

    /// <summary>The offset of the first byte that is not UTF-8, or -1 when all are.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8Json)
    {
        Span<char> scratch = stackalloc char[1024];
        var offset = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(utf8Json[offset..], scratch, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            switch (status)
            {
                case OperationStatus.Done:
                    return -1;
                case OperationStatus.DestinationTooSmall:
                    continue;
                default:
                    return offset;
            }
        }
    }

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = Encoder, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new PlanJsonConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Lets <see cref="JsonSerializer"/> read and write plans through <see cref="PlanDocument"/>.</summary>
    private sealed class PlanJsonConverter : JsonConverter<ReportingPlan>
    {
        public override ReportingPlan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var result = PlanDocument.Read(document.RootElement);
            return result.IsValid ? result.Plan : throw new JsonException(string.Join("\n", result.Issues));
        }

        public override void Write(Utf8JsonWriter writer, ReportingPlan value, JsonSerializerOptions options) => PlanDocument.Write(writer, value);
    }
}
