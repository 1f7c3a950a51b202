using GiamNgheo.Pipeline.Households;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>Folds a unit's reviewed households, one at a time, into its <see cref="DeprivationReport"/>.</summary>
/// <remarks>Households are the unit here (not persons, as in <see cref="MpiCalculator"/>): the report answers how many
/// poor and near-poor households need support for each indicator. Memory is two counters per indicator.</remarks>
public sealed class DeprivationCalculator
{
    private readonly int _year;
    private readonly StandardIndicators _indicators;
    private readonly long[] _poor;
    private readonly long[] _nearPoor;
    private long _poorHouseholds;
    private long _nearPoorHouseholds;

    /// <summary>Starts an empty fold for the review year under the standard the households were scored under.</summary>
    public DeprivationCalculator(int year, PovertyStandard standard)
    {
        ArgumentNullException.ThrowIfNull(standard);
        _year = year;
        _indicators = new StandardIndicators(standard);
        _poor = new long[_indicators.Count];
        _nearPoor = new long[_indicators.Count];
    }

    /// <summary>Adds one reviewed household; households of other classes only pass the standard check.</summary>
    /// <exception cref="ArgumentException">The household was scored under another standard.</exception>
    public void Add(HouseholdRecord household)
    {
        ArgumentNullException.ThrowIfNull(household);
        var mask = _indicators.MaskOf(household);
        long[] counts;
        // Compared with the two codes rather than parsed: the parser enumerates every class, allocating per household.
        if (string.Equals(household.Class, HouseholdClass.Poor.Code(), StringComparison.Ordinal))
        {
            _poorHouseholds++;
            counts = _poor;
        }
        else if (string.Equals(household.Class, HouseholdClass.NearPoor.Code(), StringComparison.Ordinal))
        {
            _nearPoorHouseholds++;
            counts = _nearPoor;
        }
        else
        {
            return;
        }

        for (var rest = mask; rest != 0; rest &= rest - 1)
            counts[System.Numerics.BitOperations.TrailingZeroCount(rest)]++;
    }

    /// <summary>Adds every household of a commune's counted submission as it streams in.</summary>
    public async Task AddAsync(IAsyncEnumerable<HouseholdRecord> households, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(households);
        await foreach (var household in households.WithCancellation(cancellationToken).ConfigureAwait(false))
            Add(household);
    }

    /// <summary>The report of the households added so far.</summary>
    public DeprivationReport Build() =>
        new(_year, _indicators.Standard.Id, Of(_poorHouseholds, _poor), Of(_nearPoorHouseholds, _nearPoor), _indicators.Unknown);

    private ClassDeprivations Of(long households, long[] deprived) =>
        new(households, [.. _indicators.Standard.Indicators.Select((indicator, j) => new IndicatorDeprivation(
            indicator.Key,
            indicator.Name,
            deprived[j],
            households == 0 ? 0 : Math.Round(100m * deprived[j] / households, 2, MidpointRounding.AwayFromZero)))]);
}
