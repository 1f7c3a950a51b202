using GiamNgheo.Testing;

namespace GiamNgheo.Cli.Tests;

/// <summary><c>giamngheo score</c> over the hostile corpus: exit 2 with a located Vietnamese reason, never a stack trace, and nothing written.</summary>
public sealed class HostileFileTests
{
    private static readonly IReadOnlyList<HostileCase> Corpus = HostileSurveys.For("01", "00004");

    public static TheoryData<string> Cases() => [.. Corpus.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score_exits_2_with_a_Vietnamese_reason_on_a_hostile_file(string name)
    {
        var hostile = Corpus.Single(c => c.Name == name);
        using var work = new WorkFolder();
        var input = work.Path(hostile.FileName);
        File.WriteAllBytes(input, hostile.Build());

        var run = CliRun.Of("score", input, "--year", "2025", "--out", work.Path("ket-qua.csv"));

        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.False(File.Exists(work.Path("ket-qua.csv")));
        Assert.StartsWith("Lỗi", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        if (hostile.Sheet is { } sheet)
            Assert.Contains($"sheet {sheet}", run.Error, StringComparison.Ordinal);
    }
}
