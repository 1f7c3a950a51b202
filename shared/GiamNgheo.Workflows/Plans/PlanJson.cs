using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GiamNgheo.Workflows.Plans;

/// <summary>The JSON form of a stored plan: camelCase, dates <c>YYYY-MM-DD</c>, the time of day <c>HH:mm</c>.</summary>
/// <remarks>Only for plans that already passed validation (storage, API answers); input goes through <c>PlanDocument</c>.</remarks>
public static class PlanJson
{
    /// <summary>The serializer options of plans.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new TimeOfDayConverter() },
    };

    /// <summary>Writes a plan as UTF-8 JSON.</summary>
    public static void Write(Stream destination, ReportingPlan plan) => JsonSerializer.Serialize(destination, plan, Options);

    /// <summary>Reads a stored plan.</summary>
    public static ReportingPlan Read(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<ReportingPlan>(utf8, Options) ?? throw new JsonException("A stored plan is null.");

    private sealed class TimeOfDayConverter : JsonConverter<TimeOnly>
    {
        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeOnly.ParseExact(reader.GetString()!, "HH:mm", CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("HH:mm", CultureInfo.InvariantCulture));
    }
}
