using Azure.Data.Tables;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Pipeline.Households;

/// <summary>A scored household as stored: the result, its explanation, the head's name and no citizen ID.</summary>
/// <remarks>Lists and extracts travel further than the survey, so the citizen ID and members' names stay in the raw file
/// only. The head's name is kept because the lists posted in the village name the household by it, and is read only
/// through <see cref="HouseholdView.WithHeadName"/> (commune and province officers).</remarks>
public sealed record HouseholdRecord
{
    /// <summary>Household code (<c>ma_ho</c>).</summary>
    public required string HouseholdId { get; init; }

    /// <summary>Name of the head of household (<c>ho_ten_chu_ho</c>): personal data, null unless read with the head's name.</summary>
    public string? HeadName { get; init; }

    /// <summary>Row in the survey's <c>ho</c> sheet.</summary>
    public int Row { get; init; }

    /// <summary>Village or residential group.</summary>
    public string? Village { get; init; }

    /// <summary>Class code under the national standard.</summary>
    public required string Class { get; init; }

    /// <summary>Number of deprivations.</summary>
    public int DeprivationCount { get; init; }

    /// <summary>B2 points (10 per deprivation).</summary>
    public int B2Score { get; init; }

    /// <summary>Keys of the indicators the household is deprived in.</summary>
    public IReadOnlyList<string> Deprivations { get; init; } = [];

    /// <summary>The indicators with how each was established (<c>key:source</c>).</summary>
    public string? DeprivationSources { get; init; }

    /// <summary>National standard id.</summary>
    public required string Standard { get; init; }

    /// <summary>Area code (<c>nong_thon</c>/<c>thanh_thi</c>).</summary>
    public required string Area { get; init; }

    /// <summary>Household size.</summary>
    public int Persons { get; init; }

    /// <summary>Income test used: <c>thu_nhap</c> or <c>diem_b1</c>.</summary>
    public required string IncomeTest { get; init; }

    /// <summary>The tested value (VND per person per month, or B1 points).</summary>
    public decimal IncomeValue { get; init; }

    /// <summary>The threshold it was compared with.</summary>
    public decimal IncomeThreshold { get; init; }

    /// <summary>Class under the province's local standard, if one applies.</summary>
    public string? LocalClass { get; init; }

    /// <summary>Local standard id.</summary>
    public string? LocalStandard { get; init; }

    /// <summary>Ethnic-minority household.</summary>
    public bool? EthnicMinority { get; init; }

    /// <summary>Household with a member under the policy for people with meritorious services (<c>co_nguoi_co_cong</c>):
    /// plans state poverty rates with and without these households.</summary>
    public bool? MeritFamily { get; init; }

    /// <summary>The Vietnamese explanation an officer can read out.</summary>
    public required string Explanation { get; init; }

    /// <summary>Who the household's members are (ages, labour, employment, disability, the head's sex), or null when
    /// unknown: the survey listed no member of it, or the result was stored before profiles were (issue 11).</summary>
    public MemberProfile? Members { get; init; }

    /// <summary>Builds the record of a scored household.</summary>
    public static HouseholdRecord From(SurveyHousehold household, ScoredHousehold result)
    {
        var national = result.National;
        var test = national.IncomeTest;
        return new HouseholdRecord
        {
            HouseholdId = household.Facts.HouseholdId,
            HeadName = household.HeadName,
            Row = household.Row,
            Village = household.Village,
            Class = national.Class.Code(),
            DeprivationCount = national.DeprivationCount,
            B2Score = national.B2Score,
            Deprivations = [.. national.Deprived.Select(d => d.Indicator.Key)],
            DeprivationSources = string.Join(';', national.Deprived.Select(d => d.Indicator.Key + ":" + Rules.Scoring.Explanation.SourceCode(d.Source))),
            Standard = national.Standard.Id,
            Area = Rules.Scoring.Explanation.AreaCode(household.Facts.Area),
            Persons = household.Facts.Size,
            IncomeTest = test.Kind == IncomeTestKind.B1Points ? "diem_b1" : "thu_nhap",
            IncomeValue = test.Value,
            IncomeThreshold = test.Threshold,
            LocalClass = result.Local?.Class.Code(),
            LocalStandard = result.Local?.Standard.Id,
            EthnicMinority = household.EthnicMinority,
            MeritFamily = household.MeritFamily,
            Explanation = Rules.Scoring.Explanation.Describe(national, household.Facts.Area),
            Members = household.Facts.Members?.Profile(),
        };
    }

    /// <summary>The RowKey prefix of a submission's households.</summary>
    public static string RowKeyPrefix(string shortHash) => shortHash + "-";

    /// <summary>The table entity, in the commune-year partition under the submission's prefix.</summary>
    public TableEntity ToEntity(SubmissionKey key) => new TableEntity(key.PartitionKey, RowKeyPrefix(key.ShortHash) + TableKeys.Escape(HouseholdId))
    {
        ["HouseholdId"] = HouseholdId,
        ["HeadName"] = HeadName,
        ["Row"] = Row,
        ["Village"] = Village,
        ["Class"] = Class,
        ["DeprivationCount"] = DeprivationCount,
        ["B2Score"] = B2Score,
        ["Deprivations"] = string.Join(';', Deprivations),
        ["DeprivationSources"] = DeprivationSources,
        ["Standard"] = Standard,
        ["Area"] = Area,
        ["Persons"] = Persons,
        ["IncomeTest"] = IncomeTest,
        // Decimal is not a table type; the string keeps B1 points and VND exact.
        ["IncomeValue"] = IncomeValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IncomeThreshold"] = IncomeThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LocalClass"] = LocalClass,
        ["LocalStandard"] = LocalStandard,
        ["EthnicMinority"] = EthnicMinority,
        ["MeritFamily"] = MeritFamily,
        ["Explanation"] = Explanation,
    }.WithMembers(Members);

    /// <summary>Reads a record back from its entity, with the head's name or without it.</summary>
    public static HouseholdRecord FromEntity(TableEntity e, HouseholdView view) => new()
    {
        HouseholdId = e.GetString("HouseholdId"),
        HeadName = view == HouseholdView.WithHeadName ? e.GetString("HeadName") : null,
        Row = e.GetInt32("Row") ?? 0,
        Village = e.GetString("Village"),
        Class = e.GetString("Class"),
        DeprivationCount = e.GetInt32("DeprivationCount") ?? 0,
        B2Score = e.GetInt32("B2Score") ?? 0,
        Deprivations = e.GetString("Deprivations") is { Length: > 0 } d ? d.Split(';') : [],
        DeprivationSources = e.GetString("DeprivationSources"),
        Standard = e.GetString("Standard"),
        Area = e.GetString("Area"),
        Persons = e.GetInt32("Persons") ?? 0,
        IncomeTest = e.GetString("IncomeTest"),
        IncomeValue = decimal.Parse(e.GetString("IncomeValue") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
        IncomeThreshold = decimal.Parse(e.GetString("IncomeThreshold") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
        LocalClass = e.GetString("LocalClass"),
        LocalStandard = e.GetString("LocalStandard"),
        EthnicMinority = e.GetBoolean("EthnicMinority"),
        MeritFamily = e.GetBoolean("MeritFamily"),
        Explanation = e.GetString("Explanation"),
        Members = MemberColumns.Read(e),
    };
}

/// <summary>A <see cref="MemberProfile"/> as flat columns of the household entity (readable from Power BI and Storage Explorer).</summary>
/// <remarks>Written only when the household has a profile, so an entity without <c>Members</c> (no member rows, or stored
/// before profiles were) reads back as unknown, never as a household of nobody.</remarks>
internal static class MemberColumns
{
    private const string Members = "Members";

    public static TableEntity WithMembers(this TableEntity e, MemberProfile? p)
    {
        if (p is null)
            return e;
        e[Members] = p.Members;
        e["MembersAged15Plus"] = p.Aged15Plus;
        e["MembersWithLabourCapacity"] = p.WithLabourCapacity;
        e["MembersWithoutLabourCapacity"] = p.WithoutLabourCapacity;
        e["MembersEmployed"] = p.Employment.Employed;
        e["MembersNotEmployed"] = p.Employment.NotEmployed;
        e["MembersLookingForWork"] = p.Employment.LookingForWork;
        e["MembersUnableToWork"] = p.Employment.UnableToWork;
        e["MembersStudying"] = p.Employment.Studying;
        e["MembersNotWillingToWork"] = p.Employment.NotWillingToWork;
        e["MembersHomemaker"] = p.Employment.Homemaker;
        e["MembersElderly"] = p.Elderly;
        e["MembersChildren"] = p.Children;
        e["MembersDisabled"] = p.Disabled;
        e["MembersDisabilityUnknown"] = p.DisabilityUnknown;
        e["HeadFemale"] = p.HeadFemale;
        return e;
    }

    public static MemberProfile? Read(TableEntity e) => e.GetInt32(Members) is not { } members
        ? null
        : new MemberProfile
        {
            Members = members,
            Aged15Plus = Int(e, "MembersAged15Plus"),
            WithLabourCapacity = Int(e, "MembersWithLabourCapacity"),
            WithoutLabourCapacity = Int(e, "MembersWithoutLabourCapacity"),
            Employment = new EmploymentCounts
            {
                Employed = Int(e, "MembersEmployed"),
                NotEmployed = Int(e, "MembersNotEmployed"),
                LookingForWork = Int(e, "MembersLookingForWork"),
                UnableToWork = Int(e, "MembersUnableToWork"),
                Studying = Int(e, "MembersStudying"),
                NotWillingToWork = Int(e, "MembersNotWillingToWork"),
                Homemaker = Int(e, "MembersHomemaker"),
            },
            Elderly = Int(e, "MembersElderly"),
            Children = Int(e, "MembersChildren"),
            Disabled = Int(e, "MembersDisabled"),
            DisabilityUnknown = Int(e, "MembersDisabilityUnknown"),
            HeadFemale = e.GetBoolean("HeadFemale"),
        };

    // Every column is written with Members; a missing one means the entity was edited by hand, and reads as none counted.
    private static int Int(TableEntity e, string name) => e.GetInt32(name) ?? 0;
}

/// <summary>Who reads a household: whether the head's name comes with it.</summary>
public enum HouseholdView
{
    /// <summary>Without the head's name: analysts, extracts, anyone but the commune's and province's officers.</summary>
    WithoutHeadName,

    /// <summary>With the head's name, as the village lists need it: commune and province officers only.</summary>
    WithHeadName,
}
