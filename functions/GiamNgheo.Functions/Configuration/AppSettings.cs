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
public sealed record AppSetting(string Name, SettingSource Source, string Purpose);

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

    /// <summary>All settings the app reads.</summary>
    public static IReadOnlyList<AppSetting> All { get; } = [StorageAccountName, StorageConnectionString, ApplicationInsightsConnectionString];
}
