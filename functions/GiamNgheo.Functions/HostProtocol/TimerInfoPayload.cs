using System.Text.Json;

namespace GiamNgheo.Functions.HostProtocol;

/// <summary><c>TimerInfo.Schedule</c>; the host serializes only this flag of its schedule object.</summary>
/// <param name="AdjustForDST">Whether occurrences are adjusted for daylight saving time.</param>
public sealed record TimerSchedulePayload(bool AdjustForDST);

/// <summary><c>TimerInfo.ScheduleStatus</c>: the persisted schedule monitor state before this invocation.</summary>
/// <param name="Last">Previous occurrence that ran (<see cref="DateTimeOffset.MinValue"/> before the first).</param>
/// <param name="Next">Occurrence this invocation belongs to, as expected at the previous run.</param>
/// <param name="LastUpdated">When the status was last written.</param>
public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

/// <summary>
/// The timer trigger value (<c>Data.&lt;name&gt;</c>): a PascalCase object, not string-encoded. <see cref="ScheduleStatus"/> is
/// <see langword="null"/> when schedule monitoring is off.
/// </summary>
/// <param name="Schedule">Schedule settings.</param>
/// <param name="ScheduleStatus">Monitor state, or <see langword="null"/> without monitoring.</param>
/// <param name="IsPastDue">Whether this invocation makes up for an occurrence missed while the app was down.</param>
public sealed record TimerInfoPayload(TimerSchedulePayload Schedule, TimerScheduleStatus? ScheduleStatus, bool IsPastDue)
{
    /// <summary>Reads the timer object; also accepts it as a JSON-encoded string.</summary>
    /// <param name="element">The value of <c>Data.&lt;name&gt;</c>.</param>
    /// <exception cref="FormatException">The value is not a timer object.</exception>
    public static TimerInfoPayload FromJson(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            using var inner = ParseEncoded(element.GetString()!);
            return FromJson(inner.RootElement);
        }

        if (element.ValueKind != JsonValueKind.Object)
            throw new FormatException($"expected a timer object but found {JsonValues.Describe(element.ValueKind)}");

        var adjustForDst = JsonValues.TryGetProperty(element, "Schedule", out var schedule)
            && JsonValues.TryGetProperty(schedule, "AdjustForDST", out var adjust)
            && (JsonValues.Boolean(adjust) ?? false);

        TimerScheduleStatus? status = null;
        if (JsonValues.TryGetProperty(element, "ScheduleStatus", out var statusElement) && statusElement.ValueKind != JsonValueKind.Null)
        {
            if (statusElement.ValueKind != JsonValueKind.Object)
                throw new FormatException($"ScheduleStatus is {JsonValues.Describe(statusElement.ValueKind)}, expected an object or null");

            status = new TimerScheduleStatus(Date(statusElement, "Last"), Date(statusElement, "Next"), Date(statusElement, "LastUpdated"));
        }

        var isPastDue = JsonValues.TryGetProperty(element, "IsPastDue", out var pastDue) && (JsonValues.Boolean(pastDue) ?? false);
        return new TimerInfoPayload(new TimerSchedulePayload(adjustForDst), status, isPastDue);
    }

    /// <summary>Writes the timer object as the host does (PascalCase, dates in ISO 8601).</summary>
    /// <param name="writer">Writer positioned where the value goes.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject(nameof(Schedule));
        writer.WriteBoolean("AdjustForDST", Schedule.AdjustForDST);
        writer.WriteEndObject();
        if (ScheduleStatus is { } status)
        {
            writer.WriteStartObject(nameof(ScheduleStatus));
            writer.WriteString("Last", status.Last);
            writer.WriteString("Next", status.Next);
            writer.WriteString("LastUpdated", status.LastUpdated);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(nameof(ScheduleStatus));
        }

        writer.WriteBoolean(nameof(IsPastDue), IsPastDue);
        writer.WriteEndObject();
    }

    private static JsonDocument ParseEncoded(string text)
    {
        try
        {
            return JsonDocument.Parse(JsonValues.UnwrapJsonString(text));
        }
        catch (JsonException e)
        {
            throw new FormatException("expected a timer object but found a string that is not JSON", e);
        }
    }

    private static DateTimeOffset Date(JsonElement status, string key) =>
        JsonValues.TryGetProperty(status, key, out var value) && JsonValues.Date(value) is { } date
            ? date
            : throw new FormatException($"ScheduleStatus.{key} is missing");
}
