using System.IO.Compression;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using Parquet;
using Parquet.Serialization;

namespace GiamNgheo.Pipeline.Tests.PowerBi;

/// <summary>The model of province 01 written for 2024 (before the reform, with districts) and for 2025, as a workbook and as
/// Parquet files read back with Parquet.Net; households have codes and head names that must never come out.</summary>
public sealed class PowerBiModelOutput : IAsyncLifetime
{
    /// <summary>The province of the example.</summary>
    public const string Province = "01";

    /// <summary>The pseudonymiser the model was written with.</summary>
    public HouseholdPseudonymiser Pseudonymiser { get; } = new(PseudonymKey.Generate());

    /// <summary>The households written, per year.</summary>
    public Dictionary<int, List<(string Commune, HouseholdRecord Household)>> Households { get; } = [];

    /// <summary>The workbook bytes, per year.</summary>
    public Dictionary<int, byte[]> Workbooks { get; } = [];

    /// <summary>The Parquet files' bytes, per year and file name.</summary>
    public Dictionary<int, Dictionary<string, byte[]>> ParquetFiles { get; } = [];

    /// <summary>Rows of every Parquet table, per year and table name, as Parquet.Net reads them.</summary>
    public Dictionary<int, Dictionary<string, List<IDictionary<string, object?>>>> Rows { get; } = [];

    /// <summary>The timeliness rows given to the 2025 manifest.</summary>
    public static IReadOnlyList<ReportingTimelinessRow> Timeliness { get; } =
    [
        new("ke-hoach-01", "Kế hoạch giảm nghèo 2025", Province, "6-thang", "6 tháng đầu năm", new DateOnly(2025, 6, 15), "so-y-te", "Sở Y tế", null, true, "dung-han", new DateTimeOffset(2025, 6, 15, 16, 59, 0, TimeSpan.Zero)),
        new("ke-hoach-01", "Kế hoạch giảm nghèo 2025", Province, "6-thang", "6 tháng đầu năm", new DateOnly(2025, 6, 15), "so-gd", "Sở Giáo dục", null, true, "tre-han", new DateTimeOffset(2025, 6, 15, 17, 0, 0, TimeSpan.Zero)),
        new("ke-hoach-01", "Kế hoạch giảm nghèo 2025", Province, "nam", "Cả năm", new DateOnly(2026, 1, 10), "so-y-te", "Sở Y tế", null, true, "chua-nop", null),
        new("ke-hoach-01", "Kế hoạch giảm nghèo 2025", Province, "nam", "Cả năm", new DateOnly(2026, 1, 10), "so-gd", "Sở Giáo dục", null, false, "chua-nop", null),
    ];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        foreach (var year in new[] { 2024, 2025 })
        {
            var on = new DateOnly(year, 9, 1);
            var standard = StandardCatalog.Default.NationalFor(year)!;
            var communes = AdminUnitCatalog.Default.CommunesOf(Province, on).Take(2).ToList();
            var households = new List<(string, HouseholdRecord)>();
            var exportCommunes = new List<ExportCommune>();
            foreach (var (commune, c) in communes.Select((u, i) => (u, i)))
            {
                for (var h = 0; h < 4; h++)
                {
                    var deprived = standard.Indicators.Skip(h).Take(h).Select(i => i.Key).ToList();
                    households.Add((commune.Code, new HouseholdRecord
                    {
                        HouseholdId = $"HO-{commune.Code}-{h:000}",
                        HeadName = $"Nguyễn Văn Bí Mật {c}{h}",
                        Village = "Thôn 1",
                        Class = h == 3 ? "ngheo" : "khong_ngheo",
                        DeprivationCount = deprived.Count,
                        B2Score = deprived.Count * 10,
                        Deprivations = deprived,
                        DeprivationSources = string.Join(';', deprived.Select((k, i) => k + ":" + (i == 0 ? "khai" : "suy_ra"))),
                        Standard = standard.Id,
                        Area = "nong_thon",
                        Persons = 2 + h,
                        IncomeTest = "thu_nhap",
                        IncomeValue = 1_200_000m + h,
                        IncomeThreshold = 1_500_000m,
                        EthnicMinority = h % 2 == 0,
                        MeritFamily = h == 1,
                        Explanation = "Chuẩn " + standard.Id,
                    }));
                }

                var summary = new UnitSummary(year, UnitLevel.Commune, commune.Code, Province) { DistrictCode = commune.DistrictCode, SubmissionId = $"{year}-{commune.Code}-abc{c}", StandardId = standard.Id, TotalHouseholds = 100, TotalPersons = 300 };
                exportCommunes.Add(ExportCommune.From(summary, StandardCatalog.Default.Indicators));
            }

            var manifest = new ExportManifest(year, Province, exportCommunes, Pseudonymiser.KeyId, year == 2025 ? Timeliness : null);
            Households[year] = households;
            var folder = Directory.CreateTempSubdirectory("giamngheo-powerbi-test-");
            try
            {
                using var workbook = new MemoryStream();
                var parquet = new ParquetStarOutput(folder.FullName);
                await new ProvinceWorkbook(AdminUnitCatalog.Default, StandardCatalog.Default, Pseudonymiser)
                    .WriteAsync(workbook, parquet, manifest, c => Of(households, c.Code), CancellationToken.None);
                Workbooks[year] = workbook.ToArray();
                ParquetFiles[year] = PowerBiModel.Tables.ToDictionary(t => t.FileName, t => File.ReadAllBytes(parquet.PathOf(t)));
                Rows[year] = [];
                foreach (var table in PowerBiModel.Tables)
                {
                    using var stream = new MemoryStream(ParquetFiles[year][table.FileName]);
                    var read = await ParquetSerializer.DeserializeUntypedAsync(stream, new ParquetOptions { UseDateOnlyTypeForDates = true });
                    Rows[year][table.TableName] = [.. read.Data.Select(d => (IDictionary<string, object?>)d!)];
                }
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every text of a workbook's sheets and tables.</summary>
    public static string WorkbookText(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook));
        return string.Concat(zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }

    /// <summary>Opens a Parquet file of a year with Parquet.Net's reader.</summary>
    public Task<ParquetReader> ReaderAsync(int year, StarTable table) =>
        ParquetReader.CreateAsync(new MemoryStream(ParquetFiles[year][table.FileName]), new ParquetOptions { UseDateOnlyTypeForDates = true });

    private static async IAsyncEnumerable<HouseholdRecord> Of(List<(string Commune, HouseholdRecord Household)> households, string commune)
    {
        await Task.Yield();
        foreach (var (c, h) in households)
        {
            if (c == commune)
                yield return h;
        }
    }
}
