using System.Text.Json;
using GiamNgheo.Pipeline.Submissions;

namespace GiamNgheo.Pipeline.Processing;

/// <summary>Queue message: score a stored submission again (sent by the sweeper and when a failed file is uploaded again).</summary>
/// <param name="Year">Review year.</param>
/// <param name="CommuneCode">Commune code.</param>
/// <param name="Sha256">Hash of the raw file.</param>
public sealed record RescoreMessage(int Year, string CommuneCode, string Sha256)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The message for a submission.</summary>
    public static RescoreMessage For(SubmissionKey key) => new(key.Year, key.CommuneCode, key.Sha256);

    /// <summary>The submission's key; throws <see cref="ArgumentException"/> when the message is malformed.</summary>
    public SubmissionKey Key => new(Year, CommuneCode ?? string.Empty, Sha256 ?? string.Empty);

    /// <summary>The message text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a message; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static RescoreMessage Parse(string json) =>
        JsonSerializer.Deserialize<RescoreMessage>(json, Json) ?? throw new JsonException("Empty rescore message.");
}
