namespace GiamNgheo.Rules.Standards;

/// <summary>One deprivation indicator (chỉ số thiếu hụt) that a standard may use.</summary>
/// <param name="Index">Stable position in the catalog, used for bit sets.</param>
/// <param name="Key">ASCII key; the survey column is <c>tt_</c> + key.</param>
/// <param name="Name">Vietnamese name.</param>
/// <param name="Definition">The working definition in Vietnamese.</param>
public sealed record IndicatorDefinition(int Index, string Key, string Name, string Definition)
{
    /// <summary>The survey column that carries the explicit 0/1 flag.</summary>
    public string FlagColumn => "tt_" + Key;
}

/// <summary>A dimension (chiều thiếu hụt) grouping indicators.</summary>
public sealed record DimensionDefinition(string Key, string Name);

/// <summary>All indicators and dimensions known to the project, loaded from data.</summary>
public sealed class IndicatorCatalog
{
    /// <summary>Indicator sets are 64-bit masks.</summary>
    public const int MaxIndicators = 64;

    private readonly Dictionary<string, IndicatorDefinition> _byKey;
    private readonly Dictionary<string, DimensionDefinition> _dimensions;

    internal IndicatorCatalog(IReadOnlyList<IndicatorDefinition> indicators, IReadOnlyList<DimensionDefinition> dimensions)
    {
        if (indicators.Count > MaxIndicators)
            throw new InvalidDataException($"At most {MaxIndicators} indicators are supported, the catalog has {indicators.Count}.");
        All = indicators;
        _byKey = indicators.ToDictionary(i => i.Key, StringComparer.Ordinal);
        _dimensions = dimensions.ToDictionary(d => d.Key, StringComparer.Ordinal);
    }

    /// <summary>Every indicator, in catalog order.</summary>
    public IReadOnlyList<IndicatorDefinition> All { get; }

    /// <summary>The indicator with this key, or null.</summary>
    public IndicatorDefinition? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The indicator with this key; throws for an unknown key.</summary>
    public IndicatorDefinition Get(string key) =>
        Find(key) ?? throw new KeyNotFoundException($"Unknown indicator '{key}'.");

    /// <summary>The dimension with this key, or null.</summary>
    public DimensionDefinition? FindDimension(string key) => _dimensions.GetValueOrDefault(key);
}
