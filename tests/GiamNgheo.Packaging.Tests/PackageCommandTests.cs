using System.IO.Compression;

namespace GiamNgheo.Packaging.Tests;

public sealed class PackageCommandTests(RepositoryPackageFixture package) : IClassFixture<RepositoryPackageFixture>
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = PackageCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Command_line_writes_the_zip_and_prints_what_it_holds()
    {
        var zip = package.TempPath("command", "package.zip");

        var (code, output, error) = Run("--app-root", package.AppRoot, "--publish-dir", package.PublishDir, "--out", zip);

        Assert.True(code == PackageCommand.Success, error);
        Assert.Contains(zip, output, StringComparison.Ordinal);
        Assert.Contains("handler/GiamNgheo.Functions", output, StringComparison.Ordinal);
        Assert.Contains("score-survey", output, StringComparison.Ordinal);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(package.Result.EntryCount, archive.Entries.Count);
    }

    [Fact]
    public void Command_line_returns_2_and_lists_the_problems_for_bad_input()
    {
        var zip = package.TempPath("command-bad", "package.zip");

        var (code, _, error) = Run("--app-root", package.AppRoot, "--publish-dir", package.TempPath("no-such-publish"), "--out", zip);

        Assert.Equal(PackageCommand.BadInput, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    [Theory]
    [InlineData("--app-root", ".")]
    [InlineData("--app-root", ".", "--publish-dir")]
    [InlineData("--app-root", ".", "--publish-dir", "p", "--output", "x.zip")]
    public void Command_line_returns_1_for_wrong_usage(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(PackageCommand.Usage, code);
        Assert.Contains("Usage: giamngheo-package", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_the_usage()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(PackageCommand.Success, code);
        Assert.Contains("--publish-dir", output, StringComparison.Ordinal);
    }
}
