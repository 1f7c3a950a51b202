using GiamNgheo.Surveys.Reading;

namespace GiamNgheo.Synthetic;

/// <summary>What <see cref="SyntheticSurveyGenerator.Generate"/> writes: which communes, how many households, in which year and packaging.</summary>
/// <param name="ProvinceCode">2-digit code of a province in force on 1 September of <paramref name="Year"/>.</param>
/// <param name="Communes">How many of the province's communes get a survey.</param>
/// <param name="HouseholdsPerCommune">Reviewed households in each survey.</param>
/// <param name="Seed">The same seed and options give byte-identical CSV content.</param>
/// <param name="Year">Review year: decides the unit codes, the standard and its income lines.</param>
/// <param name="Format">Packaging of each survey.</param>
public sealed record SyntheticOptions(string ProvinceCode, int Communes, int HouseholdsPerCommune, int Seed, int Year, SurveyFormat Format);
