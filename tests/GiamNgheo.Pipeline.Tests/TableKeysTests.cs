using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Keys built from officer-typed codes and content hashes.</summary>
public sealed class TableKeysTests
{
    [Theory]
    [InlineData("HO-001", "HO-001")]
    [InlineData("thôn 3/12", "thôn 3%2F12")]
    [InlineData("a#b?c\\d", "a%23b%3Fc%5Cd")]
    [InlineData("50%", "50%25")]
    public void Forbidden_key_characters_are_escaped_and_ordinary_codes_kept(string value, string expected) =>
        Assert.Equal(expected, TableKeys.Escape(value));

    [Fact]
    public void Escaping_keeps_distinct_codes_distinct() =>
        Assert.NotEqual(TableKeys.Escape("a/b"), TableKeys.Escape("a%2Fb"));

    [Fact]
    public void Submission_id_and_blob_name_round_trip()
    {
        var key = new SubmissionKey(2025, "00166", new string('a', 64));

        Assert.True(SubmissionKey.TryParseBlobName(key.BlobName, out var parsed));
        Assert.Equal(key, parsed);
        Assert.True(SubmissionKey.TryParseId(key.Id, out var year, out var commune, out var shortHash));
        Assert.Equal((2025, "00166", key.ShortHash), (year, commune, shortHash));
        Assert.False(SubmissionKey.TryParseBlobName("2025/00166/NOTAHASH", out _));
    }
}
