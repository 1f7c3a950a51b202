using System.IO.Compression;
using System.Security.Cryptography;
using GiamNgheo.Functions.Configuration;
using GiamNgheo.Functions.HostProtocol;

namespace GiamNgheo.Packaging.Tests;

/// <summary>The zip built from the repository's host.json and functions/ folders plus a fake publish folder.</summary>
public sealed class DeploymentPackageTests(RepositoryPackageFixture package) : IClassFixture<RepositoryPackageFixture>
{
    private static List<string> FunctionFolders(string appRoot) =>
        Directory.EnumerateDirectories(Path.Combine(appRoot, "functions"))
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Zip_has_host_json_and_every_function_folder_at_the_root()
    {
        using var zip = ZipFile.OpenRead(package.Result.OutputZip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("host.json", names);
        var functions = FunctionFolders(package.AppRoot);
        Assert.NotEmpty(functions);
        foreach (var function in functions)
        {
            Assert.Contains(function + "/function.json", names);
        }

        Assert.Equal(functions, package.Result.Functions);
    }

    [Fact]
    public void Host_json_and_function_json_are_copied_byte_for_byte()
    {
        using var zip = ZipFile.OpenRead(package.Result.OutputZip);
        Assert.Equal(File.ReadAllBytes(Path.Combine(package.AppRoot, "host.json")), ReadEntry(zip, "host.json"));
        foreach (var function in package.Result.Functions)
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(package.AppRoot, "functions", function, "function.json")),
                ReadEntry(zip, function + "/function.json"));
        }
    }

    [Fact]
    public void Zip_holds_nothing_but_host_json_function_json_files_and_the_handler_folder()
    {
        using var zip = ZipFile.OpenRead(package.Result.OutputZip);
        var handlerPrefix = package.Handler.Folder + "/";
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            var allowed = name == "host.json"
                || name.StartsWith(handlerPrefix, StringComparison.Ordinal)
                || (name.EndsWith("/function.json", StringComparison.Ordinal) && name.Count(c => c == '/') == 1);
            Assert.True(allowed, $"unexpected entry '{name}'");
        }

        // The handler project's folder (sources, bin, obj) is not a function and must not be packaged.
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("GiamNgheo.Functions/", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("functions/", StringComparison.Ordinal));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".cs", StringComparison.Ordinal) || e.FullName.EndsWith(".csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_published_file_is_under_the_handler_folder()
    {
        using var zip = ZipFile.OpenRead(package.Result.OutputZip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Equal("handler", package.Handler.Folder);
        Assert.Contains(package.Handler.ExecutableEntryName, names);
        foreach (var relative in FakePublish.OtherFiles)
        {
            Assert.Contains("handler/" + relative, names);
        }

        Assert.Equal(1 + package.Result.Functions.Count + 1 + FakePublish.OtherFiles.Length, package.Result.EntryCount);
        Assert.Equal(package.Result.EntryCount, zip.Entries.Count);
    }

    [Fact]
    public void Handler_executable_has_the_execute_bit()
    {
        using var zip = ZipFile.OpenRead(package.Result.OutputZip);
        var handler = Assert.Single(zip.Entries, e => e.FullName == package.Handler.ExecutableEntryName);

        var mode = (int)((uint)handler.ExternalAttributes >> 16);
        Assert.Equal(DeploymentPackage.ExecutableMode, mode);
        Assert.Equal(Convert.ToInt32("100755", 8), mode);

        var record = Assert.Single(package.CentralDirectory, r => r.Name == package.Handler.ExecutableEntryName);
        Assert.True(record.IsExecutable);
    }

    [Fact]
    public void Other_files_are_not_executable()
    {
        var others = package.CentralDirectory.Where(r => r.Name != package.Handler.ExecutableEntryName).ToList();
        Assert.NotEmpty(others);
        foreach (var record in others)
        {
            Assert.False(record.IsExecutable, $"{record.Name} is executable");
            Assert.Equal(Convert.ToInt32("100644", 8), record.UnixMode);
        }
    }

    [Fact]
    public void Every_entry_is_marked_as_made_on_unix()
    {
        // unzip, Kudu and Python's zipfile apply the mode in the external attributes only for "made by Unix" (3).
        Assert.All(package.CentralDirectory, r => Assert.Equal(3, r.MadeByHost));
    }

    [Fact]
    public void Entries_come_in_a_fixed_order_host_json_then_functions_then_handler_files()
    {
        var names = package.CentralDirectory.Select(r => r.Name).ToList();
        var expected = new List<string> { "host.json" };
        expected.AddRange(package.Result.Functions.Select(f => f + "/function.json"));
        expected.AddRange(names.Where(n => n.StartsWith("handler/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        Assert.Equal(expected, names);
        Assert.Equal(package.Result.Functions.Order(StringComparer.Ordinal), package.Result.Functions);
    }

    [Fact]
    public void Every_entry_has_the_fixed_timestamp()
    {
        using var zip = ZipFile.OpenRead(package.Result.OutputZip);
        Assert.All(zip.Entries, e => Assert.Equal(DeploymentPackage.EntryTimestamp.DateTime, e.LastWriteTime.DateTime));
    }

    [Fact]
    public void The_same_inputs_give_the_same_bytes()
    {
        var again = package.TempPath("again", "package.zip");
        DeploymentPackage.Build(package.AppRoot, package.PublishDir, again);

        Assert.Equal(SHA256.HashData(File.ReadAllBytes(package.Result.OutputZip)), SHA256.HashData(File.ReadAllBytes(again)));
    }

    [Fact]
    public void Result_reports_the_size_written()
    {
        Assert.Equal(new FileInfo(package.Result.OutputZip).Length, package.Result.SizeBytes);
        Assert.False(File.Exists(package.Result.OutputZip + ".partial"));
    }

    [Fact]
    public void Host_json_starts_the_apphost_the_handler_project_builds()
    {
        // dotnet publish names the apphost after the assembly; host.json must point at that file.
        var assemblyName = typeof(AppSettings).Assembly.GetName().Name;
        Assert.Equal(assemblyName, package.Handler.ExecutableName);
        Assert.Equal("handler/" + assemblyName, package.Handler.ExecutableEntryName);
        Assert.Equal(package.Handler.Folder, package.Handler.WorkingDirectory);
    }

    [Fact]
    public void The_extracted_package_is_the_same_function_app_as_the_repository()
    {
        // The handler's own reader of the host's layout: function folders next to host.json in a deployed package.
        var extracted = package.TempPath("extracted-" + Guid.NewGuid().ToString("N"));
        ZipFile.ExtractToDirectory(package.Result.OutputZip, extracted);

        var repository = FunctionAppDefinition.Load(package.AppRoot);
        var deployed = FunctionAppDefinition.Load(extracted);

        Assert.Equal(repository.Functions.Select(f => f.Name), deployed.Functions.Select(f => f.Name));
        Assert.Equal(repository.Functions.Select(f => f.Trigger?.Type), deployed.Functions.Select(f => f.Trigger?.Type));
        Assert.Equal(repository.CustomHandler?.DefaultExecutablePath, deployed.CustomHandler?.DefaultExecutablePath);
        Assert.True(File.Exists(Path.Combine(extracted, deployed.CustomHandler!.DefaultExecutablePath!)));
    }

    [Fact]
    public void Package_script_publishes_into_the_folder_it_packages()
    {
        var script = File.ReadAllText(Path.Combine(package.AppRoot, "package.sh"));

        Assert.Contains("functions/GiamNgheo.Functions", script, StringComparison.Ordinal);
        Assert.Contains("-r \"$runtime\" --self-contained true", script, StringComparison.Ordinal);
        Assert.Contains("runtime=linux-x64", script, StringComparison.Ordinal);
        Assert.Contains("publish_dir=.artifacts/publish/" + package.Handler.Folder, script, StringComparison.Ordinal);
        Assert.Contains("--publish-dir \"$publish_dir\"", script, StringComparison.Ordinal);
        Assert.Contains("-p:PublishTrimmed=false", script, StringComparison.Ordinal);
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
