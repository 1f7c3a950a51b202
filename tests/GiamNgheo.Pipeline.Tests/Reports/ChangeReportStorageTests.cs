using System.IO.Compression;
using System.Text;
using GiamNgheo.Pipeline.Changes;
using GiamNgheo.Pipeline;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Reports;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Synthetic;

namespace GiamNgheo.Pipeline.Tests.Reports;

/// <summary>The <c>bien-dong</c> report read from storage across the 2025 reform: a 2025 commune starts from the 2024 lists of the
/// communes merged into it, whose household codes collide.</summary>
public sealed class ChangeReportStorageTests(PipelineUnderTest pipeline) : IClassFixture<PipelineUnderTest>
{
    private static readonly SyntheticSurveyGenerator Generator = new(PipelineUnderTest.Units, StandardCatalog.Default);

    [Fact]
    public async Task A_2025_commune_starts_from_its_merged_2024_communes_and_declared_old_communes_resolve_colliding_codes()
    {
        // A 2025 commune formed by merging exactly two whole pre-2025 communes.
        var (merged, oldA, oldB) = PipelineUnderTest.Units.CommunesOf("31", new DateOnly(2025, 9, 1))
            .Select(c => (c.Code, Old: PipelineUnderTest.Units.OldCommunesOf(c.Code)))
            .Where(c => c.Old.Count == 2 && c.Old.All(m => m.Kind == "merge"))
            .Select(c => (c.Code, c.Old[0].OldCode, c.Old[1].OldCode))
            .First();
        // Both old communes numbered their households 000001…; the new commune kept the numbers.
        await ScoreAsync(2024, oldA, seed: 31);
        await ScoreAsync(2024, oldB, seed: 32);
        await ScoreAsync(2025, merged, seed: 33);
        var startA = await pipeline.Summaries.CountedCommuneAsync(2024, oldA, CancellationToken.None);
        var startB = await pipeline.Summaries.CountedCommuneAsync(2024, oldB, CancellationToken.None);
        var lists = new ChangeListStore(pipeline.Storage);
        var sources = new ChangeSources(lists, PipelineUnderTest.Units, new Decided(oldA));
        var reports = new UnitReports(pipeline.Summaries, new HouseholdDigestStore(pipeline.Storage, pipeline.Households), StandardCatalog.Default, PipelineOptions.Default);
        var unit = new ReportUnit(2025, UnitLevel.Commune, merged, PipelineUnderTest.Units.FindCommune(merged, new DateOnly(2025, 9, 1))!.Unit.ProvinceCode);

        var blind = (await reports.ChangesAsync(unit, sources, CancellationToken.None))!;

        Assert.Equal(startA!.Tally.HouseholdsOf(HouseholdClass.Poor) + startB!.Tally.HouseholdsOf(HouseholdClass.Poor), blind.Poor.Start);
        Assert.Equal(1, blind.StartLists["decided"]);
        Assert.Equal(1, blind.StartLists["counted"]);
        Assert.True(blind.CodeCollisions > 0);
        Assert.True(blind.Poor.Balances() && blind.NearPoor.Balances());

        // The commune declares which old commune each kept code came from.
        var csv = new StringBuilder("ma_ho,loai_bien_dong,ma_ho_moi,ma_xa_cu\n");
        for (var i = 1; i <= 30; i++)
            csv.Append($"{i:D6},doi_ma,{i:D6},{oldA}\n");
        var upload = await lists.SaveDeclarationsAsync(2025, merged, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "bien_dong.csv", CancellationToken.None);
        Assert.False(upload.Issues.HasErrors, string.Join("; ", upload.Issues.Listed));

        var told = (await reports.ChangesAsync(unit, sources, CancellationToken.None))!;

        Assert.Equal(0, told.CodeCollisions);
        // The old commune named now holds its colliding codes; the other's households of those codes are absent, no longer both.
        Assert.True(Absent(told) < Absent(blind), $"{Absent(told)} absent after the declarations, {Absent(blind)} before");
        Assert.True(told.Poor.Balances() && told.NearPoor.Balances());
    }

    private static int Absent(ChangeReport report) => -(report.Poor.Other["absentUndeclared"] + report.NearPoor.Other["absentUndeclared"]);

    /// <summary>Scores a survey whose household codes drop the commune prefix the generator gives them, as many communes number households.</summary>
    private async Task ScoreAsync(int year, string commune, int seed)
    {
        var file = Generator.CommuneFile(commune, year, 30, seed, SurveyFormat.CsvZip);
        using var renumbered = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read))
        using (var target = new ZipArchive(renumbered, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = (await reader.ReadToEndAsync()).Replace(commune + "-", "", StringComparison.Ordinal);
                await using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                await writer.WriteAsync(text);
            }
        }

        var received = await pipeline.Intake.ReceiveAsync(ReviewYear.Of(year), commune, new MemoryStream(renumbered.ToArray()), commune + ".zip", CancellationToken.None);
        Assert.Null(received.Rejection);
        var result = await pipeline.Processor.ProcessAsync(pipeline.Storage.Surveys.GetBlobClient(received.Submission!.Key.BlobName), CancellationToken.None);
        Assert.Equal(ProcessingResult.Scored, result);
    }

    private sealed class Decided(string commune) : IDecisionRecords
    {
        public Task<IReadOnlySet<string>> DecidedCommunesAsync(int year, string provinceCode, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(new HashSet<string> { commune });
    }
}
