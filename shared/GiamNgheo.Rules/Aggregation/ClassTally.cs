using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Rules.Aggregation;

/// <summary>Counts of households and persons per class under one standard, and deprivations among the poor and near-poor.</summary>
/// <remarks>Additive: a province's tally is the merge of its communes' tallies.</remarks>
public sealed class ClassTally
{
    private readonly long[] _households = new long[HouseholdClasses.All.Count];
    private readonly long[] _persons = new long[HouseholdClasses.All.Count];
    private readonly long[] _poorDeprived = new long[IndicatorCatalog.MaxIndicators];
    private readonly long[] _nearPoorDeprived = new long[IndicatorCatalog.MaxIndicators];

    /// <summary>Scored households counted.</summary>
    public long Households => _households.Sum();

    /// <summary>Persons in the scored households.</summary>
    public long Persons => _persons.Sum();

    /// <summary>Households of a class.</summary>
    public long HouseholdsOf(HouseholdClass c) => _households[(int)c];

    /// <summary>Persons in households of a class.</summary>
    public long PersonsOf(HouseholdClass c) => _persons[(int)c];

    /// <summary>Poor (or near-poor) households deprived in an indicator; other classes are not tallied.</summary>
    public long DeprivedAmong(HouseholdClass c, IndicatorDefinition indicator) => c switch
    {
        HouseholdClass.Poor => _poorDeprived[indicator.Index],
        HouseholdClass.NearPoor => _nearPoorDeprived[indicator.Index],
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, "Deprivations are tallied for poor and near-poor households only."),
    };

    /// <summary>Counts one classified household of <paramref name="persons"/> members.</summary>
    public void Add(Classification classification, int persons) =>
        Add(classification.Class, persons, classification.Deprived.Select(d => d.Indicator));

    /// <summary>Counts one household from stored results: its class, size and the indicators it is deprived in.</summary>
    public void Add(HouseholdClass c, long persons, IEnumerable<IndicatorDefinition> deprivedIn)
    {
        _households[(int)c]++;
        _persons[(int)c] += persons;
        var deprived = c switch
        {
            HouseholdClass.Poor => _poorDeprived,
            HouseholdClass.NearPoor => _nearPoorDeprived,
            _ => null,
        };
        if (deprived is null)
            return;
        foreach (var indicator in deprivedIn)
            deprived[indicator.Index]++;
    }

    /// <summary>Sets counts directly, for tallies read back from storage.</summary>
    public void Set(HouseholdClass c, long households, long persons)
    {
        _households[(int)c] = households;
        _persons[(int)c] = persons;
    }

    /// <summary>Sets a deprivation count directly, for tallies read back from storage.</summary>
    public void SetDeprived(HouseholdClass c, IndicatorDefinition indicator, long households)
    {
        var target = c switch
        {
            HouseholdClass.Poor => _poorDeprived,
            HouseholdClass.NearPoor => _nearPoorDeprived,
            _ => throw new ArgumentOutOfRangeException(nameof(c), c, "Deprivations are tallied for poor and near-poor households only."),
        };
        target[indicator.Index] = households;
    }

    /// <summary>Adds another tally into this one.</summary>
    public void Merge(ClassTally other)
    {
        for (var i = 0; i < _households.Length; i++)
        {
            _households[i] += other._households[i];
            _persons[i] += other._persons[i];
        }

        for (var i = 0; i < IndicatorCatalog.MaxIndicators; i++)
        {
            _poorDeprived[i] += other._poorDeprived[i];
            _nearPoorDeprived[i] += other._nearPoorDeprived[i];
        }
    }
}
