using GiamNgheo.Functions.Configuration;
using GiamNgheo.Notifications;
using GiamNgheo.Testing;
using Microsoft.Extensions.Configuration;

namespace GiamNgheo.Packaging.Tests;

/// <summary>infra/main.bicep for message delivery (ADR 0008): its storage, its settings, its secrets in Key Vault.</summary>
public sealed class MessageDeliveryInfrastructureTests
{
    private static readonly string Root = RepositoryRoot.Find();

    private static BicepTemplate Main => BicepTemplate.Load(Path.Combine(Root, "infra", "main.bicep"));

    [Fact]
    public void The_outbox_table_its_contents_container_and_the_delivery_queue_are_created_in_bicep()
    {
        string[] expected = [.. NotificationStorage.ContainerNames, .. NotificationStorage.TableNames, .. NotificationStorage.QueueNames];
        foreach (var name in expected)
            Assert.True(Main.HasLiteral(name), $"'{name}' is not created in infra/main.bicep");
        Assert.Equal(NotificationStorage.DeliveryQueue, GiamNgheo.Functions.Triggers.MessageTriggers.DeliveryQueue);
    }

    [Fact]
    public void The_smtp_password_and_the_webhook_key_are_key_vault_references_the_app_identity_may_read()
    {
        var settings = Main.AppSettings();
        foreach (var secret in new[] { AppSettings.SmtpPassword, AppSettings.WebhookSigningKey })
            Assert.StartsWith("'@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=", settings[secret.Name], StringComparison.Ordinal);

        var code = Main.Code;
        Assert.Matches(@"@secure\(\)\s*param smtpPassword string", code);
        Assert.Matches(@"@secure\(\)\s*param webhookSigningKey string", code);
        Assert.Contains("enableRbacAuthorization: true", code, StringComparison.Ordinal);
        Assert.Matches(@"resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@[^']+' = \{[\s\S]*scope:\s*keyVault\s[\s\S]*principalId:\s*functionApp\.identity\.principalId", code);
        Assert.Contains("'4633458b-17de-408a-b874-0445c86b69e6'", code, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unresolved_key_vault_reference_or_an_empty_setting_reads_as_unset()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppSettings.SmtpHost.ConfigurationKey] = "",
            [AppSettings.SmtpPassword.ConfigurationKey] = "@Microsoft.KeyVault(VaultName=kvgiamngheo;SecretName=smtp-password)",
            [AppSettings.WebhookSigningKey.ConfigurationKey] = "@Microsoft.KeyVault(VaultName=kvgiamngheo;SecretName=webhook-signing-key)",
            [AppSettings.SmtpPort.ConfigurationKey] = "2525",
            [AppSettings.SmtpSecurity.ConfigurationKey] = "sslonconnect",
        }).Build();

        var smtp = NotificationSettings.Smtp(configuration);

        Assert.Null(smtp.Host);
        Assert.Null(smtp.Password);
        Assert.False(smtp.IsConfigured);
        Assert.Equal(2525, smtp.Port);
        Assert.Equal(SmtpSecurity.SslOnConnect, smtp.Security);
        Assert.Null(NotificationSettings.Webhook(configuration).SigningKey);
    }

    [Fact]
    public void Settings_read_from_environment_variables_use_the_names_the_bicep_sets()
    {
        // Environment variables spell the section separator "__"; configuration turns it into ":".
        Assert.Equal("Smtp:Host", AppSettings.SmtpHost.ConfigurationKey);
        Assert.Equal("Webhook:SigningKey", AppSettings.WebhookSigningKey.ConfigurationKey);
        var invalid = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Smtp:Port"] = "smtp" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => NotificationSettings.Smtp(invalid));
        Assert.Contains("Smtp__Port", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>App settings arrive as environment variables, whose "__" configuration reads as ":".</summary>
public sealed class SettingsFromEnvironmentTests
{
    [Fact]
    public void The_storage_account_setting_of_azure_is_found_when_it_arrives_as_an_environment_variable()
    {
        const string variable = "AzureWebJobsStorage__accountName";
        var previous = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, "stgiamngheotest");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();

            // Identity-based clients are only created here, not called: no credential is needed.
            var storage = StorageClients.Create(configuration);

            Assert.Equal("stgiamngheotest", storage.Blobs.AccountName);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, previous);
        }
    }
}
