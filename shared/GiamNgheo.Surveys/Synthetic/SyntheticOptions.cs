namespace GiamNgheo.Surveys.Synthetic;

/// <summary>What <see cref="SyntheticSurveyGenerator.Generate"/> writes: which communes, how many households, in which year and packaging.</summary>
/// <param name="ProvinceCode">2-digit code of a province in force on 1 September of <paramref name="Year"/>.</param>
/// <param name="Communes">How many of the province's communes get a survey.</param>
/// <param name="HouseholdsPerCommune">Reviewed households in each survey.</param>
/// <param name="Seed">The same seed and options give byte-identical CSV content.</param>
/// <param name="Year">Review year: decides the unit codes, the standard and its income lines.</param>
/// <param name="Format">Packaging of each survey.</param>
public sealed record SyntheticOptions(string ProvinceCode, int Communes, int HouseholdsPerCommune, int Seed, int Year, SyntheticFormat Format);

/// <summary>How a synthetic survey is packaged.</summary>
public enum SyntheticFormat
{
    /// <summary><c>{ma_xa}.xlsx</c> with sheets thong_tin, ho and thanh_vien, headers as in the template.</summary>
    Xlsx,

    /// <summary><c>{ma_xa}.zip</c> holding thong_tin.csv, ho.csv and thanh_vien.csv.</summary>
    CsvZip,

    /// <summary>Folder <c>{ma_xa}/</c> holding the same three CSV files.</summary>
    CsvFolder,
}
