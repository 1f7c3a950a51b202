namespace GiamNgheo.Functions.Configuration;

/// <summary>Who provides an app setting the app reads.</summary>
public enum SettingSource
{
    /// <summary>Set by the infrastructure (<c>infra/main.bicep</c>) as an app setting.</summary>
    Infrastructure,

    /// <summary>Only for a local run against Azurite; in Azure the identity-based setting replaces it.</summary>
    LocalDevelopment,
}

/// <summary>One app setting (environment variable) the app's own code reads.</summary>
/// <param name="Name">The exact setting name.</param>
/// <param name="Source">Who provides it.</param>
/// <param name="Purpose">What it is for.</param>
public sealed record AppSetting(string Name, SettingSource Source, string Purpose)
{
    /// <summary>The key the setting has in <c>IConfiguration</c>: environment variables spell the section separator <c>__</c>,
    /// which the configuration providers turn into <c>:</c>.</summary>
    public string ConfigurationKey => Name.Replace("__", ":", StringComparison.Ordinal);
}

/// <summary>Every app setting the app's code reads: the only place setting names appear, so the infrastructure can be checked against it.</summary>
/// <remarks>Settings read only by the Functions host and its extensions (the <c>AzureWebJobsStorage__*Uri</c> family, the
/// request size limit) are listed in <c>infra/README.md</c>, not here: the code never reads them.</remarks>
public static class AppSettings
{
    /// <summary>Storage account name for identity-based access (managed identity) in Azure.</summary>
    public static readonly AppSetting StorageAccountName =
        new("AzureWebJobsStorage__accountName", SettingSource.Infrastructure, "Storage account used with the app's managed identity.");

    /// <summary>Connection string for Azurite (or a key-based account).</summary>
    public static readonly AppSetting StorageConnectionString =
        new("AzureWebJobsStorage", SettingSource.LocalDevelopment, "Storage connection string; used for Azurite in a local run.");

    /// <summary>Where traces and logs go in Azure.</summary>
    public static readonly AppSetting ApplicationInsightsConnectionString =
        new("APPLICATIONINSIGHTS_CONNECTION_STRING", SettingSource.Infrastructure, "Application Insights resource receiving the OpenTelemetry export; no export when unset.");

    /// <summary>SMTP server of the email channel (message delivery); unset, email attempts fail visibly and retry until it is set.</summary>
    public static readonly AppSetting SmtpHost =
        new("Smtp__Host", SettingSource.Infrastructure, "SMTP server host name the reminders' email is sent through.");

    /// <summary>SMTP port.</summary>
    public static readonly AppSetting SmtpPort =
        new("Smtp__Port", SettingSource.Infrastructure, "SMTP server port (587 when unset).");

    /// <summary>How the SMTP connection is secured.</summary>
    public static readonly AppSetting SmtpSecurity =
        new("Smtp__Security", SettingSource.Infrastructure, "SMTP connection security: None, SslOnConnect, StartTls (default), StartTlsWhenAvailable or Auto.");

    /// <summary>The From address of the email.</summary>
    public static readonly AppSetting SmtpSenderAddress =
        new("Smtp__SenderAddress", SettingSource.Infrastructure, "From address of the email; also the domain of its Message-Ids.");

    /// <summary>The From display name.</summary>
    public static readonly AppSetting SmtpSenderName =
        new("Smtp__SenderName", SettingSource.Infrastructure, "From display name of the email (Vietnamese).");

    /// <summary>SMTP user; unset sends without authenticating.</summary>
    public static readonly AppSetting SmtpUserName =
        new("Smtp__UserName", SettingSource.Infrastructure, "SMTP authentication user; empty sends without authenticating.");

    /// <summary>SMTP password (a Key Vault reference in Azure).</summary>
    public static readonly AppSetting SmtpPassword =
        new("Smtp__Password", SettingSource.Infrastructure, "SMTP authentication password; a Key Vault reference in Azure.");

    /// <summary>The webhook channel's HMAC key (a Key Vault reference in Azure).</summary>
    public static readonly AppSetting WebhookSigningKey =
        new("Webhook__SigningKey", SettingSource.Infrastructure, "Shared HMAC-SHA256 key signing webhook requests; a Key Vault reference in Azure.");

    /// <summary>The OpenID Connect authority whose tokens the API accepts (Entra ID).</summary>
    public static readonly AppSetting AuthAuthority =
        new("Auth__Authority", SettingSource.Infrastructure, "OpenID Connect authority of the API's tokens, e.g. https://login.microsoftonline.com/{tenant}/v2.0; the app refuses every request without it.");

    /// <summary>The audiences the API accepts.</summary>
    public static readonly AppSetting AuthAudience =
        new("Auth__Audience", SettingSource.Infrastructure, "Accepted token audiences, comma-separated: the API app registration's client id and/or application id URI.");

    /// <summary>The claim naming the caller's units.</summary>
    public static readonly AppSetting AuthUnitsClaim =
        new("Auth__UnitsClaim", SettingSource.Infrastructure, "Token claim holding the caller's unit codes (ADR 0009); 'units' when unset.");
    /// <summary>The web app's Entra client id (a public client: not a secret).</summary>
    public static readonly AppSetting WebAppClientId =
        new("WebApp__ClientId", SettingSource.Infrastructure, "Client id of the web app's Entra app registration (SPA platform, redirect URI the site root); unset, the app offers no Entra sign-in (ADR 0012).");

    /// <summary>The API scope the web app asks Entra for.</summary>
    public static readonly AppSetting WebAppApiScope =
        new("WebApp__ApiScope", SettingSource.Infrastructure, "The API's delegated scope the web app requests, e.g. api://giamngheo/access_as_user (ADR 0012).");

    /// <summary>The key of analysts' household pseudonyms (a Key Vault reference in Azure); the app does not start without it.</summary>
    public static readonly AppSetting PseudonymKey =
        new("Privacy__PseudonymKey", SettingSource.Infrastructure, "Base64 of at least 32 random bytes keying the HMAC-SHA256 household pseudonyms of analysts' extracts; a Key Vault reference in Azure.");

    /// <summary>Days a raw upload is kept.</summary>
    public static readonly AppSetting RawUploadRetentionDays =
        new("Retention__RawUploadDays", SettingSource.Infrastructure, "Days an uploaded survey file is kept before it is deleted (default 400); the Bicep lifecycle rule uses the same value.");

    /// <summary>Days a built export is kept.</summary>
    public static readonly AppSetting ExportRetentionDays =
        new("Retention__ExportDays", SettingSource.Infrastructure, "Days a built province workbook is kept before it is deleted (default 30); the Bicep lifecycle rule uses the same value.");

    /// <summary>All settings the app reads.</summary>
    public static IReadOnlyList<AppSetting> All { get; } =
    [
        StorageAccountName, StorageConnectionString, ApplicationInsightsConnectionString,
        SmtpHost, SmtpPort, SmtpSecurity, SmtpSenderAddress, SmtpSenderName, SmtpUserName, SmtpPassword, WebhookSigningKey,
        AuthAuthority, AuthAudience, AuthUnitsClaim, WebAppClientId, WebAppApiScope,
        PseudonymKey, RawUploadRetentionDays, ExportRetentionDays,
    ];
}
