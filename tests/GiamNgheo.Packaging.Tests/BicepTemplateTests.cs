using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using GiamNgheo.Functions.Configuration;
using GiamNgheo.Testing;
using Xunit.Abstractions;

namespace GiamNgheo.Packaging.Tests;

/// <summary>infra/main.bicep checked against the code and the function.json bindings, and against Flex Consumption's rules.</summary>
public sealed partial class BicepTemplateTests(ITestOutputHelper output)
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

    private static BicepTemplate BlobEventSubscription => BicepTemplate.Load(Path.Combine(Root, "infra", "modules", "blob-event-subscription.bicep"));

    [Fact]
    public void Every_infrastructure_setting_the_code_reads_is_set_in_the_bicep()
    {
        var set = Main.AppSettingNames();
        var required = AppSettings.All.Where(s => s.Source == SettingSource.Infrastructure).ToList();

        Assert.NotEmpty(required);
        foreach (var setting in required)
        {
            Assert.True(set.Contains(setting.Name, StringComparer.OrdinalIgnoreCase), $"{setting.Name} ({setting.Purpose}) is not in infra/main.bicep appSettings");
        }
    }

    [Fact]
    public void Bicep_sets_no_setting_the_host_or_a_local_run_provides()
    {
        var set = Main.AppSettingNames();
        foreach (var setting in AppSettings.All.Where(s => s.Source != SettingSource.Infrastructure))
        {
            // The host sets FUNCTIONS_CUSTOMHANDLER_PORT itself; AzureWebJobsStorage (a connection string) is for Azurite only
            // and would need shared keys, which the storage account disables.
            Assert.DoesNotContain(setting.Name, set, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Bicep_does_not_set_settings_Flex_rejects()
    {
        var set = Main.AppSettingNames();
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", set);
        foreach (var name in SettingsFlexRejects)
        {
            Assert.DoesNotContain(name, set, StringComparer.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("linuxFxVersion", Main.Code, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void App_settings_are_not_duplicated()
    {
        var set = Main.AppSettingNames();
        Assert.Equal(set.Count, set.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Bicep_runs_the_custom_runtime_on_flex_consumption()
    {
        var code = Main.Code;
        Assert.Matches(@"sku:\s*\{\s*tier:\s*'FlexConsumption'\s*name:\s*'FC1'\s*\}", code);
        Assert.Matches(@"kind:\s*'functionapp,linux'", code);
        Assert.Matches(@"runtime:\s*\{\s*name:\s*'custom'\s*version:\s*customRuntimeVersion\s*\}", code);
        Assert.Matches(@"type:\s*'blobContainer'", code);
        Assert.Matches(@"authentication:\s*\{\s*type:\s*'SystemAssignedIdentity'\s*\}", code);
        Assert.Matches(@"instanceMemoryMB:\s*instanceMemoryMB", code);
        Assert.Matches(@"param instanceMemoryMB int = 2048", code);
    }

    [Fact]
    public void Storage_account_takes_identity_only_over_https()
    {
        var code = Main.Code;
        Assert.Contains("allowSharedKeyAccess: false", code, StringComparison.Ordinal);
        Assert.Contains("allowBlobPublicAccess: false", code, StringComparison.Ordinal);
        Assert.Contains("supportsHttpsTrafficOnly: true", code, StringComparison.Ordinal);
        Assert.Contains("minimumTlsVersion: 'TLS1_2'", code, StringComparison.Ordinal);
        Assert.Contains("kind: 'StorageV2'", code, StringComparison.Ordinal);
        Assert.Matches(@"sku:\s*\{\s*name:\s*'Standard_LRS'\s*\}", code);
        Assert.DoesNotContain("listKeys()", code, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", code, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_identity_gets_the_storage_data_roles_it_needs()
    {
        var code = Main.Code;
        Assert.Contains("'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'", code, StringComparison.Ordinal); // Storage Blob Data Owner
        Assert.Contains("'974c5e8b-45b9-4653-ba55-5f855dd0fb88'", code, StringComparison.Ordinal); // Storage Queue Data Contributor
        Assert.Contains("'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'", code, StringComparison.Ordinal); // Storage Table Data Contributor
        Assert.Contains("principalId: functionApp.identity.principalId", code, StringComparison.Ordinal);
        Assert.Contains("type: 'SystemAssigned'", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_queue_and_container_the_bindings_use_exists_in_bicep()
    {
        var names = BindingStorageNames();
        Assert.NotEmpty(names);
        foreach (var (function, name) in names)
        {
            Assert.True(Main.HasLiteral(name), $"'{name}' (used by functions/{function}/function.json) is not created in infra/main.bicep");
        }
    }

    [Fact]
    public void The_storage_the_handler_uses_is_created_in_bicep()
    {
        // The handler's own containers, tables and queues, as the pipeline names them.
        string[] expected = [.. GiamNgheo.Pipeline.Storage.PipelineStorage.ContainerNames, .. GiamNgheo.Pipeline.Storage.PipelineStorage.TableNames, .. GiamNgheo.Pipeline.Storage.PipelineStorage.QueueNames];
        foreach (var name in expected)
        {
            Assert.True(Main.HasLiteral(name), $"'{name}' is not created in infra/main.bicep");
        }
    }

    [Fact]
    public void Every_event_grid_blob_trigger_gets_an_event_subscription_to_the_blob_extension_webhook()
    {
        var triggers = EventGridBlobTriggers();
        Assert.NotEmpty(triggers);
        foreach (var (function, container) in triggers)
        {
            Assert.True(Main.HasLiteral(function), $"infra/main.bicep does not pass '{function}' to the event subscription module");
            Assert.True(Main.HasLiteral(container), $"infra/main.bicep does not create container '{container}'");
        }

        Assert.Matches(@"module blobEventSubscription 'modules/blob-event-subscription.bicep' = if \(deployBlobEventSubscription\)", Main.Code);
        Assert.Matches(@"param deployBlobEventSubscription bool = false", Main.Code);

        var module = BlobEventSubscription.Code;
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}", module, StringComparison.Ordinal);
        Assert.Contains(".systemKeys.blobs_extension", module, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.Storage.BlobCreated'", module, StringComparison.Ordinal);
        Assert.Contains("subjectBeginsWith: '/blobServices/default/containers/${containerName}/'", module, StringComparison.Ordinal);
        Assert.Contains("endpointType: 'WebHook'", module, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_parameters_match_the_template_parameters()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json")));
        var declared = Main.ParameterNames();
        foreach (var parameter in document.RootElement.GetProperty("parameters").EnumerateObject())
        {
            Assert.Contains(parameter.Name, declared);
        }

        Assert.False(document.RootElement.GetProperty("parameters").GetProperty("deployBlobEventSubscription").GetProperty("value").GetBoolean());
    }

    [Fact]
    public void Bicep_outputs_what_the_deployment_steps_need()
    {
        Assert.Matches(@"output functionAppName string", Main.Code);
        Assert.Matches(@"output defaultHostName string", Main.Code);
        Assert.Matches(@"output storageAccountName string", Main.Code);
    }

    [Fact]
    public void Bicep_builds_and_lints_without_warnings()
    {
        var bicep = FindBicepCli();
        Assert.True(bicep is not null, "No Bicep CLI: the test project references Azure.Bicep.CommandLine.linux-x64, which brings it.");

        output.WriteLine("Bicep CLI: " + bicep);
        var outFolder = Directory.CreateTempSubdirectory("giamngheo-bicep-").FullName;
        try
        {
            foreach (var file in new[] { "main.bicep", "modules/blob-event-subscription.bicep" })
            {
                var path = Path.Combine(Root, "infra", file);
                var (buildCode, buildOutput) = ExternalTool.Run(bicep, ["build", path, "--outdir", outFolder], TimeSpan.FromMinutes(3));
                Assert.True(buildCode == 0 && buildOutput.Trim().Length == 0, $"bicep build {file}: {buildOutput}");
                var (lintCode, lintOutput) = ExternalTool.Run(bicep, ["lint", path], TimeSpan.FromMinutes(3));
                Assert.True(lintCode == 0 && lintOutput.Trim().Length == 0, $"bicep lint {file}: {lintOutput}");
            }
        }
        finally
        {
            Directory.Delete(outFolder, recursive: true);
        }
    }

    /// <summary>The Bicep CLI from the NuGet package the test project references, else from PATH.</summary>
    private static string? FindBicepCli()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var fromPackage = typeof(BicepTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (!string.IsNullOrWhiteSpace(fromPackage) && File.Exists(fromPackage))
        {
            // NuGet extraction may drop the execute bit.
            File.SetUnixFileMode(fromPackage, File.GetUnixFileMode(fromPackage) | UnixFileMode.UserExecute);
            return fromPackage;
        }

        return ExternalTool.Find("bicep");
    }

    /// <summary>Queue names and the first path segment (container) of blob paths in every function.json binding.</summary>
    private static List<(string Function, string Name)> BindingStorageNames()
    {
        var names = new List<(string, string)>();
        foreach (var (function, binding) in Bindings())
        {
            if (binding.TryGetProperty("queueName", out var queue) && queue.GetString() is { } queueName && !queueName.Contains('%', StringComparison.Ordinal))
            {
                names.Add((function, queueName));
            }

            if (binding.TryGetProperty("type", out var type) && type.GetString()!.StartsWith("blob", StringComparison.OrdinalIgnoreCase)
                && binding.TryGetProperty("path", out var path) && path.GetString() is { } blobPath)
            {
                var container = blobPath.Split('/')[0];
                if (!container.Contains('{', StringComparison.Ordinal) && !container.Contains('%', StringComparison.Ordinal))
                {
                    names.Add((function, container));
                }
            }

            if (binding.TryGetProperty("tableName", out var table) && table.GetString() is { } tableName && !tableName.Contains('%', StringComparison.Ordinal))
            {
                names.Add((function, tableName));
            }
        }

        return names;
    }

    private static List<(string Function, string Container)> EventGridBlobTriggers() =>
        Bindings()
            .Where(b => b.Binding.GetProperty("type").GetString() == "blobTrigger"
                && b.Binding.TryGetProperty("source", out var source)
                && string.Equals(source.GetString(), "EventGrid", StringComparison.OrdinalIgnoreCase))
            .Select(b => (b.Function, b.Binding.GetProperty("path").GetString()!.Split('/')[0]))
            .ToList();

    private static List<(string Function, JsonElement Binding)> Bindings()
    {
        var result = new List<(string, JsonElement)>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "functions"), "function.json", SearchOption.TopDirectoryOnly)
                     .Concat(Directory.EnumerateDirectories(Path.Combine(Root, "functions"))
                         .Select(d => Path.Combine(d, "function.json"))
                         .Where(File.Exists)))
        {
            var function = Path.GetFileName(Path.GetDirectoryName(file))!;
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var binding in document.RootElement.GetProperty("bindings").EnumerateArray())
            {
                result.Add((function, binding.Clone()));
            }
        }

        return result;
    }
}
