using System.IO.Compression;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Aggregation;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Schema;
using GiamNgheo.Surveys.Scoring;
using GiamNgheo.Spreadsheets;
using GiamNgheo.Synthetic;

namespace GiamNgheo.Synthetic.Tests;

public sealed class SyntheticSurveyGeneratorTests : IDisposable
{
    private const int Households = 200;
    private static readonly SyntheticSurveyGenerator Generator = new(AdminUnitCatalog.Default, StandardCatalog.Default);
    private static readonly SurveyScorer Scorer = new(StandardCatalog.Default, AdminUnitCatalog.Default);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, int, SurveyFormat> Cases()
    {
        var cases = new TheoryData<string, int, SurveyFormat>();
        // 2024: three-tier codes and B1; 2025: two-tier; 2027: no B1 and no middle-living band; 75: a local standard without B1.
        foreach (var (province, year) in new[] { ("01", 2024), ("01", 2025), ("01", 2027), ("75", 2024) })
        {
            foreach (var format in Enum.GetValues<SurveyFormat>())
                cases.Add(province, year, format);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_survey_scores_without_errors_and_with_a_plausible_class_mix(string province, int year, SurveyFormat format)
    {
        var paths = Generator.Generate(new SyntheticOptions(province, 3, Households, Seed: 7, year, format), _temp.Path);

        Assert.Equal(3, paths.Count);
        var tally = new ClassTally();
        foreach (var path in paths)
        {
            using var source = SurveySource.Open(path);
            var outcome = Scorer.Score(source, new SurveyExpectations(year), new DiscardingSink());

            Assert.True(outcome.Succeeded, string.Join(Environment.NewLine, outcome.Issues.Errors));
            Assert.Equal(Households, outcome.HouseholdsScored);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), outcome.Header!.Commune.Code);
            Assert.True(outcome.Issues.WarningCount < Households * 0.05, string.Join(Environment.NewLine, outcome.Issues.Warnings));
            tally.Merge(outcome.NationalTally);
        }

        Assert.InRange(tally.HouseholdsOf(HouseholdClass.Poor), 1, tally.Households / 4);
        Assert.InRange(tally.HouseholdsOf(HouseholdClass.NearPoor), 1, tally.Households / 4);
        Assert.True(tally.HouseholdsOf(HouseholdClass.NotPoor) + tally.HouseholdsOf(HouseholdClass.MiddleLiving) > tally.Households / 2);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        var options = new SyntheticOptions("01", 2, 150, Seed: 11, 2025, SurveyFormat.CsvFolder);
        var first = Generator.Generate(options, _temp.Sub("a"));
        var second = Generator.Generate(options, _temp.Sub("b"));
        var zipFirst = Generator.Generate(options with { Format = SurveyFormat.CsvZip }, _temp.Sub("c"));
        var zipSecond = Generator.Generate(options with { Format = SurveyFormat.CsvZip }, _temp.Sub("d"));

        Assert.Equal(first.Select(Path.GetFileName), second.Select(Path.GetFileName));
        foreach (var (a, b) in first.Zip(second))
        {
            foreach (var sheet in SurveySchema.Sheets)
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, sheet.Name + ".csv")), File.ReadAllBytes(Path.Combine(b, sheet.Name + ".csv")));
        }

        foreach (var (a, b) in zipFirst.Zip(zipSecond))
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Zip_holds_the_same_csv_bytes_as_the_folder()
    {
        var folder = Generator.Generate(new SyntheticOptions("01", 1, 100, Seed: 3, 2025, SurveyFormat.CsvFolder), _temp.Sub("folder")).Single();
        var zip = Generator.Generate(new SyntheticOptions("01", 1, 100, Seed: 3, 2025, SurveyFormat.CsvZip), _temp.Sub("zip")).Single();

        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["thong_tin.csv", "ho.csv", "thanh_vien.csv"], archive.Entries.Select(e => e.FullName));
        foreach (var entry in archive.Entries)
        {
            using var content = new MemoryStream();
            using (var stream = entry.Open())
                stream.CopyTo(content);
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, entry.FullName)), content.ToArray());
        }
    }

    [Fact]
    public void Different_seeds_give_different_households()
    {
        Generator.WriteCommune("00004", 2025, 100, seed: 1, SurveyFormat.CsvFolder, _temp.Sub("one"));
        Generator.WriteCommune("00004", 2025, 100, seed: 2, SurveyFormat.CsvFolder, _temp.Sub("two"));

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_temp.Sub("one"), "ho.csv")), File.ReadAllBytes(Path.Combine(_temp.Sub("two"), "ho.csv")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_temp.Sub("one"), "thanh_vien.csv")), File.ReadAllBytes(Path.Combine(_temp.Sub("two"), "thanh_vien.csv")));
    }

    [Fact]
    public void Write_commune_gives_the_survey_generate_gives_for_that_commune()
    {
        var generated = Generator.Generate(new SyntheticOptions("01", 2, 80, Seed: 5, 2025, SurveyFormat.CsvFolder), _temp.Sub("all"))[1];
        var single = _temp.Sub("single");

        Generator.WriteCommune(Path.GetFileName(generated), 2025, 80, seed: 5, SurveyFormat.CsvFolder, single);

        foreach (var sheet in SurveySchema.Sheets)
            Assert.Equal(File.ReadAllBytes(Path.Combine(generated, sheet.Name + ".csv")), File.ReadAllBytes(Path.Combine(single, sheet.Name + ".csv")));
    }

    [Fact]
    public void Communes_are_spread_over_the_province_rather_than_the_first_by_code()
    {
        var on = new DateOnly(2025, 9, 1);
        var codes = AdminUnitCatalog.Default.CommunesOf("01", on).Select(c => c.Code).ToList();

        var chosen = Generator.Generate(new SyntheticOptions("01", 4, 5, Seed: 9, 2025, SurveyFormat.CsvZip), _temp.Path)
            .Select(p => codes.IndexOf(Path.GetFileNameWithoutExtension(p)))
            .ToList();

        Assert.DoesNotContain(-1, chosen);
        Assert.Equal(chosen.Order(), chosen);
        Assert.True(chosen[^1] - chosen[0] >= codes.Count / 2, $"Chosen indexes {string.Join(", ", chosen)} of {codes.Count}.");
    }

    [Fact]
    public void Files_are_named_by_commune_code_in_each_format()
    {
        var xlsx = Generator.Generate(new SyntheticOptions("01", 1, 5, Seed: 1, 2025, SurveyFormat.Xlsx), _temp.Sub("x")).Single();
        var zip = Generator.Generate(new SyntheticOptions("01", 1, 5, Seed: 1, 2025, SurveyFormat.CsvZip), _temp.Sub("z")).Single();
        var folder = Generator.Generate(new SyntheticOptions("01", 1, 5, Seed: 1, 2025, SurveyFormat.CsvFolder), _temp.Sub("f")).Single();

        var code = Path.GetFileName(folder);
        Assert.Matches("^[0-9]{5}$", code);
        Assert.Equal(code + ".xlsx", Path.GetFileName(xlsx));
        Assert.Equal(code + ".zip", Path.GetFileName(zip));
        Assert.Equal(["ho.csv", "thanh_vien.csv", "thong_tin.csv"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public void Xlsx_headers_are_the_template_header_texts()
    {
        var path = Generator.Generate(new SyntheticOptions("01", 1, 5, Seed: 1, 2025, SurveyFormat.Xlsx), _temp.Path).Single();

        using var workbook = XlsxWorkbookReader.Open(File.OpenRead(path));
        Assert.Equal(["thong_tin", "ho", "thanh_vien"], workbook.SheetNames);
        using var sheet = workbook.OpenSheet("ho")!;
        Assert.True(sheet.Read());
        Assert.Equal("Mã hộ (ma_ho)", sheet.GetString(0));
        Assert.Equal("Số CCCD chủ hộ (so_cccd_chu_ho)", sheet.GetString(2));
    }

    [Theory]
    [InlineData("99", 2025)]
    [InlineData("02", 2025)]
    [InlineData("", 2024)]
    public void Unknown_province_is_rejected(string province, int year)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Generator.Generate(new SyntheticOptions(province, 1, 10, Seed: 1, year, SurveyFormat.CsvZip), _temp.Path));

        Assert.Contains("not in the administrative units catalogue", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Asking_for_more_communes_than_the_province_has_is_rejected()
    {
        var count = AdminUnitCatalog.Default.CommunesOf("01", new DateOnly(2025, 9, 1)).Count;

        var error = Assert.Throws<ArgumentException>(() =>
            Generator.Generate(new SyntheticOptions("01", count + 1, 10, Seed: 1, 2025, SurveyFormat.CsvZip), _temp.Path));

        Assert.Contains($"has {count} communes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Year_without_a_standard_is_rejected()
    {
        Assert.Throws<ArgumentException>(() =>
            Generator.Generate(new SyntheticOptions("01", 1, 10, Seed: 1, 2019, SurveyFormat.CsvZip), _temp.Path));
    }

    [Fact]
    public void Unknown_commune_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Generator.WriteCommune("99999", 2025, 10, 1, SurveyFormat.CsvZip, _temp.Sub("x.zip")));
    }

    [Theory]
    [InlineData(SurveyFormat.Xlsx)]
    [InlineData(SurveyFormat.CsvZip)]
    [InlineData(SurveyFormat.CsvFolder)]
    public void Cancelled_run_leaves_nothing_behind(SurveyFormat format)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Generator.WriteCommune("00004", 2025, 50, 1, format, _temp.Sub("00004"), cancelled.Token));

        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories));
    }

    private sealed class DiscardingSink : IScoredHouseholdSink
    {
        public void Add(SurveyHousehold household, ScoredHousehold result)
        {
        }
    }
}
