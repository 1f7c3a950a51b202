using System.Reflection;

namespace GiamNgheo.Rules.Standards;

/// <summary>The poverty standards known to the system, chosen by review year and province.</summary>
/// <remarks>Immutable: registering a local standard returns a new catalog, so a catalog can be shared across threads.</remarks>
public sealed class StandardCatalog
{
    private const string ResourcePrefix = "GiamNgheo.Rules.Standards.";
    private const string IndicatorResource = ResourcePrefix + "indicators.json";
    private static readonly Lazy<StandardCatalog> LazyDefault = new(LoadEmbedded);

    private StandardCatalog(IndicatorCatalog indicators, IReadOnlyList<PovertyStandard> standards)
    {
        Indicators = indicators;
        All = standards;
    }

    /// <summary>The standards shipped with the product (national ones and registered local ones).</summary>
    public static StandardCatalog Default => LazyDefault.Value;

    /// <summary>Every indicator any standard may use.</summary>
    public IndicatorCatalog Indicators { get; }

    /// <summary>All standards, national first.</summary>
    public IReadOnlyList<PovertyStandard> All { get; }

    /// <summary>The standard with this id, or null.</summary>
    public PovertyStandard? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>The national standard of a review year, or null when no standard covers it.</summary>
    public PovertyStandard? NationalFor(int year) => All.FirstOrDefault(s => s.IsNational && s.AppliesTo(year));

    /// <summary>The local standard a province registered for a review year, or null.</summary>
    public PovertyStandard? LocalFor(string provinceCode, int year) =>
        All.FirstOrDefault(s => s.ProvinceCode == provinceCode && s.AppliesTo(year));

    /// <summary>The review years some national standard covers.</summary>
    public IEnumerable<int> NationalYears() =>
        All.Where(s => s.IsNational).SelectMany(s => s.Years).SelectMany(r => Enumerable.Range(r.From, r.To - r.From + 1)).Order();

    /// <summary>Returns a catalog that also holds the local standard read from this JSON document.</summary>
    public StandardCatalog WithLocalStandard(Stream json, string name)
    {
        var document = StandardJson.Deserialize<StandardDocument>(json, name);
        if (document.Scope.Kind != "province")
            throw new InvalidDataException($"{name}: only province standards can be registered; scope.kind is '{document.Scope.Kind}'.");
        var standards = All.ToList();
        standards.Add(Build(document, name, Indicators, standards));
        return Validated(Indicators, standards);
    }

    /// <summary>Loads a catalog from JSON documents: the indicator catalog and the standards.</summary>
    public static StandardCatalog Load(Stream indicatorCatalog, IEnumerable<(string Name, Stream Json)> standardDocuments)
    {
        var indicators = LoadIndicators(indicatorCatalog);
        var documents = standardDocuments
            .Select(d => (d.Name, Document: StandardJson.Deserialize<StandardDocument>(d.Json, d.Name)))
            .OrderBy(d => d.Document.Scope.Kind == "national" ? 0 : 1)
            .ToList();
        var standards = new List<PovertyStandard>();
        foreach (var (name, document) in documents)
            standards.Add(Build(document, name, indicators, standards));
        return Validated(indicators, standards);
    }

    private static StandardCatalog LoadEmbedded()
    {
        var assembly = typeof(StandardCatalog).Assembly;
        using var indicatorStream = Open(assembly, IndicatorResource);
        var standardNames = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal) && n != IndicatorResource)
            .Order(StringComparer.Ordinal)
            .ToList();
        var streams = standardNames.Select(n => (Name: n[ResourcePrefix.Length..], Json: Open(assembly, n))).ToList();
        try
        {
            return Load(indicatorStream, streams);
        }
        finally
        {
            foreach (var (_, stream) in streams)
                stream.Dispose();
        }
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing embedded resource {name}.");

    private static IndicatorCatalog LoadIndicators(Stream json)
    {
        var document = StandardJson.Deserialize<IndicatorCatalogDocument>(json, "indicators.json");
        var indicators = document.Indicators.Select((d, i) => new IndicatorDefinition(i, d.Key, d.Name, d.Definition)).ToList();
        var duplicate = indicators.GroupBy(i => i.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException($"indicators.json: indicator '{duplicate.Key}' is listed twice.");
        return new IndicatorCatalog(indicators, document.Dimensions.Select(d => new DimensionDefinition(d.Key, d.Name)).ToList());
    }

    private static PovertyStandard Build(StandardDocument d, string name, IndicatorCatalog catalog, IReadOnlyList<PovertyStandard> loaded)
    {
        PovertyStandard? parent = null;
        string? provinceCode = null;
        switch (d.Scope.Kind)
        {
            case "national":
                break;
            case "province":
                provinceCode = d.Scope.ProvinceCode is { Length: 2 } code && code.All(char.IsAsciiDigit)
                    ? code
                    : throw new InvalidDataException($"{name}: a province standard needs a 2-digit scope.provinceCode.");
                parent = loaded.FirstOrDefault(s => s.Id == d.Scope.BasedOn && s.IsNational)
                    ?? throw new InvalidDataException($"{name}: scope.basedOn '{d.Scope.BasedOn}' is not a loaded national standard.");
                break;
            default:
                throw new InvalidDataException($"{name}: scope.kind must be 'national' or 'province', not '{d.Scope.Kind}'.");
        }

        var years = d.Years.Select(y => new YearRange(y.From, y.To, Prov(y.Source, y.Confidence))).ToList();
        if (years.Count == 0 || years.Any(y => y.From > y.To))
            throw new InvalidDataException($"{name}: years must list at least one range with from ≤ to.");

        var incomeLine = new Sourced<ByArea<long>>(
            new ByArea<long>(WholeVnd(d.IncomeLine.Rural, name), WholeVnd(d.IncomeLine.Urban, name)),
            Prov(d.IncomeLine.Source, d.IncomeLine.Confidence));
        var b1 = d.B1Threshold is null
            ? null
            : new Sourced<ByArea<decimal>>(new ByArea<decimal>(d.B1Threshold.Rural, d.B1Threshold.Urban), Prov(d.B1Threshold.Source, d.B1Threshold.Confidence));
        var middle = d.MiddleLiving is null
            ? null
            : new Sourced<ByArea<IncomeBand>>(
                new ByArea<IncomeBand>(Band(d.MiddleLiving.Rural, name), Band(d.MiddleLiving.Urban, name)),
                Prov(d.MiddleLiving.Source, d.MiddleLiving.Confidence));

        IReadOnlyList<IndicatorDefinition> indicators;
        IReadOnlyDictionary<string, string> dimensions;
        bool provisional;
        Provenance indicatorsProvenance;
        if (d.Indicators is { } list)
        {
            indicators = list.Keys.Select(k => catalog.Find(k) ?? throw new InvalidDataException($"{name}: unknown indicator '{k}'.")).ToList();
            if (indicators.Distinct().Count() != indicators.Count)
                throw new InvalidDataException($"{name}: an indicator is listed twice.");
            foreach (var indicator in indicators)
            {
                if (!list.Dimensions.TryGetValue(indicator.Key, out var dimension) || catalog.FindDimension(dimension) is null)
                    throw new InvalidDataException($"{name}: indicator '{indicator.Key}' needs a known dimension.");
            }

            dimensions = list.Dimensions;
            provisional = list.Provisional;
            indicatorsProvenance = Prov(list.Source, list.Confidence);
        }
        else
        {
            indicators = parent?.Indicators ?? throw new InvalidDataException($"{name}: a national standard must list its indicators.");
            dimensions = parent.DimensionOf;
            provisional = parent.IndicatorsProvisional;
            indicatorsProvenance = parent.IndicatorsProvenance;
        }

        var derivations = d.Derivations is null
            ? parent?.Derivations ?? []
            : d.Derivations.Select(x => new DerivationDefinition(
                catalog.Find(x.Indicator) ?? throw new InvalidDataException($"{name}: derivation of unknown indicator '{x.Indicator}'."),
                x.Rule,
                x.Parameters,
                x.ConclusiveWhenNotDeprived,
                Prov(x.Source, x.Confidence))).ToList();
        foreach (var derivation in derivations)
        {
            if (!indicators.Contains(derivation.Indicator))
                throw new InvalidDataException($"{name}: derivation of '{derivation.Indicator.Key}', which the standard does not use.");
        }

        var cutoff = new Sourced<int>(d.DeprivationCutoff.Value, Prov(d.DeprivationCutoff.Source, d.DeprivationCutoff.Confidence));
        if (cutoff.Value < 1 || cutoff.Value > indicators.Count)
            throw new InvalidDataException($"{name}: deprivationCutoff must be between 1 and the number of indicators.");
        var points = new Sourced<int>(d.B2PointsPerIndicator.Value, Prov(d.B2PointsPerIndicator.Source, d.B2PointsPerIndicator.Confidence));
        if (points.Value < 1)
            throw new InvalidDataException($"{name}: b2PointsPerIndicator must be positive.");

        return new PovertyStandard(d.Id, d.Name, provinceCode, parent?.Id, years, incomeLine, b1, middle, cutoff, points,
            indicators, dimensions, provisional, indicatorsProvenance, derivations);
    }

    private static StandardCatalog Validated(IndicatorCatalog indicators, List<PovertyStandard> standards)
    {
        foreach (var group in standards.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            throw new InvalidDataException($"Standard id '{group.Key}' is defined twice.");
        foreach (var scope in standards.GroupBy(s => s.ProvinceCode ?? ""))
        {
            var years = scope.SelectMany(s => s.Years.SelectMany(r => Enumerable.Range(r.From, r.To - r.From + 1)).Distinct().Select(y => (y, s.Id))).ToList();
            var clash = years.GroupBy(x => x.y).FirstOrDefault(g => g.Count() > 1);
            if (clash is not null)
                throw new InvalidDataException($"Review year {clash.Key} is covered by two standards of the same scope: {string.Join(", ", clash.Select(c => c.Id))}.");
        }

        return new StandardCatalog(indicators, standards.OrderBy(s => s.IsNational ? 0 : 1).ThenBy(s => s.Id, StringComparer.Ordinal).ToList());
    }

    private static Provenance Prov(string source, string confidence) => new(source, Provenance.ParseTag(confidence));

    private static long WholeVnd(decimal amount, string name) =>
        amount > 0 && amount == decimal.Truncate(amount)
            ? (long)amount
            : throw new InvalidDataException($"{name}: income lines are whole, positive VND amounts; got {amount}.");

    private static IncomeBand Band(BandDocument band, string name) =>
        band.Above < band.UpTo ? new IncomeBand(band.Above, band.UpTo) : throw new InvalidDataException($"{name}: a band needs above < upTo.");
}
