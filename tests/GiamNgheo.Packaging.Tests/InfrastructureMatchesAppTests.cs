using System.Text.Json;
using GiamNgheo.Functions.Configuration;

namespace GiamNgheo.Packaging.Tests;

/// <summary>infra/main.bicep against what the real package declares: storage names, connections, the runtime, the Durable task hub.</summary>
[Collection(PublishedPackageGroup.Name)]
public sealed class InfrastructureMatchesAppTests(PublishedPackageFixture package)
{
    private BicepTemplate Main => BicepTemplate.Load(Path.Combine(package.Root, "infra", "main.bicep"));

    [Fact]
    public void Every_queue_and_container_a_binding_names_is_created_in_bicep()
    {
        var names = new List<(string Function, string Name)>();
        foreach (var (function, binding) in package.Bindings())
        {
            if (binding.TryGetProperty("queueName", out var queue))
            {
                names.Add((function, queue.GetString()!));
            }

            if (binding.GetProperty("type").GetString()!.StartsWith("blob", StringComparison.OrdinalIgnoreCase) && binding.TryGetProperty("path", out var path))
            {
                names.Add((function, path.GetString()!.Split('/')[0]));
            }
        }

        Assert.Contains(names, n => n.Function == "score-survey");
        foreach (var (function, name) in names)
        {
            Assert.DoesNotContain('%', name);
            Assert.DoesNotContain('{', name);
            Assert.True(Main.HasLiteral(name), $"'{name}' (used by {function} in functions.metadata) is not created in infra/main.bicep");
        }
    }

    [Fact]
    public void Every_event_grid_blob_trigger_gets_a_subscription_to_the_blob_extension_webhook()
    {
        var triggers = package.Bindings()
            .Where(b => b.Binding.GetProperty("type").GetString() == "blobTrigger")
            .ToList();

        Assert.NotEmpty(triggers);
        foreach (var (function, binding) in triggers)
        {
            // Flex Consumption runs only the Event Grid blob trigger; a polling one would never fire there.
            Assert.True(
                binding.TryGetProperty("source", out var source) && source.GetString() == "EventGrid",
                $"{function}: the blob trigger must use Source = BlobTriggerSource.EventGrid on Flex Consumption");
            var container = binding.GetProperty("path").GetString()!.Split('/')[0];
            Assert.Equal("'" + function + "'", Main.Variable("scoreSurveyFunctionName"));
            Assert.Equal("'" + container + "'", Main.Variable("surveysContainerName"));
        }

        Assert.Matches(@"functionName:\s*scoreSurveyFunctionName\s+containerName:\s*surveysContainerName", Main.Code);
    }

    [Fact]
    public void Every_storage_connection_of_the_bindings_and_durable_is_configured_by_identity()
    {
        var connections = package.Bindings()
            .Select(b => b.Binding.TryGetProperty("connection", out var c) ? c.GetString() : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        using var host = package.Json("host.json");
        var storageProvider = host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider");
        connections.Add(storageProvider.GetProperty("connectionName").GetString()!);

        var settings = Main.AppSettingNames();
        Assert.Equal(["AzureWebJobsStorage"], connections);
        foreach (var connection in connections)
        {
            // The identity form of a connection: the account name, or a service URI per service the extensions use.
            Assert.Contains(connection + "__accountName", settings);
            foreach (var service in new[] { "blob", "queue", "table" })
            {
                Assert.Contains($"{connection}__{service}ServiceUri", settings);
            }

            Assert.DoesNotContain(connection, settings);
        }

        // The app's own storage clients read the same account as the bindings' connection.
        Assert.Contains(connections, c => AppSettings.StorageAccountName.Name == c + "__accountName");
    }

    [Fact]
    public void Flex_runtime_is_the_worker_language_and_the_framework_the_app_targets()
    {
        using var worker = package.Json("worker.config.json");
        var language = worker.RootElement.GetProperty("description").GetProperty("language").GetString();
        using var runtimeConfig = package.Json(Path.ChangeExtension(package.App.WorkerAssembly, ".runtimeconfig.json"));
        var tfm = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("tfm").GetString()!;

        Assert.StartsWith("net", tfm, StringComparison.Ordinal);
        Assert.Matches(
            @"var functionsRuntime = \{\s*name:\s*'" + language + @"'\s*version:\s*'" + tfm["net".Length..].Replace(".", @"\.", StringComparison.Ordinal) + @"'\s*\}",
            Main.Code);
    }

    [Fact]
    public void The_durable_task_hub_lives_in_the_storage_account_the_roles_cover_and_is_documented()
    {
        using var host = package.Json("host.json");
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var hub = durable.GetProperty("hubName").GetString()!;
        var provider = durable.GetProperty("storageProvider");

        Assert.Equal("AzureStorage", provider.GetProperty("type").GetString());
        Assert.Equal("AzureWebJobsStorage", provider.GetProperty("connectionName").GetString());
        // The connection's account is the one storage account, which the role assignments are scoped to.
        Assert.Equal("storage.name", Main.AppSettings()["AzureWebJobsStorage__accountName"]);
        Assert.Matches(@"for role in storageRoles:[\s\S]*scope:\s*storage\s", Main.Code);

        var readme = InfraReadme.Text(package.Root);
        Assert.Contains($"Durable task hub `{hub}`", readme, StringComparison.Ordinal);
        Assert.Contains($"partitionCount: {provider.GetProperty("partitionCount").GetInt32()}", readme, StringComparison.Ordinal);
    }
}
