using GiamNgheo.Workflows.Review;
using GiamNgheo.Workflows.Storage;
using System.Text.Json;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Testing;
using Xunit.Abstractions;

namespace GiamNgheo.Packaging.Tests;

/// <summary>infra/main.bicep and its module on their own: Flex Consumption's rules, identity-only storage, roles, and the Bicep CLI.</summary>
public sealed class BicepTemplateTests(ITestOutputHelper output)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    private static readonly string Root = RepositoryRoot.Find();

    private static BicepTemplate Main => BicepTemplate.Load(Path.Combine(Root, "infra", "main.bicep"));

    private static BicepTemplate BlobEventSubscription => BicepTemplate.Load(Path.Combine(Root, "infra", "modules", "blob-event-subscription.bicep"));

    [Fact]
    public void Bicep_runs_the_dotnet_isolated_runtime_on_flex_consumption()
    {
        var code = Main.Code;
        Assert.Matches(@"sku:\s*\{\s*tier:\s*'FlexConsumption'\s*name:\s*'FC1'\s*\}", code);
        Assert.Matches(@"kind:\s*'functionapp,linux'", code);
        Assert.Matches(@"var functionsRuntime = \{\s*name:\s*'dotnet-isolated'\s*version:\s*'10\.0'\s*\}", code);
        Assert.Matches(@"functionAppConfig:\s*\{[\s\S]*runtime:\s*functionsRuntime\s", code);
        Assert.Matches(@"type:\s*'blobContainer'", code);
        Assert.Matches(@"authentication:\s*\{\s*type:\s*'SystemAssignedIdentity'\s*\}", code);
        Assert.Matches(@"instanceMemoryMB:\s*instanceMemoryMB", code);
        Assert.Matches(@"param instanceMemoryMB int = 2048", code);
        Assert.DoesNotContain("'custom'", code, StringComparison.Ordinal);
        Assert.DoesNotContain("customRuntimeVersion", Main.ParameterNames());
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
        Assert.DoesNotContain("listKeys(storage", code, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", code, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_identity_gets_the_blob_queue_and_table_data_roles_the_host_and_durable_need()
    {
        // Durable Functions with an identity on the Azure Storage provider needs blob, queue and table data roles on the
        // task hub's account (Blob Data Owner includes Blob Data Contributor); the host needs Blob Data Owner.
        var code = Main.Code;
        foreach (var role in new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor })
        {
            Assert.Contains("'" + role + "'", code, StringComparison.Ordinal);
        }

        Assert.Matches(@"for role in storageRoles:[\s\S]*scope:\s*storage\s[\s\S]*principalId:\s*functionApp\.identity\.principalId", code);
        Assert.Contains("type: 'SystemAssigned'", code, StringComparison.Ordinal);
    }

    [Fact]
    public void The_storage_the_pipeline_and_the_workflows_use_is_created_in_bicep()
    {
        string[] expected =
        [
            .. PipelineStorage.ContainerNames, .. PipelineStorage.TableNames, .. PipelineStorage.QueueNames,
            .. WorkflowStorage.ContainerNames, .. WorkflowStorage.TableNames, ReviewStore.TableName,
        ];
        foreach (var name in expected)
        {
            Assert.True(Main.HasLiteral(name), $"'{name}' is not created in infra/main.bicep");
        }
    }

    [Fact]
    public void The_event_subscription_module_points_at_the_blob_extension_webhook()
    {
        Assert.Matches(@"module blobEventSubscription 'modules/blob-event-subscription.bicep' = if \(deployBlobEventSubscription\)", Main.Code);
        Assert.Matches(@"param deployBlobEventSubscription bool = false", Main.Code);

        var module = BlobEventSubscription.Code;
        Assert.Contains("https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}", module, StringComparison.Ordinal);
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
        var bicep = BicepCli.Find();
        Assert.True(bicep is not null, "No Bicep CLI: the test project references Azure.Bicep.CommandLine.linux-x64, which brings it.");

        output.WriteLine("Bicep CLI: " + bicep);
        using var outFolder = new TempFolder("giamngheo-bicep-");
        foreach (var file in new[] { "main.bicep", "modules/blob-event-subscription.bicep" })
        {
            var path = Path.Combine(Root, "infra", file);
            var (buildCode, buildOutput) = ExternalTool.Run(bicep, ["build", path, "--outdir", outFolder.Root], TimeSpan.FromMinutes(3));
            Assert.True(buildCode == 0 && buildOutput.Trim().Length == 0, $"bicep build {file}: {buildOutput}");
            var (lintCode, lintOutput) = ExternalTool.Run(bicep, ["lint", path], TimeSpan.FromMinutes(3));
            Assert.True(lintCode == 0 && lintOutput.Trim().Length == 0, $"bicep lint {file}: {lintOutput}");
        }
    }
}
