using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;
using GiamNgheo.Testing;

namespace GiamNgheo.Surveys.Tests.Reading;

/// <summary>Every file of the hostile corpus ends as a located, Vietnamese refusal at the stage it must, and nothing else escapes the reader.</summary>
public sealed class HostileFileTests
{
    private static readonly IReadOnlyList<HostileCase> Corpus = HostileSurveys.For("01", "00004");

    public static TheoryData<string> Cases() => [.. Corpus.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_file_is_refused_with_a_located_Vietnamese_reason(string name)
    {
        var hostile = Corpus.Single(c => c.Name == name);
        var bytes = hostile.Build();

        var (stage, issue) = Refusal(bytes, hostile.FileName);

        Assert.Equal(hostile.Stage, stage);
        Assert.Equal(hostile.Sheet, issue.Sheet);
        if (hostile.Row is { } row)
            Assert.Equal(row, issue.Row);
        if (hostile.Column is { } column)
            Assert.Equal(column, issue.Column);
        AssertCleanMessage(issue.Message);
    }

    [Fact]
    public void Regression_a_sheet_whose_part_is_missing_no_longer_escapes_as_a_spreadsheet_exception()
    {
        var hostile = Corpus.Single(c => c.Name.Contains("part is missing", StringComparison.Ordinal));
        using var source = SurveySource.Open(new MemoryStream(hostile.Build()), hostile.FileName);

        var outcome = new SurveyScorer(StandardCatalog.Default, AdminUnitCatalog.Default).Score(source, new SurveyExpectations(2025, "00004"), new NullSink());

        Assert.False(outcome.Succeeded);
        Assert.Equal("ho", Assert.Single(outcome.Issues.Errors).Sheet);
    }

    [Fact]
    public void A_cell_at_Excels_limit_is_still_read()
    {
        var files = new Scoring.SurveyFiles();
        using var cleanup = files;
        var name = new string('x', SurveyLimits.Default.MaxCellCharacters);
        files.With("ho", Scoring.SurveyFiles.HouseholdHeader, $"H01,{name},nong_thon,4,1200000,,1,1,1,").Without("thanh_vien");

        foreach (var path in new[] { files.WriteZip(), files.WriteXlsx() })
        {
            var (outcome, scored) = Scoring.SurveyFiles.Score(path);
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Issues.Listed));
            Assert.Equal(name, Assert.Single(scored).Household.HeadName);
        }
    }

    /// <summary>Where a file is refused, reproducing the pipeline: open and read the header at upload, score the whole file later.</summary>
    internal static (RefusedAt Stage, SurveyIssue Issue) Refusal(byte[] bytes, string fileName)
    {
        var scorer = new SurveyScorer(StandardCatalog.Default, AdminUnitCatalog.Default);
        var expectations = new SurveyExpectations(2025, "00004");
        try
        {
            using (var source = SurveySource.Open(new MemoryStream(bytes), fileName))
            {
                var (header, issues) = scorer.ReadHeader(source, expectations);
                if (header is null)
                    return (RefusedAt.Upload, issues.Errors.First());
            }

            using (var source = SurveySource.Open(new MemoryStream(bytes), fileName))
            {
                var outcome = scorer.Score(source, expectations, new NullSink());
                Assert.False(outcome.Succeeded, "the hostile file was scored");
                return (RefusedAt.Scoring, outcome.Issues.Errors.First());
            }
        }
        catch (SurveyFormatException ex)
        {
            return (RefusedAt.Upload, new SurveyIssue(IssueSeverity.Error, ex.Sheet, ex.Row, ex.Column, null, ex.Message));
        }
    }

    /// <summary>A message for an officer: Vietnamese, and free of exception types, scratch-file names and storage request ids.</summary>
    internal static void AssertCleanMessage(string message)
    {
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", message, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestId", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("upload-", message, StringComparison.Ordinal);
        Assert.Matches("[ăâđêôơưĂÂĐÊÔƠƯáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]", message);
    }

    private sealed class NullSink : IScoredHouseholdSink
    {
        public void Add(SurveyHousehold household, ScoredHousehold result)
        {
        }
    }
}
