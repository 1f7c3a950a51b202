using System.Text.Json;

namespace GiamNgheo.Notifications;

/// <summary>Queue message on <see cref="NotificationStorage.DeliveryQueue"/>: deliver the outbox message with this (Source, Key).</summary>
/// <remarks>Only a wake-up: the outbox row says whether and when to send, so a duplicate or early message is harmless.</remarks>
/// <param name="Source">The message's source.</param>
/// <param name="Key">The message's key.</param>
public sealed record DeliveryRequest(string Source, string Key)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The message text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a message; throws <see cref="JsonException"/> when it is not JSON or lacks a source or key.</summary>
    public static DeliveryRequest Parse(string json)
    {
        var request = JsonSerializer.Deserialize<DeliveryRequest>(json, Json) ?? throw new JsonException("Empty delivery message.");
        if (string.IsNullOrEmpty(request.Source) || string.IsNullOrEmpty(request.Key))
            throw new JsonException("A delivery message needs a source and a key.");
        return request;
    }
}
