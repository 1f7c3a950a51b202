namespace GiamNgheo.Notifications;

/// <summary>How the webhook channel signs and sends, from the app settings.</summary>
public sealed record WebhookOptions
{
    /// <summary>The shared HMAC key (a Key Vault reference in Azure); unset means webhooks are not configured and attempts fail
    /// (and retry) until it is. One key for every receiver: a province that relays gets it from the operator.</summary>
    public string? SigningKey { get; init; }

    /// <summary>The longest one request may take; keep it under <see cref="DeliveryOptions.ClaimLease"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
