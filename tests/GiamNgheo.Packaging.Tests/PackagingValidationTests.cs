using System.IO.Compression;
using System.Security.Cryptography;
using GiamNgheo.Testing;

namespace GiamNgheo.Packaging.Tests;

/// <summary>What the packager refuses and how it writes the zip, on a small synthetic publish folder.</summary>
public sealed class PackagingValidationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public PackagingValidationTests()
    {
        PublishDir = SyntheticPublish.Create(_temp);
        OutputZip = _temp.Path("out", "package.zip");
    }

    private string PublishDir { get; }

    private string OutputZip { get; }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_minimal_isolated_worker_publish_packages_every_file_at_the_zip_root()
    {
        var result = DeploymentPackage.Build(PublishDir, OutputZip);

        Assert.Equal(["health", "score-survey"], result.App.Functions);
        Assert.Equal("App.dll", result.App.WorkerAssembly);
        Assert.Equal(["AzureStorageBlobs"], result.App.Extensions);
        using var zip = ZipFile.OpenRead(OutputZip);
        Assert.Equal(SyntheticPublish.Files.Keys.Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName));
        Assert.Equal(SyntheticPublish.Files.Count, result.EntryCount);
        Assert.Equal(new FileInfo(OutputZip).Length, result.SizeBytes);
    }

    [Fact]
    public void Entries_are_in_ordinal_path_order_whatever_order_the_files_were_written_in()
    {
        _temp.Write("publish/zz/late.txt", "z");
        _temp.Write("publish/Aa.txt", "A");
        _temp.Write("publish/a/b.txt", "b");

        using var zip = ZipFile.OpenRead(DeploymentPackage.Build(PublishDir, OutputZip).OutputZip);
        var names = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.True(names.IndexOf("Aa.txt") < names.IndexOf("a/b.txt"), "ordinal order puts upper case first");
    }

    [Fact]
    public void Every_entry_has_the_fixed_timestamp_and_a_regular_file_mode()
    {
        File.SetLastWriteTimeUtc(Path.Combine(PublishDir, "App.dll"), new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc));

        using var zip = ZipFile.OpenRead(DeploymentPackage.Build(PublishDir, OutputZip).OutputZip);

        Assert.All(zip.Entries, e => Assert.Equal(DeploymentPackage.EntryTimestamp.DateTime, e.LastWriteTime.DateTime));
        Assert.All(zip.Entries, e => Assert.Equal(Convert.ToInt32("100644", 8), e.ExternalAttributes >>> 16));
    }

    [Fact]
    public void The_same_folder_gives_the_same_bytes_even_after_its_files_are_touched()
    {
        var first = SHA256.HashData(File.ReadAllBytes(DeploymentPackage.Build(PublishDir, OutputZip).OutputZip));
        foreach (var file in Directory.EnumerateFiles(PublishDir, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(1));
        }

        var second = SHA256.HashData(File.ReadAllBytes(DeploymentPackage.Build(PublishDir, _temp.Path("out", "again.zip")).OutputZip));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("functions.metadata", "functions.metadata: missing")]
    [InlineData("worker.config.json", "worker.config.json: missing")]
    [InlineData("host.json", "host.json: missing")]
    [InlineData("extensions.json", "extensions.json: missing")]
    [InlineData("App.dll", "the worker needs 'App.dll'")]
    [InlineData("App.runtimeconfig.json", "the worker needs 'App.runtimeconfig.json'")]
    [InlineData(".azurefunctions/Blobs.dll", "extension 'AzureStorageBlobs' points at './.azurefunctions/Blobs.dll'")]
    public void Packaging_rejects_a_publish_folder_missing_what_the_host_reads(string file, string expected)
    {
        File.Delete(Path.Combine(PublishDir, file));

        AssertRefused(expected);
    }

    [Fact]
    public void Packaging_rejects_a_publish_folder_without_extension_assemblies()
    {
        Directory.Delete(Path.Combine(PublishDir, ".azurefunctions"), recursive: true);

        AssertRefused(".azurefunctions/: missing or empty");
    }

    [Theory]
    [InlineData("""{ "version": "2.0", "customHandler": { "description": { "defaultExecutablePath": "handler/App" } } }""", "\"customHandler\" section")]
    [InlineData("""{ "version": "2.0", "CustomHandler": {} }""", "\"customHandler\" section")]
    [InlineData("""{ "version": "2.0", "extensionBundle": { "id": "Microsoft.Azure.Functions.ExtensionBundle", "version": "[4.*, 5.0.0)" } }""", "\"extensionBundle\"")]
    [InlineData("""{ "version": "1.0" }""", "\"version\" must be \"2.0\"")]
    [InlineData("""{ "version": """, "host.json: not valid JSON")]
    public void Packaging_rejects_a_host_json_the_isolated_worker_cannot_run_with(string hostJson, string expected)
    {
        File.WriteAllText(Path.Combine(PublishDir, "host.json"), hostJson);

        AssertRefused(expected);
    }

    [Fact]
    public void Packaging_rejects_a_self_contained_publish()
    {
        File.WriteAllText(
            Path.Combine(PublishDir, "worker.config.json"),
            SyntheticPublish.WorkerConfig.Replace("\"defaultExecutablePath\": \"dotnet\"", "\"defaultExecutablePath\": \"{WorkerRoot}App\"", StringComparison.Ordinal));

        AssertRefused("defaultExecutablePath is '{WorkerRoot}App', not 'dotnet'");
    }

    [Theory]
    [InlineData("\"language\": \"dotnet-isolated\"", "\"language\": \"custom\"", "language is 'custom'")]
    [InlineData("\"defaultWorkerPath\": \"App.dll\"", "\"defaultWorkerPath\": \"bin/App.dll\"", "defaultWorkerPath 'bin/App.dll' must name an assembly (.dll) at the package root")]
    public void Packaging_rejects_a_worker_config_that_does_not_start_this_worker(string from, string to, string expected)
    {
        File.WriteAllText(Path.Combine(PublishDir, "worker.config.json"), SyntheticPublish.WorkerConfig.Replace(from, to, StringComparison.Ordinal));

        AssertRefused(expected);
    }

    [Theory]
    [InlineData("[]", "lists no functions")]
    [InlineData("""[ { "name": "Score.Survey", "scriptFile": "App.dll", "bindings": [ { "type": "queueTrigger" } ] } ]""", "('Score.Survey'): not a valid function name")]
    [InlineData("""[ { "name": "host", "scriptFile": "App.dll", "bindings": [ { "type": "queueTrigger" } ] } ]""", "('host'): not a valid function name")]
    [InlineData("""[ { "name": "a", "scriptFile": "App.dll", "bindings": [ { "type": "queueTrigger" } ] }, { "name": "A", "scriptFile": "App.dll", "bindings": [ { "type": "timerTrigger" } ] } ]""", "('A'): listed twice")]
    [InlineData("""[ { "name": "a", "scriptFile": "Other.dll", "bindings": [ { "type": "queueTrigger" } ] } ]""", "scriptFile 'Other.dll' is not in the publish folder")]
    [InlineData("""[ { "name": "a", "scriptFile": "App.dll", "bindings": [ { "type": "http" } ] } ]""", "needs exactly one trigger binding, found 0")]
    [InlineData("""[ { "name": "a", "scriptFile": "App.dll", "bindings": [ { "type": "queueTrigger" }, { "type": "timerTrigger" } ] } ]""", "needs exactly one trigger binding, found 2")]
    public void Packaging_rejects_a_functions_metadata_the_host_would_refuse(string metadata, string expected)
    {
        File.WriteAllText(Path.Combine(PublishDir, "functions.metadata"), metadata);

        AssertRefused(expected);
    }

    [Theory]
    [InlineData("GiamNgheo.Synthetic.dll")]
    [InlineData("GiamNgheo.Testing.dll")]
    [InlineData("GiamNgheo.LocalHost.dll")]
    [InlineData("GiamNgheo.Pipeline.Tests.dll")]
    [InlineData("giamngheo.dll")]
    [InlineData("xunit.core.dll")]
    [InlineData("testhost.dll")]
    [InlineData("BenchmarkDotNet.dll")]
    [InlineData("local.settings.json")]
    [InlineData("score-survey/function.json")]
    public void Packaging_rejects_files_that_must_not_be_deployed(string file)
    {
        _temp.Write("publish/" + file, "x");

        AssertRefused(file + ": must not be deployed");
    }

    [Theory]
    [InlineData("GiamNgheo.Functions.dll")]
    [InlineData("GiamNgheo.Pipeline.dll")]
    [InlineData("Microsoft.DurableTask.Worker.dll")]
    [InlineData(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")]
    [InlineData("runtimes/linux-x64/native/libe_sqlite3.so")]
    public void The_app_and_its_dependencies_may_be_deployed(string file)
    {
        Assert.Null(PublishedApp.NotDeployableReason(file));
    }

    [Fact]
    public void Every_repository_project_that_is_not_deployed_is_refused_by_the_packager()
    {
        // Guards PublishedApp.NotDeployedProjects against a new tool or test project it does not know.
        var projects = DeploymentPackageTests.NotDeployedAssemblies(RepositoryRoot.Find());

        Assert.Contains("giamngheo-package", projects);
        foreach (var project in projects)
        {
            Assert.NotNull(PublishedApp.NotDeployableReason(project + ".dll"));
        }
    }

    [Theory]
    [InlineData("health", true)]
    [InlineData("score-survey", true)]
    [InlineData("refresh_summaries2", true)]
    [InlineData("Health", true)]
    [InlineData("host", false)]
    [InlineData("GiamNgheo.Functions", false)]
    [InlineData("-health", false)]
    [InlineData("", false)]
    public void Function_names_follow_the_host_rule(string name, bool valid)
    {
        Assert.Equal(valid, PublishedApp.IsValidFunctionName(name));
    }

    [Fact]
    public void Packaging_rejects_a_missing_publish_folder()
    {
        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(_temp.Path("nowhere"), OutputZip));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packaging_rejects_an_output_zip_inside_the_publish_folder()
    {
        var inside = Path.Combine(PublishDir, "package.zip");

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(PublishDir, inside));

        Assert.Contains("inside the publish folder", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(inside));
    }

    [Fact]
    public void Packaging_lists_every_problem_at_once()
    {
        File.Delete(Path.Combine(PublishDir, "App.runtimeconfig.json"));
        File.WriteAllText(Path.Combine(PublishDir, "host.json"), """{ "version": "2.0", "extensionBundle": {} }""");
        _temp.Write("publish/xunit.core.dll", "x");

        var error = AssertRefused("App.runtimeconfig.json");

        Assert.Contains("extensionBundle", error.Message, StringComparison.Ordinal);
        Assert.Contains("xunit.core.dll", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_zip_is_replaced()
    {
        _temp.Write("out/package.zip", "an old file that is not a zip");

        DeploymentPackage.Build(PublishDir, OutputZip);

        using var zip = ZipFile.OpenRead(OutputZip);
        Assert.Contains(zip.Entries, e => e.FullName == "host.json");
        Assert.False(File.Exists(OutputZip + ".partial"));
    }

    private DeploymentPackageException AssertRefused(string expected)
    {
        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(PublishDir, OutputZip));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(OutputZip), "nothing may be written when a check fails");
        return error;
    }
}
