using GiamNgheo.LocalHost.Triggers;

namespace GiamNgheo.LocalHost.Tests.Triggers;

public sealed class BlobPathPatternTests
{
    [Fact]
    public void Survey_path_gives_container_and_every_token()
    {
        var pattern = BlobPathPattern.Parse("surveys/{year}/{communeCode}/{name}");

        Assert.Equal("surveys", pattern.Container);
        Assert.Equal("", pattern.Prefix);
        Assert.Equal(
            new Dictionary<string, string> { ["year"] = "2025", ["communeCode"] = "00004", ["name"] = "4f1c0b" },
            pattern.Match("2025/00004/4f1c0b"));
    }

    [Fact]
    public void Tokens_are_greedy_and_may_span_slashes_as_in_the_host()
    {
        var tokens = BlobPathPattern.Parse("surveys/{year}/{communeCode}/{name}").Match("2025/00004/extra/4f1c0b")!;

        Assert.Equal("2025/00004", tokens["year"]);
        Assert.Equal("extra", tokens["communeCode"]);
        Assert.Equal("4f1c0b", tokens["name"]);
    }

    [Fact]
    public void Literal_text_before_the_first_token_is_the_listing_prefix_and_must_match()
    {
        var pattern = BlobPathPattern.Parse("input/incoming/{name}.xlsx");

        Assert.Equal("incoming/", pattern.Prefix);
        Assert.Equal("a b", pattern.Match("incoming/a b.xlsx")!["name"]);
        Assert.Null(pattern.Match("incoming/a.csv"));
        Assert.Null(pattern.Match("other/a.xlsx"));
    }

    [Fact]
    public void Doubled_braces_are_literal_braces()
    {
        var pattern = BlobPathPattern.Parse("data/{{v1}}/{name}");

        Assert.Equal("{v1}/", pattern.Prefix);
        Assert.Equal("x", pattern.Match("{v1}/x")!["name"]);
    }

    [Fact]
    public void Bare_container_matches_every_blob_without_tokens()
    {
        var pattern = BlobPathPattern.Parse("uploads");

        Assert.Empty(pattern.Match("a/b/c.txt")!);
    }

    [Fact]
    public void Too_few_segments_do_not_match()
    {
        Assert.Null(BlobPathPattern.Parse("surveys/{year}/{communeCode}/{name}").Match("2025/00004"));
    }

    [Theory]
    [InlineData("{container}/{name}")]
    [InlineData("surveys/{year")]
    [InlineData("surveys/{1year}")]
    [InlineData("surveys/year}")]
    public void Invalid_paths_are_rejected(string path)
    {
        Assert.Throws<FormatException>(() => BlobPathPattern.Parse(path));
    }
}
