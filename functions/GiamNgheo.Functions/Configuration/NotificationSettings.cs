using System.Globalization;
using GiamNgheo.Notifications;
using Microsoft.Extensions.Configuration;

namespace GiamNgheo.Functions.Configuration;

/// <summary>Reads the email and webhook channels' options from the app settings (<see cref="AppSettings"/>).</summary>
public static class NotificationSettings
{
    /// <summary>The SMTP options; unset values keep the defaults of <see cref="SmtpOptions"/>.</summary>
    /// <exception cref="InvalidOperationException">A port or security mode that cannot be read; the message names the setting.</exception>
    public static SmtpOptions Smtp(IConfiguration configuration)
    {
        var defaults = new SmtpOptions();
        var port = Value(configuration, AppSettings.SmtpPort);
        var security = Value(configuration, AppSettings.SmtpSecurity);
        return new SmtpOptions
        {
            Host = Value(configuration, AppSettings.SmtpHost),
            Port = port is null ? defaults.Port
                : int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535 ? p
                : throw Invalid(AppSettings.SmtpPort, port, "a port number"),
            Security = security is null ? defaults.Security
                : Enum.TryParse<SmtpSecurity>(security, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s
                : throw Invalid(AppSettings.SmtpSecurity, security, string.Join(", ", Enum.GetNames<SmtpSecurity>())),
            SenderAddress = Value(configuration, AppSettings.SmtpSenderAddress),
            SenderName = Value(configuration, AppSettings.SmtpSenderName) ?? defaults.SenderName,
            UserName = Value(configuration, AppSettings.SmtpUserName),
            Password = Value(configuration, AppSettings.SmtpPassword),
        };
    }

    /// <summary>The webhook options.</summary>
    public static WebhookOptions Webhook(IConfiguration configuration) =>
        new() { SigningKey = Value(configuration, AppSettings.WebhookSigningKey) };

    private static string? Value(IConfiguration configuration, AppSetting setting) => SettingValue.Of(configuration, setting);

    private static InvalidOperationException Invalid(AppSetting setting, string value, string expected) =>
        new($"App setting {setting.Name} is '{value}'; expected {expected}.");
}

/// <summary>Reads one app setting as the settings classes use it.</summary>
internal static class SettingValue
{
    /// <summary>How a Key Vault reference starts; the platform leaves it in place when it cannot resolve it.</summary>
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    // Empty counts as unset: the template sets every setting, with "" where an operator gave nothing. So does a Key Vault
    // reference the platform could not resolve (secret not created yet, role not yet effective): signing webhooks or logging
    // in with the reference's own text would fail later and less clearly.
    public static string? Of(IConfiguration configuration, AppSetting setting) =>
        configuration[setting.ConfigurationKey] is { } value && !string.IsNullOrWhiteSpace(value)
            && !value.TrimStart().StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase)
            ? value.Trim()
            : null;
}
