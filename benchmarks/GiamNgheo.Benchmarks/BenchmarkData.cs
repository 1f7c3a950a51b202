using GiamNgheo.Surveys.Reading;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Synthetic;

namespace GiamNgheo.Benchmarks;

/// <summary>Synthetic province-scale surveys, generated once per size and cached under <c>benchmarks/.data</c> (git-ignored).</summary>
internal static class BenchmarkData
{
    public const int Year = 2025;
    public const string Commune = "00004";

    public static string Folder => Path.Combine(FindRepositoryRoot(), "benchmarks", ".data");

    public static (string CsvFolder, string Xlsx) Ensure(int households)
    {
        var csv = Path.Combine(Folder, $"csv-{households}");
        var generator = new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default);
        if (!File.Exists(Path.Combine(csv, "ho.csv")))
        {
            Directory.CreateDirectory(Folder);
            Console.WriteLine($"Generating {households:N0} households as CSV …");
            generator.WriteCommune(Commune, Year, households, seed: 2025, SurveyFormat.CsvFolder, csv);
        }

        return (csv, CommuneXlsx(Commune, households));
    }

    /// <summary>An xlsx survey of one commune (the province-scale file of <see cref="Commune"/>, or the same size for another commune).</summary>
    public static string CommuneXlsx(string communeCode, int households)
    {
        var xlsx = Path.Combine(Folder, communeCode == Commune ? $"survey-{households}.xlsx" : $"survey-{households}-{communeCode}.xlsx");
        if (!File.Exists(xlsx))
        {
            Directory.CreateDirectory(Folder);
            Console.WriteLine($"Generating {households:N0} households of commune {communeCode} as xlsx …");
            new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default).WriteCommune(communeCode, Year, households, seed: 2025, SurveyFormat.Xlsx, xlsx);
        }

        return xlsx;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GiamNgheo.sln")))
                return dir.FullName;
        }

        return Directory.GetCurrentDirectory();
    }
}
