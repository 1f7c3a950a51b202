using System.Globalization;
using GiamNgheo.Functions.Configuration;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Testing;

namespace GiamNgheo.Packaging.Tests;

/// <summary>
/// The app settings of infra/main.bicep against who reads them, in both directions: the code (<see cref="AppSettings.All"/>)
/// or the host, the platform or an extension (the one table in infra/README.md).
/// </summary>
public sealed class AppSettingsTests
{
    /// <summary>
    /// App settings Flex Consumption deprecates or rejects ("Flex Consumption plan deprecations" in the Functions app
    /// settings reference): the runtime moved to functionAppConfig.runtime, the package to a blob container, and there
    /// is no content share.
    /// </summary>
    private static readonly string[] SettingsFlexRejects =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTOVERVNET",
        "WEBSITE_SKIP_CONTENTSHARE_VALIDATION",
        "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
        "WEBSITE_NODE_DEFAULT_VERSION",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
        "ENABLE_ORYX_BUILD",
        "FUNCTIONS_WORKER_PROCESS_COUNT",
        "FUNCTIONS_MAX_HTTP_CONCURRENCY",
        "WEBSITE_TIME_ZONE",
        "TZ",
    ];

    private static readonly string Root = RepositoryRoot.Find();

    private static BicepTemplate Main => BicepTemplate.Load(Path.Combine(Root, "infra", "main.bicep"));

    private static IReadOnlyList<InfraReadme.HostOnlySetting> HostOnly => InfraReadme.HostOnlySettings(Root);

    [Fact]
    public void Every_infrastructure_setting_the_code_reads_is_set_in_the_bicep()
    {
        var set = Main.AppSettingNames();
        var required = AppSettings.All.Where(s => s.Source == SettingSource.Infrastructure).ToList();

        Assert.NotEmpty(required);
        foreach (var setting in required)
        {
            Assert.True(set.Contains(setting.Name, StringComparer.Ordinal), $"{setting.Name} ({setting.Purpose}) is not in infra/main.bicep appSettings");
        }
    }

    [Fact]
    public void Every_setting_the_bicep_sets_is_read_by_the_code_or_listed_as_host_only_in_the_readme()
    {
        var readByCode = AppSettings.All.Where(s => s.Source == SettingSource.Infrastructure).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var hostOnly = HostOnly.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var name in Main.AppSettingNames())
        {
            Assert.True(
                readByCode.Contains(name) || hostOnly.Contains(name),
                $"infra/main.bicep sets '{name}', which neither AppSettings.All (Infrastructure) declares nor the table " +
                $"'{InfraReadme.HostOnlySettingsHeading}' in infra/README.md lists with its reason");
        }
    }

    [Fact]
    public void Every_host_only_setting_in_the_readme_is_set_by_the_bicep_and_has_a_reason()
    {
        var set = Main.AppSettingNames();
        foreach (var setting in HostOnly)
        {
            Assert.True(set.Contains(setting.Name, StringComparer.Ordinal), $"infra/README.md lists '{setting.Name}' as host-only, but infra/main.bicep does not set it");
            Assert.False(string.IsNullOrWhiteSpace(setting.ReadBy), $"{setting.Name}: who reads it?");
            Assert.True(setting.Why.Length >= 20, $"{setting.Name}: the reason is missing or too short: '{setting.Why}'");
        }

        Assert.Equal(HostOnly.Count, HostOnly.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void No_setting_is_both_read_by_the_code_and_listed_as_host_only()
    {
        var readByCode = AppSettings.All.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(HostOnly, s => readByCode.Contains(s.Name));
    }

    [Fact]
    public void Settings_for_local_development_are_not_set_in_azure()
    {
        // AzureWebJobsStorage (a connection string) is for Azurite only and would need shared keys, which the account refuses.
        var set = Main.AppSettingNames();
        var local = AppSettings.All.Where(s => s.Source == SettingSource.LocalDevelopment).ToList();
        Assert.NotEmpty(local);
        foreach (var setting in local)
        {
            Assert.DoesNotContain(setting.Name, set, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Bicep_does_not_set_settings_Flex_rejects()
    {
        var set = Main.AppSettingNames();
        foreach (var name in SettingsFlexRejects)
        {
            Assert.DoesNotContain(name, set, StringComparer.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("linuxFxVersion", Main.Code, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_host_lets_the_largest_upload_through()
    {
        // The upload function lets the worker read MaxFileBytes plus 1 MiB of multipart framing
        // (SurveyFunctions.UploadAsync); the host in front of it must accept at least as much.
        var main = Main;
        Assert.Equal("string(requestBodySizeLimitBytes)", main.AppSettings()["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"]);
        var limit = long.Parse(main.Variable("requestBodySizeLimitBytes"), CultureInfo.InvariantCulture);

        Assert.True(limit >= SurveyLimits.Default.MaxFileBytes + (1 << 20), $"FUNCTIONS_REQUEST_BODY_SIZE_LIMIT {limit} is below the largest upload");
        Assert.True(limit > 104_857_600, "the limit must raise the host's 100 MiB default, not lower it");
        Assert.Contains(limit.ToString(CultureInfo.InvariantCulture), InfraReadme.Text(Root), StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_names_every_setting_the_bicep_sets()
    {
        var readme = InfraReadme.Text(Root);
        foreach (var name in Main.AppSettingNames())
        {
            Assert.Contains("`" + name + "`", readme, StringComparison.Ordinal);
        }
    }
}
