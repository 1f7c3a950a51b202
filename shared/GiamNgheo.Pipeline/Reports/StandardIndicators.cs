using GiamNgheo.Pipeline.Households;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>The indicators of the standard a report is computed under, and the stored deprivations resolved against them.</summary>
/// <remarks>A stored key the standard does not list can only come from an indicator list edited after scoring (the scorer
/// writes the standard's keys only). It is left out of the measures, because it was not part of the count that classed the
/// household, and reported by key so the unit can be rescored rather than misreported in silence.</remarks>
internal sealed class StandardIndicators
{
    private readonly Dictionary<string, int> _position;
    private readonly Dictionary<string, long> _unknown = new(StringComparer.Ordinal);

    public StandardIndicators(PovertyStandard standard)
    {
        Standard = standard;
        _position = standard.Indicators.Select((indicator, i) => (indicator.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
    }

    public PovertyStandard Standard { get; }

    public int Count => Standard.Indicators.Count;

    /// <summary>Households that listed each key outside the standard.</summary>
    public IReadOnlyDictionary<string, long> Unknown => new SortedDictionary<string, long>(_unknown, StringComparer.Ordinal);

    /// <summary>The household's deprivations as a bit set over the standard's indicator positions (a repeated key counts once).</summary>
    /// <exception cref="ArgumentException">The household was scored under another standard: its deprivations are not comparable.</exception>
    public ulong MaskOf(HouseholdRecord household)
    {
        if (!string.Equals(household.Standard, Standard.Id, StringComparison.Ordinal))
            throw new ArgumentException($"Household {household.HouseholdId} was scored under '{household.Standard}', not '{Standard.Id}'.", nameof(household));

        var mask = 0UL;
        // Indexed, because enumerating the list through its interface allocates an enumerator per household.
        var keys = household.Deprivations;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (_position.TryGetValue(key, out var position))
                mask |= 1UL << position;
            else if (!ListedBefore(keys, i))
                _unknown[key] = _unknown.GetValueOrDefault(key) + 1;
        }

        return mask;
    }

    private static bool ListedBefore(IReadOnlyList<string> keys, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (string.Equals(keys[i], keys[index], StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
