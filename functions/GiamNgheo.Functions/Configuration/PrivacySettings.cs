using System.Globalization;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Retention;
using Microsoft.Extensions.Configuration;

namespace GiamNgheo.Functions.Configuration;

/// <summary>Reads the pseudonym key and the retention periods from the app settings (<see cref="AppSettings"/>).</summary>
public static class PrivacySettings
{
    /// <summary>The key of household pseudonyms.</summary>
    /// <exception cref="InvalidOperationException">The setting is unset, an unresolved Key Vault reference, or not a key; the
    /// message names the setting and never quotes its value. There is deliberately no default: a default key would be
    /// public, and every pseudonym made with it reversible by trying household codes.</exception>
    public static PseudonymKey PseudonymKey(IConfiguration configuration)
    {
        var text = SettingValue.Of(configuration, AppSettings.PseudonymKey)
            ?? throw new InvalidOperationException(
                $"App setting {AppSettings.PseudonymKey.Name} is not set (or its Key Vault reference is not resolved): the app cannot pseudonymise households without it. " +
                "Create the Key Vault secret (infra/README.md); the local host sets a development key of its own.");
        try
        {
            return Pipeline.Privacy.PseudonymKey.FromBase64(text);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"App setting {AppSettings.PseudonymKey.Name} is not a usable key: {ex.Message}", ex);
        }
    }

    /// <summary>The retention periods; unset values keep the defaults of <see cref="RetentionPolicy"/>.</summary>
    /// <exception cref="InvalidOperationException">A period that is not a whole number of days from 1; the message names the setting.</exception>
    public static RetentionPolicy Retention(IConfiguration configuration) => new()
    {
        RawUploadDays = Days(configuration, AppSettings.RawUploadRetentionDays) ?? RetentionPolicy.Default.RawUploadDays,
        ExportDays = Days(configuration, AppSettings.ExportRetentionDays) ?? RetentionPolicy.Default.ExportDays,
    };

    private static int? Days(IConfiguration configuration, AppSetting setting) =>
        SettingValue.Of(configuration, setting) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days >= 1 ? days
        : throw new InvalidOperationException($"App setting {setting.Name} is '{text}'; expected a whole number of days from 1.");
}
