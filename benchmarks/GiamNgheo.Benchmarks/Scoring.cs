using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Benchmarks;

/// <summary>The real scoring path: open, validate, fold members, score every household, write the result CSV.</summary>
internal static class Scoring
{
    public static int Score(string path, int year, bool writeResults)
    {
        var scorer = new SurveyScorer(StandardCatalog.Default, AdminUnitCatalog.Default, SurveyLimits.Default with { MaxFileBytes = 2L << 30 });
        using var source = SurveySource.Open(path, SurveyLimits.Default with { MaxFileBytes = 2L << 30 });
        SurveyOutcome outcome;
        if (writeResults)
        {
            using var writer = new ScoredHouseholdCsvWriter(Stream.Null);
            outcome = scorer.Score(source, new SurveyExpectations(year), writer);
        }
        else
        {
            outcome = scorer.Score(source, new SurveyExpectations(year), new CountingSink());
        }

        if (!outcome.Succeeded)
            throw new InvalidOperationException("Benchmark survey did not score: " + string.Join("\n", outcome.Issues.Errors.Take(5)));
        return outcome.HouseholdsScored;
    }

    internal sealed class CountingSink : IScoredHouseholdSink
    {
        public int Count { get; private set; }

        public void Add(SurveyHousehold household, ScoredHousehold result) => Count++;
    }
}
