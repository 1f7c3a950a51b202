namespace GiamNgheo.Pipeline.Reports;

/// <summary>The <c>thieu-hut</c> report: how many poor and near-poor households are deprived in each indicator of the year's standard.</summary>
/// <param name="Year">Review year.</param>
/// <param name="Standard">The national standard the households were scored under.</param>
/// <param name="Poor">Poor households (<c>ngheo</c>).</param>
/// <param name="NearPoor">Near-poor households (<c>can_ngheo</c>).</param>
/// <param name="UnknownIndicators">Stored deprivation keys the standard does not list, with the households that list each; left out of the counts.</param>
public sealed record DeprivationReport(
    int Year,
    string Standard,
    ClassDeprivations Poor,
    ClassDeprivations NearPoor,
    IReadOnlyDictionary<string, long> UnknownIndicators);

/// <summary>The households of one class and how many of them are deprived in each indicator.</summary>
/// <param name="Households">Households of the class: the denominator of every percentage.</param>
/// <param name="Indicators">One entry per indicator of the standard, in its order.</param>
public sealed record ClassDeprivations(long Households, IReadOnlyList<IndicatorDeprivation> Indicators);

/// <summary>Households of a class deprived in one indicator.</summary>
/// <param name="Key">Indicator key (the survey column without <c>tt_</c>).</param>
/// <param name="Name">Vietnamese name.</param>
/// <param name="Households">Households of the class deprived in the indicator.</param>
/// <param name="Percent">Their percentage of the class's households, rounded half away from zero to two decimals; 0 when the class has none.</param>
public sealed record IndicatorDeprivation(string Key, string Name, long Households, decimal Percent);
