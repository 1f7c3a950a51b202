using System.Text.Json;
using Azure.Data.Tables;

namespace GiamNgheo.Notifications;

/// <summary>The outbox row's properties: the one place an <see cref="OutboxEntry"/> meets its table entity.</summary>
internal static class OutboxRow
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TableEntity ToEntity(OutboxEntry entry)
    {
        var entity = new TableEntity(OutboxKeys.Escape(entry.Source), OutboxKeys.Escape(entry.Key))
        {
            ["Source"] = entry.Source,
            ["Key"] = entry.Key,
            ["Channel"] = entry.Channel.ToCode(),
            ["RecipientId"] = entry.Recipient.Id,
            ["RecipientName"] = entry.Recipient.Name,
            ["RecipientAddress"] = entry.Recipient.Address,
            ["Subject"] = entry.Subject,
            ["Labels"] = JsonSerializer.Serialize(entry.Labels, Json),
            ["DueAt"] = entry.DueAt,
            ["EnqueuedAt"] = entry.EnqueuedAt,
            ["Status"] = entry.Status.ToCode(),
            ["Attempts"] = entry.Attempts,
            ["MessageId"] = entry.MessageId,
            ["ContentBlob"] = entry.ContentBlob,
            ["History"] = JsonSerializer.Serialize(entry.History, Json),
        };
        Set(entity, "Kind", entry.Kind);
        Set(entity, "LastError", entry.LastError);
        Set(entity, "LastAttemptAt", entry.LastAttemptAt);
        Set(entity, "NextAttemptAt", entry.NextAttemptAt);
        Set(entity, "ClaimedAt", entry.ClaimedAt);
        Set(entity, "ClaimId", entry.ClaimId);
        Set(entity, "SentAt", entry.SentAt);
        return entity;
    }

    public static OutboxEntry FromEntity(TableEntity entity) => new()
    {
        Source = entity.GetString("Source"),
        Key = entity.GetString("Key"),
        Channel = MessageStatusCodes.ParseChannel(entity.GetString("Channel")),
        Recipient = new MessageRecipient(entity.GetString("RecipientId") ?? string.Empty, entity.GetString("RecipientName") ?? string.Empty, entity.GetString("RecipientAddress")),
        Subject = entity.GetString("Subject") ?? string.Empty,
        Kind = entity.GetString("Kind"),
        Labels = Deserialize<Dictionary<string, string>>(entity.GetString("Labels")) ?? [],
        DueAt = entity.GetDateTimeOffset("DueAt") ?? default,
        EnqueuedAt = entity.GetDateTimeOffset("EnqueuedAt") ?? default,
        Status = MessageStatusCodes.Parse(entity.GetString("Status")),
        Attempts = entity.GetInt32("Attempts") ?? 0,
        LastError = entity.GetString("LastError"),
        LastAttemptAt = entity.GetDateTimeOffset("LastAttemptAt"),
        NextAttemptAt = entity.GetDateTimeOffset("NextAttemptAt"),
        ClaimedAt = entity.GetDateTimeOffset("ClaimedAt"),
        ClaimId = entity.GetString("ClaimId"),
        SentAt = entity.GetDateTimeOffset("SentAt"),
        MessageId = entity.GetString("MessageId"),
        ContentBlob = entity.GetString("ContentBlob") ?? string.Empty,
        History = Deserialize<List<DeliveryAttempt>>(entity.GetString("History")) ?? [],
    };

    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
            entity[name] = value;
    }

    private static T? Deserialize<T>(string? json) where T : class =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, Json);
}
