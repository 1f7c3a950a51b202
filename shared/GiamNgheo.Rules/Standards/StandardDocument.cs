using System.Text.Json;
using System.Text.Json.Serialization;

namespace GiamNgheo.Rules.Standards;

/// <summary>The JSON shape of a standard file (see <c>Standards/Data</c> and docs/rules.md).</summary>
internal sealed record StandardDocument(
    string Id,
    string Name,
    ScopeDocument Scope,
    IReadOnlyList<YearsDocument> Years,
    AreaAmountsDocument IncomeLine,
    AreaAmountsDocument? B1Threshold,
    MiddleLivingDocument? MiddleLiving,
    ValueDocument DeprivationCutoff,
    ValueDocument B2PointsPerIndicator,
    IndicatorsDocument? Indicators = null,
    IReadOnlyList<DerivationDocument>? Derivations = null);

internal sealed record ScopeDocument(string Kind, string? ProvinceCode = null, string? BasedOn = null);

internal sealed record YearsDocument(int From, int To, string Source, string Confidence);

internal sealed record AreaAmountsDocument(decimal Rural, decimal Urban, string Source, string Confidence);

internal sealed record BandDocument(long Above, long UpTo);

internal sealed record MiddleLivingDocument(BandDocument Rural, BandDocument Urban, string Source, string Confidence);

internal sealed record ValueDocument(int Value, string Source, string Confidence);

internal sealed record IndicatorsDocument(
    IReadOnlyList<string> Keys,
    IReadOnlyDictionary<string, string> Dimensions,
    bool Provisional,
    string Source,
    string Confidence);

internal sealed record DerivationDocument(
    string Indicator,
    string Rule,
    IReadOnlyDictionary<string, decimal> Parameters,
    bool ConclusiveWhenNotDeprived,
    string Source,
    string Confidence);

internal sealed record IndicatorCatalogDocument(
    IReadOnlyList<DimensionDocument> Dimensions,
    IReadOnlyList<IndicatorDocument> Indicators,
    string? About = null);

internal sealed record DimensionDocument(string Key, string Name);

internal sealed record IndicatorDocument(string Key, string Name, string Definition);

internal static class StandardJson
{
    // Strict on purpose: a misspelt key in a rule file must fail loudly, not be ignored.
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static T Deserialize<T>(Stream json, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new InvalidDataException($"{name}: empty document.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{name}: {ex.Message}", ex);
        }
    }
}
