using System.IO.Compression;

namespace GiamNgheo.Packaging.Tests;

/// <summary>The giamngheo-package command line package.sh calls: options, exit codes, what it prints.</summary>
public sealed class PackageCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

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
        var publish = SyntheticPublish.Create(_temp);
        var zip = _temp.Path("out", "package.zip");

        var (code, output, error) = Run("--publish-dir", publish, "--out", zip);

        Assert.True(code == PackageCommand.Success, error);
        Assert.Contains("Wrote " + zip, output, StringComparison.Ordinal);
        Assert.Contains($"{SyntheticPublish.Files.Count} entries", output, StringComparison.Ordinal);
        Assert.Contains("worker: dotnet App.dll (dotnet-isolated)", output, StringComparison.Ordinal);
        Assert.Contains("functions (2): health, score-survey", output, StringComparison.Ordinal);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(SyntheticPublish.Files.Count, archive.Entries.Count);
    }

    [Fact]
    public void Command_line_returns_2_and_lists_the_problems_for_a_publish_folder_that_is_not_an_isolated_app()
    {
        var publish = SyntheticPublish.Create(_temp);
        File.Delete(Path.Combine(publish, "functions.metadata"));
        var zip = _temp.Path("out", "package.zip");

        var (code, _, error) = Run("--publish-dir", publish, "--out", zip);

        Assert.Equal(PackageCommand.BadInput, code);
        Assert.Contains("functions.metadata: missing", error, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    [Theory]
    [InlineData("--publish-dir")]
    [InlineData("--publish-dir", "p")]
    [InlineData("--publish-dir", "p", "--output", "x.zip")]
    [InlineData("--app-root", ".", "--publish-dir", "p", "--out", "x.zip")]
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
