namespace GiamNgheo.Rules.Standards;

/// <summary>A value of a standard together with its legal source.</summary>
public sealed record Sourced<T>(T Value, Provenance Provenance);

/// <summary>The review years a standard covers, with the instrument that makes it apply.</summary>
public sealed record YearRange(int From, int To, Provenance Provenance)
{
    /// <summary>Whether the review year lies in the range (both ends inclusive).</summary>
    public bool Contains(int year) => year >= From && year <= To;
}

/// <summary>How one indicator may be derived from survey facts when its flag is blank.</summary>
/// <param name="Indicator">The indicator derived.</param>
/// <param name="Rule">The rule kind, e.g. <c>floor_area_per_person_below</c>; implemented in code.</param>
/// <param name="Parameters">The rule's thresholds (ages, areas, ratios): data, so correcting one is a data edit.</param>
/// <param name="ConclusiveWhenNotDeprived">False when the facts can prove deprivation but not its absence
/// (e.g. employment: the survey has no labour-contract data), so a negative result counts as blank.</param>
/// <param name="Provenance">Source and confidence of the rule.</param>
public sealed record DerivationDefinition(
    IndicatorDefinition Indicator,
    string Rule,
    IReadOnlyDictionary<string, decimal> Parameters,
    bool ConclusiveWhenNotDeprived,
    Provenance Provenance)
{
    /// <summary>A required parameter; a missing one is a data error found at load time.</summary>
    public decimal Parameter(string name) =>
        Parameters.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"Derivation '{Rule}' of '{Indicator.Key}' needs parameter '{name}'.");
}

/// <summary>A multidimensional poverty standard (chuẩn nghèo đa chiều): national, or a province's higher local one.</summary>
public sealed class PovertyStandard
{
    internal PovertyStandard(
        string id,
        string name,
        string? provinceCode,
        string? basedOn,
        IReadOnlyList<YearRange> years,
        Sourced<ByArea<long>> incomeLine,
        Sourced<ByArea<decimal>>? b1Threshold,
        Sourced<ByArea<IncomeBand>>? middleLiving,
        Sourced<int> deprivationCutoff,
        Sourced<int> b2PointsPerIndicator,
        IReadOnlyList<IndicatorDefinition> indicators,
        IReadOnlyDictionary<string, string> dimensionOf,
        bool indicatorsProvisional,
        Provenance indicatorsProvenance,
        IReadOnlyList<DerivationDefinition> derivations)
    {
        Id = id;
        Name = name;
        ProvinceCode = provinceCode;
        BasedOn = basedOn;
        Years = years;
        IncomeLine = incomeLine;
        B1Threshold = b1Threshold;
        MiddleLiving = middleLiving;
        DeprivationCutoff = deprivationCutoff;
        B2PointsPerIndicator = b2PointsPerIndicator;
        Indicators = indicators;
        DimensionOf = dimensionOf;
        IndicatorsProvisional = indicatorsProvisional;
        IndicatorsProvenance = indicatorsProvenance;
        Derivations = derivations;
        IndicatorMask = indicators.Aggregate(0UL, (mask, i) => mask | (1UL << i.Index));
    }

    /// <summary>Stable ASCII id recorded with every result (e.g. <c>nd-07-2021</c>).</summary>
    public string Id { get; }

    /// <summary>Vietnamese name with the legal instrument.</summary>
    public string Name { get; }

    /// <summary>The province of a local standard; null for the national standard.</summary>
    public string? ProvinceCode { get; }

    /// <summary>The national standard a local one inherits indicators and derivations from.</summary>
    public string? BasedOn { get; }

    /// <summary>Whether this is the national standard.</summary>
    public bool IsNational => ProvinceCode is null;

    /// <summary>The review years covered.</summary>
    public IReadOnlyList<YearRange> Years { get; }

    /// <summary>Income line per person per month (VND), inclusive: poor or near-poor at or below it.</summary>
    public Sourced<ByArea<long>> IncomeLine { get; }

    /// <summary>B1 (điểm A) thresholds, inclusive; null where the standard defines none.</summary>
    public Sourced<ByArea<decimal>>? B1Threshold { get; }

    /// <summary>Middle-living income bands for agriculture/forestry/fishery/salt households; null where undefined.</summary>
    public Sourced<ByArea<IncomeBand>>? MiddleLiving { get; }

    /// <summary>Deprivations at or above which an income-poor household is poor rather than near-poor.</summary>
    public Sourced<int> DeprivationCutoff { get; }

    /// <summary>B2 points per deprived indicator.</summary>
    public Sourced<int> B2PointsPerIndicator { get; }

    /// <summary>The indicators of the standard, in legal order.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators { get; }

    /// <summary>Bit set of <see cref="Indicators"/> by catalog index.</summary>
    public ulong IndicatorMask { get; }

    /// <summary>Dimension key of each indicator key.</summary>
    public IReadOnlyDictionary<string, string> DimensionOf { get; }

    /// <summary>True when the indicator list is not yet confirmed by the legal text.</summary>
    public bool IndicatorsProvisional { get; }

    /// <summary>Source of the indicator list.</summary>
    public Provenance IndicatorsProvenance { get; }

    /// <summary>How blank flags are derived from facts.</summary>
    public IReadOnlyList<DerivationDefinition> Derivations { get; }

    /// <summary>Whether the standard covers the review year.</summary>
    public bool AppliesTo(int year) => Years.Any(r => r.Contains(year));

    /// <summary>Whether the standard uses the indicator.</summary>
    public bool Uses(IndicatorDefinition indicator) => (IndicatorMask & (1UL << indicator.Index)) != 0;

    /// <inheritdoc />
    public override string ToString() => Id;
}
