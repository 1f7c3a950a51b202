using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Aggregation;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;

namespace GiamNgheo.Surveys.Scoring;

/// <summary>What the caller already knows about the survey (from the URL or the command line); the file must agree.</summary>
/// <param name="Year">Review year declared by the uploader.</param>
/// <param name="CommuneCode">Commune code declared by the uploader.</param>
public sealed record SurveyExpectations(int? Year = null, string? CommuneCode = null);

/// <summary>The validated <c>thong_tin</c> row.</summary>
/// <param name="Year">Review year.</param>
/// <param name="Province">The province, valid on <paramref name="ReferenceDate"/>.</param>
/// <param name="Commune">The commune, valid on <paramref name="ReferenceDate"/>.</param>
/// <param name="District">The district for years before the 2025 reform; null after.</param>
/// <param name="TotalHouseholds">All resident households of the commune: the denominator of household rates.</param>
/// <param name="TotalPersons">All resident persons of the commune: the denominator of person rates.</param>
/// <param name="ReviewKind"><c>dinh_ky</c> or <c>thuong_xuyen</c>.</param>
/// <param name="ReferenceDate">The date units are resolved on: 1 September of the review year, when the periodic review opens.</param>
/// <param name="CommuneCodeAlias">The code as written in the file when it was a known alias of <see cref="Commune"/>.</param>
public sealed record SurveyHeader(
    int Year,
    AdminUnit Province,
    AdminUnit Commune,
    AdminUnit? District,
    long TotalHouseholds,
    long TotalPersons,
    string ReviewKind,
    DateOnly ReferenceDate,
    string? CommuneCodeAlias);

/// <summary>A household row as read: the facts that are scored, plus the identifying fields kept for lists.</summary>
public sealed class SurveyHousehold
{
    /// <summary>Row in the <c>ho</c> sheet.</summary>
    public required int Row { get; init; }

    /// <summary>The facts scored.</summary>
    public required HouseholdFacts Facts { get; init; }

    /// <summary>Name of the head of household (personal data).</summary>
    public string? HeadName { get; init; }

    /// <summary>Citizen ID of the head of household (personal data).</summary>
    public string? CitizenId { get; init; }

    /// <summary>Village or residential group.</summary>
    public string? Village { get; init; }

    /// <summary>Ethnic-minority household.</summary>
    public bool? EthnicMinority { get; init; }

    /// <summary>Household with a member who is a person with meritorious services.</summary>
    public bool? MeritFamily { get; init; }
}

/// <summary>Receives each scored household as the survey streams by.</summary>
/// <remarks>Results arrive before the whole file is validated: a sink writes to a staging place and the caller
/// publishes only when <see cref="SurveyOutcome.Succeeded"/>, so no half-result is ever counted.</remarks>
public interface IScoredHouseholdSink
{
    /// <summary>Takes one scored household.</summary>
    void Add(SurveyHousehold household, ScoredHousehold result);
}

/// <summary>The outcome of scoring one survey: header, issues, standards applied and the class tallies.</summary>
public sealed class SurveyOutcome
{
    internal SurveyOutcome(SurveyIssues issues) => Issues = issues;

    /// <summary>The outcome of a survey that could not be read at all (e.g. not a survey file).</summary>
    public static SurveyOutcome Unreadable(SurveyIssues issues) => new(issues);

    /// <summary>The validated header, or null when it was unusable.</summary>
    public SurveyHeader? Header { get; internal set; }

    /// <summary>Errors and warnings.</summary>
    public SurveyIssues Issues { get; }

    /// <summary>The national standard applied.</summary>
    public PovertyStandard? National { get; internal set; }

    /// <summary>The province's local standard applied in addition, if any.</summary>
    public PovertyStandard? Local { get; internal set; }

    /// <summary>Tally under the national standard.</summary>
    public ClassTally NationalTally { get; } = new();

    /// <summary>Tally under the local standard (households the local standard could decide).</summary>
    public ClassTally LocalTally { get; } = new();

    /// <summary>Households scored.</summary>
    public int HouseholdsScored { get; internal set; }

    /// <summary>Member rows read.</summary>
    public int MembersRead { get; internal set; }

    /// <summary>True when the survey was read without errors and every household was scored.</summary>
    public bool Succeeded => Header is not null && National is not null && !Issues.HasErrors;
}
