namespace GiamNgheo.Cli.Tests;

public class TemplateAndGenerateTests
{
    [Fact]
    public void Template_is_written_for_a_year_with_a_standard()
    {
        using var work = new WorkFolder();
        var output = work.Path("mau.xlsx");

        var run = CliRun.Of("template", "--year", "2027", "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.True(new FileInfo(output).Length > 1000);
    }

    [Fact]
    public void Template_for_a_year_without_standard_is_refused()
    {
        using var work = new WorkFolder();

        var run = CliRun.Of("template", "--year", "2035", "--out", work.Path("mau.xlsx"));

        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(work.Path("mau.xlsx")));
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv-zip")]
    [InlineData("csv")]
    public void Generated_surveys_score_without_errors(string format)
    {
        using var work = new WorkFolder();
        var folder = work.Path("surveys");

        var generated = CliRun.Of("generate", "--province", "48", "--communes", "2", "--households", "150", "--seed", "3", "--year", "2025", "--format", format, "--out", folder);

        Assert.Equal(0, generated.ExitCode);
        var surveys = Directory.GetFileSystemEntries(folder);
        Assert.Equal(2, surveys.Length);
        foreach (var survey in surveys)
        {
            var scored = CliRun.Of("score", survey, "--year", "2025", "--out", work.Path("out.csv"));
            Assert.True(scored.ExitCode == 0, scored.Error);
        }
    }

    [Fact]
    public void Generating_for_an_unknown_province_is_refused()
    {
        using var work = new WorkFolder();

        var run = CliRun.Of("generate", "--province", "99", "--communes", "1", "--households", "10", "--year", "2025", "--out", work.Path("s"));

        Assert.Equal(2, run.ExitCode);
    }
}
