namespace GiamNgheo.Notifications;

/// <summary>How the SMTP connection is secured (the MailKit modes, named for operators).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP, no TLS: only for a local development server (maildev, smtp4dev).</summary>
    None,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,

    /// <summary>STARTTLS, required (usually port 587): refuses to send when the server does not offer it.</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it, plain otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>MailKit decides by port: SSL on 465, STARTTLS when available elsewhere.</summary>
    Auto,
}

/// <summary>The SMTP server the email channel sends through, from the app settings.</summary>
public sealed record SmtpOptions
{
    /// <summary>Server host name; unset means email is not configured and attempts fail (and retry) until it is.</summary>
    public string? Host { get; init; }

    /// <summary>Server port.</summary>
    public int Port { get; init; } = 587;

    /// <summary>How the connection is secured.</summary>
    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>The From address; also the domain of Message-Ids unless <see cref="MessageIdDomain"/> is set.</summary>
    public string? SenderAddress { get; init; }

    /// <summary>The From display name.</summary>
    public string SenderName { get; init; } = "Hệ thống GiamNgheo";

    /// <summary>User for SMTP authentication; unset sends without authenticating.</summary>
    public string? UserName { get; init; }

    /// <summary>Password for SMTP authentication (a Key Vault reference in Azure).</summary>
    public string? Password { get; init; }

    /// <summary>The longest one send may take, connection included; keep it under <see cref="DeliveryOptions.ClaimLease"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Right-hand side of Message-Ids; defaults to the sender's domain.</summary>
    public string? MessageIdDomain { get; init; }

    /// <summary>True when a host and a sender are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(SenderAddress);
}
