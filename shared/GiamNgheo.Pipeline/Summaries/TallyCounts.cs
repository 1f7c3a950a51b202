using System.Text.Json;
using GiamNgheo.Rules.Aggregation;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Summaries;

/// <summary>A class tally by stable codes (class codes, indicator keys): how tallies are stored on a submission and in an
/// export manifest, readable without the catalog that made them.</summary>
/// <param name="Households">Households per class.</param>
/// <param name="Persons">Persons per class.</param>
/// <param name="PoorDeprived">Poor households deprived in each indicator.</param>
/// <param name="NearPoorDeprived">Near-poor households deprived in each indicator.</param>
public sealed record TallyCounts(
    Dictionary<string, long> Households,
    Dictionary<string, long> Persons,
    Dictionary<string, long> PoorDeprived,
    Dictionary<string, long> NearPoorDeprived)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The counts of a tally.</summary>
    public static TallyCounts From(ClassTally tally, IndicatorCatalog indicators) => new(
        HouseholdClasses.All.ToDictionary(c => c.Code(), tally.HouseholdsOf),
        HouseholdClasses.All.ToDictionary(c => c.Code(), tally.PersonsOf),
        indicators.All.ToDictionary(i => i.Key, i => tally.DeprivedAmong(HouseholdClass.Poor, i)),
        indicators.All.ToDictionary(i => i.Key, i => tally.DeprivedAmong(HouseholdClass.NearPoor, i)));

    /// <summary>Households of one class.</summary>
    public long HouseholdsOf(HouseholdClass c) => Households.GetValueOrDefault(c.Code());

    /// <summary>Sets the tally to these counts.</summary>
    public void CopyTo(ClassTally tally, IndicatorCatalog indicators)
    {
        foreach (var c in HouseholdClasses.All)
            tally.Set(c, Households.GetValueOrDefault(c.Code()), Persons.GetValueOrDefault(c.Code()));
        foreach (var indicator in indicators.All)
        {
            tally.SetDeprived(HouseholdClass.Poor, indicator, PoorDeprived.GetValueOrDefault(indicator.Key));
            tally.SetDeprived(HouseholdClass.NearPoor, indicator, NearPoorDeprived.GetValueOrDefault(indicator.Key));
        }
    }

    /// <summary>The counts as stored in a table property.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads stored counts.</summary>
    public static TallyCounts Parse(string json) =>
        JsonSerializer.Deserialize<TallyCounts>(json, Json) ?? throw new InvalidDataException("Empty tally.");
}
