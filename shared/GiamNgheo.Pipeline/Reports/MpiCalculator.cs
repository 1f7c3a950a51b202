using System.Numerics;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>Folds a unit's reviewed households, one at a time, into its <see cref="MpiReport"/>.</summary>
/// <remarks>Alkire–Foster with persons as the unit of analysis: a household's deprivations apply to each of its persons,
/// every indicator weighs 1/d, and a person is poor when the household's deprivations reach the standard's count cut-off
/// (so k = cut-off / d). Only integer counts are kept while folding, in memory proportional to indicators × subgroups, so
/// the ratios are computed once from exact sums and a province's households never need to be held.</remarks>
public sealed class MpiCalculator
{
    /// <summary>Subgroup key of an ethnic-minority household.</summary>
    public const string EthnicMinorityYes = "yes";

    /// <summary>Subgroup key of a household not of an ethnic minority.</summary>
    public const string EthnicMinorityNo = "no";

    /// <summary>Subgroup key of a household whose survey leaves ethnicity blank.</summary>
    public const string EthnicMinorityUnknown = "unknown";

    private readonly int _year;
    private readonly StandardIndicators _indicators;
    private readonly MpiTally _total;
    private readonly Dictionary<string, MpiTally>? _communes;
    private readonly Dictionary<string, MpiTally> _areas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MpiTally> _ethnicity = new(StringComparer.Ordinal);

    /// <summary>Starts an empty fold for the review year under the standard the households were scored under.</summary>
    /// <param name="year">Review year.</param>
    /// <param name="standard">The national standard of the year (the households' <see cref="HouseholdRecord.Standard"/>).</param>
    /// <param name="byCommune">Whether to break the unit down by commune (a district or province report).</param>
    public MpiCalculator(int year, PovertyStandard standard, bool byCommune)
    {
        ArgumentNullException.ThrowIfNull(standard);
        _year = year;
        _indicators = new StandardIndicators(standard);
        _total = new MpiTally(_indicators.Count);
        _communes = byCommune ? new Dictionary<string, MpiTally>(StringComparer.Ordinal) : null;
    }

    /// <summary>Adds one reviewed household of the commune.</summary>
    /// <exception cref="ArgumentException">The household was scored under another standard, or has a negative size.</exception>
    public void Add(HouseholdRecord household, string communeCode)
    {
        ArgumentNullException.ThrowIfNull(household);
        if (household.Persons < 0)
            throw new ArgumentException($"Household {household.HouseholdId} has {household.Persons} persons.", nameof(household));
        var mask = _indicators.MaskOf(household);
        var deprivations = BitOperations.PopCount(mask);
        var poor = deprivations >= _indicators.Standard.DeprivationCutoff.Value;

        _total.Add(household.Persons, mask, deprivations, poor);
        if (_communes is not null)
            TallyOf(_communes, communeCode).Add(household.Persons, mask, deprivations, poor);
        TallyOf(_areas, household.Area).Add(household.Persons, mask, deprivations, poor);
        TallyOf(_ethnicity, EthnicityKey(household.EthnicMinority)).Add(household.Persons, mask, deprivations, poor);
    }

    /// <summary>Adds every household of a commune's counted submission as it streams in.</summary>
    public async Task AddAsync(IAsyncEnumerable<HouseholdRecord> households, string communeCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(households);
        await foreach (var household in households.WithCancellation(cancellationToken).ConfigureAwait(false))
            Add(household, communeCode);
    }

    /// <summary>The report of the households added so far.</summary>
    public MpiReport Build()
    {
        var standard = _indicators.Standard;
        var total = _total.Measures(standard);
        return new MpiReport
        {
            Year = _year,
            Standard = standard.Id,
            IndicatorCount = _indicators.Count,
            DeprivationCutoff = standard.DeprivationCutoff.Value,
            K = (double)standard.DeprivationCutoff.Value / _indicators.Count,
            Households = total.Households,
            Population = total.Population,
            PoorPopulation = total.PoorPopulation,
            H = total.H,
            A = total.A,
            M0 = total.M0,
            Indicators = total.Indicators,
            Subgroups = new MpiSubgroups(
                _communes is null ? null : Subgroups(_communes),
                Subgroups(_areas),
                Subgroups(_ethnicity)),
            UnknownIndicators = _indicators.Unknown,
        };
    }

    private static string EthnicityKey(bool? ethnicMinority) => ethnicMinority switch
    {
        true => EthnicMinorityYes,
        false => EthnicMinorityNo,
        null => EthnicMinorityUnknown,
    };

    private MpiTally TallyOf(Dictionary<string, MpiTally> groups, string key)
    {
        if (!groups.TryGetValue(key, out var tally))
            groups.Add(key, tally = new MpiTally(_indicators.Count));
        return tally;
    }

    private SortedDictionary<string, MpiSubgroup> Subgroups(Dictionary<string, MpiTally> groups)
    {
        var result = new SortedDictionary<string, MpiSubgroup>(StringComparer.Ordinal);
        foreach (var (key, tally) in groups)
        {
            var m = tally.Measures(_indicators.Standard);
            result.Add(key, new MpiSubgroup
            {
                Households = m.Households,
                Population = m.Population,
                PoorPopulation = m.PoorPopulation,
                H = m.H,
                A = m.A,
                M0 = m.M0,
                Indicators = m.Indicators,
                PopulationShare = Ratio(m.Population, _total.Population),
            });
        }

        return result;
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    /// <summary>Exact person counts of one population.</summary>
    private sealed class MpiTally(int indicators)
    {
        private readonly long[] _deprived = new long[indicators];
        private readonly long[] _poorAndDeprived = new long[indicators];
        private long _households;
        private long _poorPersons;
        private long _poorDeprivations;

        public long Population { get; private set; }

        public void Add(int persons, ulong mask, int deprivations, bool poor)
        {
            _households++;
            Population += persons;
            if (poor)
            {
                _poorPersons += persons;
                _poorDeprivations += (long)persons * deprivations;
            }

            for (var rest = mask; rest != 0; rest &= rest - 1)
            {
                var j = BitOperations.TrailingZeroCount(rest);
                _deprived[j] += persons;
                if (poor)
                    _poorAndDeprived[j] += persons;
            }
        }

        public MpiMeasures Measures(PovertyStandard standard)
        {
            var d = _deprived.Length;
            var weight = 1.0 / d;
            // M0 = Σ persons × score / N with score = deprivations / d; the sum of the poor's deprivations is kept whole.
            var weightedPersons = (double)Population * d;
            return new MpiMeasures
            {
                Households = _households,
                Population = Population,
                PoorPopulation = _poorPersons,
                H = Ratio(_poorPersons, Population),
                A = _poorPersons == 0 ? 0 : _poorDeprivations / ((double)_poorPersons * d),
                M0 = Population == 0 ? 0 : _poorDeprivations / weightedPersons,
                Indicators = [.. standard.Indicators.Select((indicator, j) => new MpiIndicatorMeasure(
                    indicator.Key,
                    indicator.Name,
                    weight,
                    Ratio(_deprived[j], Population),
                    Ratio(_poorAndDeprived[j], Population),
                    Population == 0 ? 0 : _poorAndDeprived[j] / weightedPersons,
                    Ratio(_poorAndDeprived[j], _poorDeprivations)))],
            };
        }
    }
}
