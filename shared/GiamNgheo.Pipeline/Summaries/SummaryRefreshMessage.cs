using System.Text.Json;

namespace GiamNgheo.Pipeline.Summaries;

/// <summary>Queue message: refresh the stored aggregates of a province and year.</summary>
/// <param name="Year">Review year.</param>
/// <param name="ProvinceCode">Province code.</param>
public sealed record SummaryRefreshMessage(int Year, string ProvinceCode)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The message text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a message; throws <see cref="JsonException"/> or <see cref="FormatException"/> when malformed.</summary>
    public static SummaryRefreshMessage Parse(string json) =>
        JsonSerializer.Deserialize<SummaryRefreshMessage>(json, Json) is { ProvinceCode.Length: 2 } m
            ? m
            : throw new FormatException("A summary refresh message needs a year and a 2-digit provinceCode.");
}
