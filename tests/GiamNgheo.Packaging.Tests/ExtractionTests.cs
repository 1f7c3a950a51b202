using Xunit.Abstractions;

namespace GiamNgheo.Packaging.Tests;

/// <summary>The execute bit as other tools see it: Info-ZIP's unzip (what most Linux extractors behave like) and Python's zipfile.</summary>
public sealed class ExtractionTests(RepositoryPackageFixture package, ITestOutputHelper output) : IClassFixture<RepositoryPackageFixture>
{
    [Fact]
    public void Execute_bit_survives_extraction_with_unzip()
    {
        var unzip = ExternalTool.Find("unzip");
        if (OperatingSystem.IsWindows() || unzip is null)
        {
            output.WriteLine("unzip is not installed; Python_zipfile_reads_a_unix_executable_handler checks the attributes instead.");
            return;
        }

        var target = package.TempPath("unzipped-" + Guid.NewGuid().ToString("N"));
        var (exitCode, printed) = ExternalTool.Run(unzip, ["-q", "-o", package.Result.OutputZip, "-d", target]);
        Assert.True(exitCode == 0, printed);

        var handler = Path.Combine(target, package.Handler.Folder, package.Handler.ExecutableName);
        var mode = File.GetUnixFileMode(handler);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"extracted handler mode is {mode}");
        Assert.True(mode.HasFlag(UnixFileMode.OtherExecute), $"extracted handler mode is {mode}");

        foreach (var relative in FakePublish.OtherFiles)
        {
            var other = File.GetUnixFileMode(Path.Combine(target, package.Handler.Folder, relative));
            Assert.False(other.HasFlag(UnixFileMode.UserExecute), $"{relative} came out executable ({other})");
        }

        Assert.True(File.Exists(Path.Combine(target, "host.json")));
        foreach (var function in package.Result.Functions)
        {
            Assert.True(File.Exists(Path.Combine(target, function, "function.json")), function);
        }
    }

    [Fact]
    public void Unzip_lists_the_handler_as_a_unix_executable()
    {
        var unzip = ExternalTool.Find("unzip");
        if (OperatingSystem.IsWindows() || unzip is null)
        {
            output.WriteLine("unzip is not installed.");
            return;
        }

        // zipinfo mode (-Z): one line per entry, e.g. "-rwxr-xr-x  2.0 unx   8 b- defN 00-Jan-01 00:00 handler/GiamNgheo.Functions".
        var (exitCode, printed) = ExternalTool.Run(unzip, ["-Z", package.Result.OutputZip]);
        Assert.True(exitCode == 0, printed);
        var line = Assert.Single(printed.Split('\n'), l => l.TrimEnd().EndsWith(" " + package.Handler.ExecutableEntryName, StringComparison.Ordinal));
        Assert.StartsWith("-rwxr-xr-x", line, StringComparison.Ordinal);
        Assert.Contains(" unx ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_zipfile_reads_a_unix_executable_handler()
    {
        var python = ExternalTool.Find("python3");
        if (OperatingSystem.IsWindows() || python is null)
        {
            output.WriteLine("python3 is not installed.");
            return;
        }

        const string script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                for info in z.infolist():
                    print(info.filename, info.create_system, oct(info.external_attr >> 16))
            """;
        var (exitCode, printed) = ExternalTool.Run(python, ["-c", script, package.Result.OutputZip]);
        Assert.True(exitCode == 0, printed);

        var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => (System: p[1], Mode: p[2]));
        Assert.Equal(("3", "0o100755"), lines[package.Handler.ExecutableEntryName]);
        Assert.Equal(("3", "0o100644"), lines["host.json"]);
        Assert.Equal(package.Result.EntryCount, lines.Count);
    }
}
