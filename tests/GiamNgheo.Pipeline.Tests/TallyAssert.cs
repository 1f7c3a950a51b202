using GiamNgheo.Pipeline.Summaries;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Compares tallies by their figures (a record of dictionaries compares references).</summary>
internal static class TallyAssert
{
    public static void Equal(TallyCounts expected, TallyCounts actual)
    {
        Assert.Equal(Sorted(expected.Households), Sorted(actual.Households));
        Assert.Equal(Sorted(expected.Persons), Sorted(actual.Persons));
        Assert.Equal(Sorted(expected.PoorDeprived), Sorted(actual.PoorDeprived));
        Assert.Equal(Sorted(expected.NearPoorDeprived), Sorted(actual.NearPoorDeprived));
    }

    /// <summary>The non-zero entries in key order: a missing key and a zero mean the same.</summary>
    private static List<KeyValuePair<string, long>> Sorted(Dictionary<string, long> counts) =>
        [.. counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal)];
}
