namespace GiamNgheo.Functions.Configuration;

/// <summary>Who provides an app setting the handler reads.</summary>
public enum SettingSource
{
    /// <summary>Set by the infrastructure (<c>infra/main.bicep</c>) as an app setting.</summary>
    Infrastructure,

    /// <summary>Set by the Azure Functions host on the handler process; never configured by hand.</summary>
    FunctionsHost,

    /// <summary>Only for a local run against Azurite; in Azure the identity-based setting replaces it.</summary>
    LocalDevelopment,
}

/// <summary>One app setting (environment variable) the handler reads.</summary>
/// <param name="Name">The exact setting name.</param>
/// <param name="Source">Who provides it.</param>
/// <param name="Purpose">What it is for.</param>
public sealed record AppSetting(string Name, SettingSource Source, string Purpose);

/// <summary>Every app setting the handler reads: the only place setting names appear, so the infrastructure can be checked against it.</summary>
public static class AppSettings
{
    /// <summary>Port the host tells the handler to listen on (127.0.0.1 only).</summary>
    public static readonly AppSetting CustomHandlerPort =
        new("FUNCTIONS_CUSTOMHANDLER_PORT", SettingSource.FunctionsHost, "Port the handler listens on, chosen by the Functions host.");

    /// <summary>Storage account name for identity-based access (managed identity) in Azure.</summary>
    public static readonly AppSetting StorageAccountName =
        new("AzureWebJobsStorage__accountName", SettingSource.Infrastructure, "Storage account used with the app's managed identity.");

    /// <summary>Connection string for Azurite (or a key-based account).</summary>
    public static readonly AppSetting StorageConnectionString =
        new("AzureWebJobsStorage", SettingSource.LocalDevelopment, "Storage connection string; used for Azurite in a local run.");

    /// <summary>All settings the handler reads.</summary>
    public static IReadOnlyList<AppSetting> All { get; } = [CustomHandlerPort, StorageAccountName, StorageConnectionString];
}
