using System.Text.RegularExpressions;
using GiamNgheo.Functions;
using GiamNgheo.Functions.Configuration;
using GiamNgheo.Pipeline.Retention;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GiamNgheo.Packaging.Tests;

/// <summary>The pseudonym key and the retention periods: read from settings with no silent default for the key, set in
/// infra/main.bicep as a Key Vault reference and as lifecycle rules with the same periods as the app's sweep.</summary>
public sealed class PersonalDataInfrastructureTests
{
    private static readonly string Root = RepositoryRoot.Find();

    private static BicepTemplate Main => BicepTemplate.Load(Path.Combine(Root, "infra", "main.bicep"));

    [Fact]
    public void The_pseudonym_key_is_a_key_vault_reference_written_from_a_secure_parameter()
    {
        Assert.StartsWith("'@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${pseudonymKeySecretName})'", Main.AppSettings()[AppSettings.PseudonymKey.Name], StringComparison.Ordinal);
        Assert.Matches(@"@secure\(\)\s*param pseudonymKey string = ''", Main.Code);
        Assert.Matches(@"resource pseudonymKeySecret 'Microsoft.KeyVault/vaults/secrets@[^']+' = if \(!empty\(pseudonymKey\)\)", Main.Code);
    }

    [Fact]
    public void The_lifecycle_rules_delete_raw_uploads_and_exports_after_the_periods_the_app_settings_give_the_sweep()
    {
        var settings = Main.AppSettings();
        Assert.Equal("string(rawUploadRetentionDays)", settings[AppSettings.RawUploadRetentionDays.Name]);
        Assert.Equal("string(exportRetentionDays)", settings[AppSettings.ExportRetentionDays.Name]);
        Assert.Matches($@"param rawUploadRetentionDays int = {RetentionPolicy.Default.RawUploadDays}\b", Main.Code);
        Assert.Matches($@"param exportRetentionDays int = {RetentionPolicy.Default.ExportDays}\b", Main.Code);
        foreach (var (container, parameter) in new[] { (PipelineStorage.SurveysContainer, "rawUploadRetentionDays"), (PipelineStorage.ExportsContainer, "exportRetentionDays") })
        {
            Assert.Matches(new Regex($@"prefixMatch: \[\s*'{container}/'\s*\]\s*\}}\s*actions: \{{\s*baseBlob: \{{\s*delete: \{{\s*daysAfterModificationGreaterThan: {parameter}\s*\}}"), Main.Code);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("@Microsoft.KeyVault(VaultName=kvgiamngheo;SecretName=pseudonym-key)")]
    [InlineData("c2hvcnQ=")]
    public void Without_a_usable_pseudonym_key_the_settings_name_the_setting_and_never_quote_the_value(string? value)
    {
        var configuration = Configuration(new() { [AppSettings.PseudonymKey.ConfigurationKey] = value });

        var error = Assert.Throws<InvalidOperationException>(() => PrivacySettings.PseudonymKey(configuration));

        Assert.Contains(AppSettings.PseudonymKey.Name, error.Message, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(value))
            Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_does_not_start_without_a_pseudonym_key()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [AppSettings.StorageConnectionString.Name] = "UseDevelopmentStorage=true" });
        builder.Services.AddGiamNgheo(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains(AppSettings.PseudonymKey.Name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_periods_default_when_unset_and_a_bad_one_names_its_setting()
    {
        Assert.Equal(RetentionPolicy.Default, PrivacySettings.Retention(Configuration(new())));
        Assert.Equal(7, PrivacySettings.Retention(Configuration(new() { [AppSettings.ExportRetentionDays.ConfigurationKey] = "7" })).ExportDays);

        var error = Assert.Throws<InvalidOperationException>(() => PrivacySettings.Retention(Configuration(new() { [AppSettings.RawUploadRetentionDays.ConfigurationKey] = "0" })));
        Assert.Contains(AppSettings.RawUploadRetentionDays.Name, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
