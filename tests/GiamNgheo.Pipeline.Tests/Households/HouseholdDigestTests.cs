using System.Collections;
using System.Reflection;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Submissions;

namespace GiamNgheo.Pipeline.Tests.Households;

/// <summary>The digest carries every property of a stored household that a report may read, whatever the record gains.</summary>
public sealed class HouseholdDigestTests
{
    private static readonly SubmissionKey Key = new(2025, "00004", new string('a', 64));

    [Fact]
    public void Every_household_property_but_the_omitted_ones_survives_the_digest()
    {
        var properties = typeof(HouseholdRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var original = new HouseholdRecord { HouseholdId = "x", Class = "x", Standard = "x", Area = "x", IncomeTest = "x", Explanation = "x" };
        for (var i = 0; i < properties.Length; i++)
            properties[i].SetValue(original, SampleValue(properties[i], i));

        var read = Assert.Single(RoundTrip(original));

        foreach (var property in properties)
        {
            var expected = property.GetValue(original);
            var actual = property.GetValue(read);
            if (HouseholdDigest.OmittedProperties.Contains(property.Name))
                Assert.True(actual is null or "", $"{property.Name} is left out of the digest but came back as {actual}.");
            else if (expected is IEnumerable list and not string)
                Assert.Equal(list.Cast<object>(), Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object>());
            else
                Assert.True(Equals(expected, actual), $"{property.Name}: {expected} went into the digest, {actual} came out.");
        }
    }

    [Fact]
    public void Households_come_back_in_the_order_they_were_written_with_their_null_properties_null()
    {
        HouseholdRecord[] households =
        [
            new() { HouseholdId = "H1", Class = "ngheo", Standard = "nd-07-2021", Area = "nong_thon", IncomeTest = "thu_nhap", Explanation = "…", Persons = 4, Deprivations = ["y_te", "nha_o"], EthnicMinority = true },
            new() { HouseholdId = "H2", Class = "khong_ngheo", Standard = "nd-07-2021", Area = "nong_thon", IncomeTest = "diem_b1", Explanation = "…", Persons = 2 },
        ];

        var read = RoundTrip(households);

        Assert.Equal(["H1", "H2"], read.Select(h => h.HouseholdId));
        Assert.Equal(["y_te", "nha_o"], read[0].Deprivations);
        Assert.Empty(read[1].Deprivations);
        Assert.Null(read[1].EthnicMinority);
        Assert.Null(read[1].Village);
        Assert.Equal("diem_b1", read[1].IncomeTest);
    }

    [Fact]
    public void A_digest_cut_short_is_refused()
    {
        var bytes = Write([new HouseholdRecord { HouseholdId = "H1", Class = "ngheo", Standard = "s", Area = "nong_thon", IncomeTest = "thu_nhap", Explanation = "" }]);

        Assert.Throws<InvalidDataException>(() => new HouseholdDigest(bytes[..^3]).Records().ToList());
        Assert.Throws<InvalidDataException>(() => new HouseholdDigest([.. bytes[..^2], 0, 5]).Records().ToList());
    }

    [Fact]
    public void The_version_in_the_blob_name_names_the_layout_revision_and_the_records_shape()
    {
        Assert.Matches($"^v{HouseholdDigest.FormatRevision}-[0-9a-f]{{8}}$", HouseholdDigest.Version);
        Assert.Equal($"2025/00004/{Key.ShortHash}.{HouseholdDigest.Version}.digest", HouseholdDigestStore.BlobName(2025, "00004", Key.ShortHash));
    }

    private static List<HouseholdRecord> RoundTrip(params HouseholdRecord[] households) => [.. new HouseholdDigest(Write(households)).Records()];

    private static byte[] Write(HouseholdRecord[] households)
    {
        using var stream = new MemoryStream();
        using (var writer = new HouseholdDigestWriter(stream))
        {
            foreach (var household in households)
                writer.Add(household.ToEntity(Key));
            writer.Complete();
        }

        return stream.ToArray();
    }

    // A distinct value unlike the default for each property; a property of a new type needs a line here, so a new
    // property cannot slip past this test unchecked.
    private static object SampleValue(PropertyInfo property, int index)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            _ when type == typeof(string) => $"{property.Name}-giá trị-{index}",
            _ when type == typeof(int) => 1000 + index,
            _ when type == typeof(long) => 5_000_000_000L + index,
            _ when type == typeof(decimal) => 1_500_000.25m + index,
            _ when type == typeof(double) => 0.125 + index,
            _ when type == typeof(bool) => true,
            _ when type == typeof(IReadOnlyList<string>) => new[] { property.Name + "-1", property.Name + "-2" },
            _ => throw new NotSupportedException($"Add a sample value of {type.Name} for HouseholdRecord.{property.Name} to this test."),
        };
    }
}
