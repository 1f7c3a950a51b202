using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Synthetic;

/// <summary>What the standards of one review year and province ask of a survey, and so which columns are filled.</summary>
internal sealed class SyntheticYear
{
    private SyntheticYear(int year, HouseholdScorer scorer)
    {
        Year = year;
        ReferenceDate = new DateOnly(year, 9, 1);
        Scorer = scorer;
    }

    public int Year { get; }

    /// <summary>1 September, the day the scorer resolves unit codes on.</summary>
    public DateOnly ReferenceDate { get; }

    public HouseholdScorer Scorer { get; }

    public PovertyStandard National => Scorer.National;

    /// <summary>Whether B1 points are recorded: only standards with a B1 threshold use them.</summary>
    public bool RecordsB1 => National.B1Threshold is not null;

    /// <summary>Whether B1 points alone decide every standard applied; otherwise income is always recorded.</summary>
    /// <remarks>A local standard without a B1 threshold cannot classify a B1-only household, and the scorer warns on each.</remarks>
    public bool B1Suffices => RecordsB1 && (Scorer.Local is null || Scorer.Local.B1Threshold is not null);

    /// <summary>Whether the agriculture flag (nlndn) is recorded.</summary>
    /// <remarks>It only serves the middle-living band; under a standard without one the scorer warns on every non-poor farming household.</remarks>
    public bool RecordsAgriculture => National.MiddleLiving is not null;

    /// <summary>The rules of the year for the province, or null when no national standard covers the year.</summary>
    public static SyntheticYear? For(StandardCatalog standards, int year, string provinceCode) =>
        HouseholdScorer.For(standards, year, provinceCode) is { } scorer ? new SyntheticYear(year, scorer) : null;
}
