using GiamNgheo.Rules.Scoring;

namespace GiamNgheo.Synthetic;

/// <summary>One generated household as written to the <c>ho</c> sheet, with its members for <c>thanh_vien</c>; null means a blank cell.</summary>
internal sealed class SyntheticHousehold
{
    public required string Code { get; init; }

    public required string HeadName { get; init; }

    public string? CitizenId { get; init; }

    public required string Village { get; init; }

    public required bool Urban { get; init; }

    public int Size => Members.Count;

    public long? Income { get; init; }

    public long? B1Points { get; init; }

    /// <summary>Explicit indicator flags by catalog index.</summary>
    public required bool?[] Flags { get; init; }

    public decimal? FloorAreaM2 { get; init; }

    public bool? Agriculture { get; init; }

    public bool? EthnicMinority { get; init; }

    public bool? MeritFamily { get; init; }

    public required IReadOnlyList<SyntheticMember> Members { get; init; }
}

/// <summary>One generated household member; null facts are left blank.</summary>
internal sealed record SyntheticMember(
    string Name,
    bool Male,
    int Age,
    string Relation,
    bool? HealthInsured,
    bool? InSchool,
    bool? AbleToWork,
    EmploymentStatus? Employment,
    bool? SocialAllowance,
    bool? Malnourished)
{
    /// <summary>The member as the scorer reads it back from the survey (<paramref name="ordinal"/> counts from 1).</summary>
    public MemberRecord ToRecord(int ordinal) => new(Relation, ordinal, Age, HealthInsured, InSchool, AbleToWork, Employment, SocialAllowance, Malnourished);

    /// <summary>The survey code of <see cref="Employment"/> (the scorer maps codes to the enum the other way).</summary>
    public string? EmploymentCode => Employment switch
    {
        EmploymentStatus.Employed => "co_viec_lam",
        EmploymentStatus.NotEmployed => "khong_co_viec_lam",
        EmploymentStatus.LookingForWork => "dang_tim_viec",
        EmploymentStatus.UnableToWork => "khong_co_kha_nang_lao_dong",
        EmploymentStatus.Studying => "dang_di_hoc",
        EmploymentStatus.NotWillingToWork => "khong_muon_di_lam",
        EmploymentStatus.Homemaker => "noi_tro",
        _ => null,
    };
}
