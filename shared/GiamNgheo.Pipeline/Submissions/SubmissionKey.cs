using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GiamNgheo.Pipeline.Submissions;

/// <summary>Identifies one uploaded file of one commune and review year by the SHA-256 of its bytes.</summary>
/// <remarks>Naming by content makes every step idempotent: the same bytes always map to the same blob, the same
/// submission and the same household rows, so a redelivered event or a second upload changes nothing.</remarks>
public sealed partial record SubmissionKey
{
    private const int ShortHashLength = 20;

    /// <summary>Creates a key; the hash is 64 lowercase hexadecimal characters.</summary>
    public SubmissionKey(int year, string communeCode, string sha256)
    {
        if (!CommunePattern().IsMatch(communeCode))
            throw new ArgumentException($"Commune code must be 5 digits, got '{communeCode}'.", nameof(communeCode));
        if (!HashPattern().IsMatch(sha256))
            throw new ArgumentException("SHA-256 must be 64 lowercase hexadecimal characters.", nameof(sha256));
        Year = year;
        CommuneCode = communeCode;
        Sha256 = sha256;
    }

    /// <summary>Review year.</summary>
    public int Year { get; }

    /// <summary>Commune code (5 digits).</summary>
    public string CommuneCode { get; }

    /// <summary>SHA-256 of the file, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>The first 80 bits of the hash: enough to tell a commune's files apart, short enough for URLs.</summary>
    public string ShortHash => Sha256[..ShortHashLength];

    /// <summary>The public submission id: <c>{year}-{commune}-{shortHash}</c>.</summary>
    public string Id => FormatId(Year, CommuneCode, ShortHash);

    /// <summary>The table partition of the commune and year.</summary>
    public string PartitionKey => CommuneYearPartition(Year, CommuneCode);

    /// <summary>The raw file's blob name in the surveys container.</summary>
    public string BlobName => $"{Year}/{CommuneCode}/{Sha256}";

    /// <summary>The public id of a commune-year's submission with this short hash.</summary>
    public static string FormatId(int year, string communeCode, string shortHash) => $"{year}-{communeCode}-{shortHash}";

    /// <summary>The partition of a commune and year in the submissions and households tables.</summary>
    public static string CommuneYearPartition(int year, string communeCode) => $"{year}-{communeCode}";

    /// <summary>Reads a key back from a raw blob name; false for blobs that are not uploads.</summary>
    public static bool TryParseBlobName(string blobName, [NotNullWhen(true)] out SubmissionKey? key)
    {
        key = null;
        var match = BlobPattern().Match(blobName);
        if (!match.Success)
            return false;
        key = new SubmissionKey(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, match.Groups[3].Value);
        return true;
    }

    /// <summary>Splits a public id into year, commune and short hash; false when it is malformed.</summary>
    public static bool TryParseId(string id, out int year, [NotNullWhen(true)] out string? communeCode, [NotNullWhen(true)] out string? shortHash)
    {
        year = 0;
        communeCode = shortHash = null;
        var match = IdPattern().Match(id);
        if (!match.Success)
            return false;
        year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        communeCode = match.Groups[2].Value;
        shortHash = match.Groups[3].Value;
        return true;
    }

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex CommunePattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashPattern();

    [GeneratedRegex("^([0-9]{4})/([0-9]{5})/([0-9a-f]{64})$")]
    private static partial Regex BlobPattern();

    [GeneratedRegex("^([0-9]{4})-([0-9]{5})-([0-9a-f]{20})$")]
    private static partial Regex IdPattern();
}
