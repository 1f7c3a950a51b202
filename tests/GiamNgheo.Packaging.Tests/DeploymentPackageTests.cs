using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using GiamNgheo.Functions.Configuration;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.Packaging.Tests;

/// <summary>The zip ./package.sh builds from the real function app: what the Functions host reads, and nothing else.</summary>
[Collection(PublishedPackageGroup.Name)]
public sealed class DeploymentPackageTests(PublishedPackageFixture package)
{
    private static readonly Assembly FunctionApp = typeof(AppSettings).Assembly;

    private static readonly string[] NotDeployedFolders = ["tests", "tools", "benchmarks"];

    private static string WorkerAssemblyFile => FunctionApp.GetName().Name + ".dll";

    [Fact]
    public void Package_root_holds_what_the_functions_host_reads()
    {
        using var zip = package.OpenZip();
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        var stem = FunctionApp.GetName().Name;
        foreach (var file in new[] { "host.json", "functions.metadata", "worker.config.json", "extensions.json", stem + ".dll", stem + ".runtimeconfig.json", stem + ".deps.json" })
        {
            Assert.Contains(file, names);
        }

        Assert.Contains(names, n => n.StartsWith(".azurefunctions/", StringComparison.Ordinal) && n.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Equal(WorkerAssemblyFile, package.App.WorkerAssembly);
    }

    [Fact]
    public void The_zip_holds_exactly_the_publish_folder_byte_for_byte()
    {
        using var zip = package.OpenZip();
        var published = Directory.EnumerateFiles(package.PublishDir, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(package.PublishDir, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(published, zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            Assert.True(
                SHA256.HashData(stream).AsSpan().SequenceEqual(SHA256.HashData(File.ReadAllBytes(Path.Combine(package.PublishDir, entry.FullName)))),
                $"{entry.FullName} differs from the published file");
        }
    }

    [Fact]
    public void Functions_metadata_lists_every_function_the_app_declares()
    {
        // Durable orchestrators and activities are registered in code (DurableTasks.Register) and reach the host when the
        // worker starts; only [Function] methods are in the build-time metadata.
        var declared = FunctionApp.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("score-survey", declared);
        Assert.Contains("upload-survey", declared);
        Assert.Equal(declared, package.App.Functions);
    }

    [Fact]
    public void Host_json_in_the_package_is_the_projects_and_declares_no_custom_handler_or_bundle()
    {
        var project = File.ReadAllBytes(Path.Combine(package.Root, "functions", "GiamNgheo.Functions", "host.json"));
        Assert.Equal(project, File.ReadAllBytes(Path.Combine(package.PublishDir, "host.json")));

        using var host = package.Json("host.json");
        var sections = host.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.DoesNotContain(sections, s => s.Equals("customHandler", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(sections, s => s.Equals("extensionBundle", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_worker_is_framework_dependent_on_net_10_for_linux_x64()
    {
        using var worker = package.Json("worker.config.json");
        var description = worker.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(WorkerAssemblyFile, description.GetProperty("defaultWorkerPath").GetString());

        var stem = FunctionApp.GetName().Name!;
        using var runtimeConfig = package.Json(stem + ".runtimeconfig.json");
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
        Assert.Equal("net10.0", options.GetProperty("tfm").GetString());
        Assert.False(options.TryGetProperty("includedFrameworks", out _), "a self-contained publish carries its own runtime");
        var frameworks = options.GetProperty("frameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("Microsoft.NETCore.App", frameworks);
        Assert.Contains("Microsoft.AspNetCore.App", frameworks);

        using var deps = package.Json(stem + ".deps.json");
        Assert.Equal(".NETCoreApp,Version=v10.0/linux-x64", deps.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString());

        // UseAppHost=false: the host starts `dotnet <app>.dll`; a native launcher would never run.
        Assert.DoesNotContain(stem, package.App.Files);
    }

    [Fact]
    public void Nothing_from_tests_tools_benchmarks_or_the_local_host_is_packaged()
    {
        var notDeployed = NotDeployedAssemblies(package.Root);
        Assert.Contains("GiamNgheo.Synthetic", notDeployed);
        Assert.Contains("GiamNgheo.LocalHost", notDeployed);

        foreach (var file in package.App.Files)
        {
            var name = file[(file.LastIndexOf('/') + 1)..];
            Assert.DoesNotContain(notDeployed, a => name.StartsWith(a + ".", StringComparison.Ordinal));
            Assert.False(name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase), file);
            Assert.False(name.StartsWith("BenchmarkDotNet", StringComparison.OrdinalIgnoreCase), file);
            Assert.False(name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase), file);
        }
    }

    [Fact]
    public void Every_extension_the_bindings_need_is_in_the_package()
    {
        // Binding types that come from a host extension the worker SDK builds into .azurefunctions/ (HTTP and timer
        // triggers are part of the host itself).
        var extensionOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["blobTrigger"] = "AzureStorageBlobs",
            ["blob"] = "AzureStorageBlobs",
            ["queueTrigger"] = "AzureStorageQueues",
            ["queue"] = "AzureStorageQueues",
            ["durableClient"] = "DurableTask",
        };

        var needed = package.Bindings()
            .Select(b => b.Binding.GetProperty("type").GetString()!)
            .Where(extensionOf.ContainsKey)
            .Select(t => extensionOf[t])
            .Distinct()
            .ToList();

        Assert.Contains("DurableTask", needed);
        foreach (var extension in needed)
        {
            Assert.Contains(extension, package.App.Extensions);
        }
    }

    [Fact]
    public void Entries_come_in_ordinal_order_with_the_fixed_timestamp_and_a_regular_file_mode()
    {
        using var zip = package.OpenZip();
        var names = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.All(zip.Entries, e => Assert.Equal(DeploymentPackage.EntryTimestamp.DateTime, e.LastWriteTime.DateTime));
        Assert.All(zip.Entries, e => Assert.Equal(DeploymentPackage.RegularFileMode, e.ExternalAttributes >>> 16));
    }

    [Fact]
    public void Packaging_the_same_publish_folder_again_gives_the_same_bytes()
    {
        var again = DeploymentPackage.Build(package.PublishDir, package.TempPath("again", "package.zip"));

        Assert.Equal(SHA256.HashData(File.ReadAllBytes(package.ZipPath)), SHA256.HashData(File.ReadAllBytes(again.OutputZip)));
        Assert.Equal(new FileInfo(again.OutputZip).Length, again.SizeBytes);
    }

    [Fact]
    public void Extracting_the_package_gives_back_the_publish_folder()
    {
        var extracted = package.TempPath("extracted-" + Guid.NewGuid().ToString("N"));
        ZipFile.ExtractToDirectory(package.ZipPath, extracted);

        var app = PublishedApp.Read(extracted);

        Assert.Equal(package.App.Files, app.Files);
        Assert.Equal(package.App.Functions, app.Functions);
        Assert.Equal(package.App.WorkerAssembly, app.WorkerAssembly);
    }

    [Fact]
    public void Package_script_reports_the_publish_time_and_the_zip_size()
    {
        Assert.Matches(@"published the function app in \d+ s", package.ScriptOutput);
        Assert.Contains($"package: {package.ZipPath}, {new FileInfo(package.ZipPath).Length} bytes", package.ScriptOutput, StringComparison.Ordinal);
    }

    /// <summary>Assembly names of the projects under tests/, tools/, benchmarks/ and of the local host.</summary>
    internal static IReadOnlyList<string> NotDeployedAssemblies(string root)
    {
        var projects = NotDeployedFolders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories))
            .Append(Path.Combine(root, "functions", "GiamNgheo.LocalHost", "GiamNgheo.LocalHost.csproj"))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && File.Exists(p));

        return projects
            .Select(p => XDocument.Load(p).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(p))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
