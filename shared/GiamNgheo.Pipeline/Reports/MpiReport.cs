using System.Text.Json.Serialization;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>Alkire–Foster measures of one population (a unit or one of its subgroups), persons as the unit of analysis.</summary>
/// <remarks>Every ratio is a fraction between 0 and 1, and 0 (never NaN) when its denominator is empty.</remarks>
public record MpiMeasures
{
    /// <summary>Reviewed households in the population, including any of 0 persons (which weigh nothing).</summary>
    public required long Households { get; init; }

    /// <summary>Persons in the population (the sum of <c>so_nhan_khau</c>): the denominator of H, M0, hd and hdk.</summary>
    public required long Population { get; init; }

    /// <summary>Persons in households deprived in at least k of the d indicators.</summary>
    public required long PoorPopulation { get; init; }

    /// <summary>Incidence: poor persons over all persons.</summary>
    [JsonPropertyName("H")]
    public required double H { get; init; }

    /// <summary>Intensity: the average deprivation score (deprivations / d) of the poor.</summary>
    [JsonPropertyName("A")]
    public required double A { get; init; }

    /// <summary>Adjusted headcount ratio: H × A, equal to the sum of the indicators' absolute contributions.</summary>
    [JsonPropertyName("M0")]
    public required double M0 { get; init; }

    /// <summary>The measures of each indicator, in the standard's order.</summary>
    public required IReadOnlyList<MpiIndicatorMeasure> Indicators { get; init; }
}

/// <summary>One indicator's headcount ratios and contribution to M0 (mpitb's <c>hd</c>, <c>hdk</c>, <c>actb</c>, <c>pctb</c>).</summary>
/// <param name="Key">Indicator key (the survey column without <c>tt_</c>).</param>
/// <param name="Name">Vietnamese name.</param>
/// <param name="Weight">w = 1/d: the standard counts every indicator alike.</param>
/// <param name="Hd">Uncensored headcount ratio: persons deprived in the indicator over all persons, poor or not.</param>
/// <param name="Hdk">Censored headcount ratio: persons poor and deprived in the indicator over all persons.</param>
/// <param name="AbsoluteContribution">w × hdk; the indicators' values sum to M0.</param>
/// <param name="PercentageContribution">w × hdk / M0 as a fraction; sums to 1 over the indicators (all 0 when M0 is 0).</param>
public sealed record MpiIndicatorMeasure(
    string Key,
    string Name,
    double Weight,
    double Hd,
    double Hdk,
    [property: JsonPropertyName("actb")] double AbsoluteContribution,
    [property: JsonPropertyName("pctb")] double PercentageContribution);

/// <summary>The measures of one subgroup, with its share of the unit's persons.</summary>
/// <remarks>The unit's M0 (and H) is the population-share-weighted sum of its subgroups' values within each breakdown.</remarks>
public sealed record MpiSubgroup : MpiMeasures
{
    /// <summary>The subgroup's persons over the unit's persons.</summary>
    public required double PopulationShare { get; init; }
}

/// <summary>The unit's measures broken down by commune, area and ethnic minority.</summary>
/// <param name="Commune">By commune code; null for a commune's own report.</param>
/// <param name="Area">By area code (<c>nong_thon</c>, <c>thanh_thi</c>).</param>
/// <param name="EthnicMinority">By ethnic-minority household: <c>yes</c>, <c>no</c>, <c>unknown</c> (not stated in the survey).</param>
public sealed record MpiSubgroups(
    IReadOnlyDictionary<string, MpiSubgroup>? Commune,
    IReadOnlyDictionary<string, MpiSubgroup> Area,
    IReadOnlyDictionary<string, MpiSubgroup> EthnicMinority);

/// <summary>How one measure changed from the previous result.</summary>
/// <param name="Previous">The previous value.</param>
/// <param name="Current">This year's value.</param>
/// <param name="Absolute">Current − previous (in fraction points).</param>
/// <param name="Relative">(current − previous) / previous; null when the previous value is 0.</param>
public sealed record MeasureChange(double Previous, double Current, double Absolute, double? Relative)
{
    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/>.</summary>
    public static MeasureChange Between(double previous, double current) =>
        new(previous, current, current - previous, previous == 0 ? null : (current - previous) / previous);
}

/// <summary>The change of H, A and M0 from a previous year's result of the same unit.</summary>
/// <param name="PreviousYear">The year compared with.</param>
/// <param name="PreviousStandard">The standard of the previous result.</param>
/// <param name="SameIndicators">Whether both years use the same indicator keys (otherwise the levels are not strictly comparable).</param>
/// <param name="H">Change of the incidence.</param>
/// <param name="A">Change of the intensity.</param>
/// <param name="M0">Change of the adjusted headcount ratio.</param>
public sealed record MpiChange(
    int PreviousYear,
    string PreviousStandard,
    bool SameIndicators,
    [property: JsonPropertyName("H")] MeasureChange H,
    [property: JsonPropertyName("A")] MeasureChange A,
    [property: JsonPropertyName("M0")] MeasureChange M0);

/// <summary>The <c>mpi</c> report: Alkire–Foster measures of a unit's reviewed households under the year's standard.</summary>
public sealed record MpiReport : MpiMeasures
{
    /// <summary>Review year.</summary>
    public required int Year { get; init; }

    /// <summary>The national standard the households were scored under.</summary>
    public required string Standard { get; init; }

    /// <summary>d: the standard's number of indicators.</summary>
    public required int IndicatorCount { get; init; }

    /// <summary>The standard's count cut-off: poor in the deprivation dimension at this many deprivations or more.</summary>
    public required int DeprivationCutoff { get; init; }

    /// <summary>k = cut-off / d, the poverty cut-off on the weighted deprivation score.</summary>
    [JsonPropertyName("k")]
    public required double K { get; init; }

    /// <summary>The same measures by subgroup.</summary>
    public required MpiSubgroups Subgroups { get; init; }

    /// <summary>Stored deprivation keys the standard does not list, with the households that list each; left out of the measures.</summary>
    public required IReadOnlyDictionary<string, long> UnknownIndicators { get; init; }

    /// <summary>The change from the previous result, when one was given.</summary>
    public MpiChange? Change { get; init; }

    /// <summary>This report with its change from <paramref name="previous"/> (an earlier year of the same unit).</summary>
    public MpiReport WithChangeFrom(MpiReport previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (previous.Year >= Year)
            throw new ArgumentException($"The previous result is of {previous.Year}, not a year before {Year}.", nameof(previous));
        var sameIndicators = previous.Indicators.Select(i => i.Key).SequenceEqual(Indicators.Select(i => i.Key), StringComparer.Ordinal);
        return this with
        {
            Change = new MpiChange(previous.Year, previous.Standard, sameIndicators,
                MeasureChange.Between(previous.H, H), MeasureChange.Between(previous.A, A), MeasureChange.Between(previous.M0, M0)),
        };
    }
}
