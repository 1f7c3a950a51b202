using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Rules.Scoring;

/// <summary>The facts of one reviewed household that classification needs.</summary>
public sealed class HouseholdFacts
{
    /// <summary>The commune's household code (<c>ma_ho</c>).</summary>
    public required string HouseholdId { get; init; }

    /// <summary>Rural or urban (<c>khu_vuc</c>).</summary>
    public required AreaType Area { get; init; }

    /// <summary>Number of household members (<c>so_nhan_khau</c>), at least 1.</summary>
    public required int Size { get; init; }

    /// <summary>Income per person per month in VND (<c>thu_nhap_binh_quan</c>); compared exactly, never rounded.</summary>
    public decimal? IncomePerCapita { get; init; }

    /// <summary>B1 points (điểm A, <c>diem_b1</c>).</summary>
    public decimal? B1Points { get; init; }

    /// <summary>Bit per catalog indicator: an explicit 0/1 flag was given.</summary>
    public ulong FlagsGiven { get; init; }

    /// <summary>Bit per catalog indicator: the explicit flag says deprived (1).</summary>
    public ulong FlagsDeprived { get; init; }

    /// <summary>Dwelling floor area in m² (<c>dien_tich_nha_o_m2</c>).</summary>
    public decimal? FloorAreaM2 { get; init; }

    /// <summary>Works in agriculture, forestry, fishery or salt (<c>nlndn</c>): only such households can be middle-living.</summary>
    public bool? AgricultureHousehold { get; init; }

    /// <summary>Facts gathered from the member rows, or null when the survey has no member rows for it.</summary>
    public MemberFacts? Members { get; init; }
}

/// <summary>Employment status of a member (<c>tinh_trang_viec_lam</c>).</summary>
public enum EmploymentStatus
{
    /// <summary><c>co_viec_lam</c>.</summary>
    Employed,

    /// <summary><c>khong_co_viec_lam</c>.</summary>
    NotEmployed,

    /// <summary><c>dang_tim_viec</c>.</summary>
    LookingForWork,

    /// <summary><c>khong_co_kha_nang_lao_dong</c>.</summary>
    UnableToWork,

    /// <summary><c>dang_di_hoc</c>.</summary>
    Studying,

    /// <summary><c>khong_muon_di_lam</c>.</summary>
    NotWillingToWork,

    /// <summary><c>noi_tro</c>.</summary>
    Homemaker,
}

/// <summary>One member row, already typed; unknown answers are null.</summary>
/// <remarks>Carries no name: explanations travel to lists and extracts, so a member is named by relationship and age.</remarks>
/// <param name="Relationship">Relationship to the head of household from a closed list (<c>mẹ</c>, <c>con</c>…), or null
/// when the survey gives none the list knows; never free text, which could hold a name.</param>
/// <param name="Ordinal">Position of the member among the household's rows in <c>thanh_vien</c>, from 1.</param>
/// <param name="Age">Review year minus birth year.</param>
/// <param name="IsHead">The row names the head of household (<c>quan_he_chu_ho</c> = <c>chủ hộ</c>).</param>
/// <param name="Female">Sex (<c>gioi_tinh</c>): true for <c>nu</c>, false for <c>nam</c>.</param>
/// <param name="Disabled">Person with a disability (<c>khuyet_tat</c>).</param>
public readonly record struct MemberRecord(
    string? Relationship,
    int Ordinal,
    int Age,
    bool? HealthInsured,
    bool? InSchool,
    bool? AbleToWork,
    EmploymentStatus? Employment,
    bool? SocialAllowance,
    bool? Malnourished,
    bool IsHead = false,
    bool? Female = null,
    bool? Disabled = null);

/// <summary>What the member rows of one household say, per derivation rule (a small, fixed-size summary).</summary>
public sealed class MemberFacts
{
    internal MemberFacts(int slots) => Tallies = new RuleTally[slots];

    /// <summary>Members listed.</summary>
    public int Count { get; internal set; }

    internal RuleTally[] Tallies { get; }

    // A field, not a property: the scorer folds each member into it in place.
    internal ProfileTally ProfileTally;

    /// <summary>Who the household's members are (counts by age, labour, employment, disability; the head's sex).</summary>
    public MemberProfile Profile() => ProfileTally.ToProfile(Count);
}

/// <summary>Per rule: members that meet it, members whose answer is missing, and the first that met it (for the explanation).</summary>
internal struct RuleTally
{
    public int Hits;
    public int Unknown;
    public string? Example;
}
