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
        var xlsx = Path.Combine(Folder, $"survey-{households}.xlsx");
        var generator = new SyntheticSurveyGenerator(AdminUnitCatalog.Default, StandardCatalog.Default);
        if (!File.Exists(Path.Combine(csv, "ho.csv")))
        {
            Directory.CreateDirectory(Folder);
            Console.WriteLine($"Generating {households:N0} households as CSV …");
            generator.WriteCommune(Commune, Year, households, seed: 2025, SurveyFormat.CsvFolder, csv);
        }

        if (!File.Exists(xlsx))
        {
            Console.WriteLine($"Generating {households:N0} households as xlsx …");
            generator.WriteCommune(Commune, Year, households, seed: 2025, SurveyFormat.Xlsx, xlsx);
        }

        return (csv, xlsx);
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
