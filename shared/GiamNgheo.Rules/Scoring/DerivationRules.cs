using System.Globalization;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Rules.Scoring;

/// <summary>Result of trying to derive an indicator from facts.</summary>
internal enum DerivedState
{
    Deprived,
    NotDeprived,
    Unknown,
}


/// <summary>A derivation rule kind, parameterised by data from the standard.</summary>
internal abstract class DerivationRule(DerivationDefinition definition)
{
    protected static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public DerivationDefinition Definition { get; } = definition;

    /// <summary>Slot in <see cref="MemberFacts"/>; -1 for rules on household facts only.</summary>
    public int Slot { get; set; } = -1;

    public virtual bool UsesMembers => true;

    public virtual void Observe(ref RuleTally tally, in MemberRecord member)
    {
    }

    public abstract DerivedState Evaluate(HouseholdFacts household);

    /// <summary>Why the rule found what it found, in Vietnamese; built only when an explanation is asked for.</summary>
    public abstract string Describe(HouseholdFacts household, DerivedState state);

    /// <summary>Shared shape of "at least one member meets the condition" rules.</summary>
    protected DerivedState AnyMember(HouseholdFacts household)
    {
        if (household.Members is not { Count: > 0 } members)
            return DerivedState.Unknown;
        var tally = members.Tallies[Slot];
        return tally.Hits > 0 ? DerivedState.Deprived : tally.Unknown > 0 ? DerivedState.Unknown : DerivedState.NotDeprived;
    }

    protected string DescribeAnyMember(HouseholdFacts household, DerivedState state, string hitReason, string noneReason)
    {
        if (household.Members is not { Count: > 0 } members)
            return NoMembers;
        var tally = members.Tallies[Slot];
        return state switch
        {
            DerivedState.Deprived => string.Format(Vi, hitReason, tally.Example),
            DerivedState.Unknown => $"{tally.Unknown} thành viên thiếu thông tin cần thiết",
            _ => noneReason,
        };
    }

    protected const string NoMembers = "không có dữ liệu thành viên";

    public static DerivationRule Create(DerivationDefinition d) => d.Rule switch
    {
        "floor_area_per_person_below" => new FloorAreaPerPersonBelow(d),
        "member_without_health_insurance" => new MemberWithoutHealthInsurance(d),
        "child_not_in_school" => new ChildNotInSchool(d),
        "dependency_ratio_above" => new DependencyRatioAbove(d),
        "malnourished_child" => new MalnourishedChild(d),
        "working_age_member_unemployed" => new WorkingAgeMemberUnemployed(d),
        _ => throw new InvalidDataException($"Unknown derivation rule '{d.Rule}' for indicator '{d.Indicator.Key}'."),
    };

    /// <summary>"mẹ (73 tuổi)", or "thành viên thứ 3 (73 tuổi)" without a known relationship: never a name.</summary>
    protected static string Describe(in MemberRecord m) =>
        m.Relationship is { } relationship
            ? string.Create(CultureInfo.InvariantCulture, $"{relationship} ({m.Age} tuổi)")
            : string.Create(CultureInfo.InvariantCulture, $"thành viên thứ {m.Ordinal} ({m.Age} tuổi)");

    protected static int Age(decimal value) => (int)value;

    protected static string Percent(decimal ratio) => (ratio * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

internal sealed class FloorAreaPerPersonBelow(DerivationDefinition d) : DerivationRule(d)
{
    private readonly decimal _areaPerPerson = d.Parameter("areaM2");

    public override bool UsesMembers => false;

    public override DerivedState Evaluate(HouseholdFacts household)
    {
        if (household.FloorAreaM2 is not { } area)
            return DerivedState.Unknown;
        // Multiply instead of divide so the comparison is exact at the boundary (e.g. 32 m² for 4 people is not below 8).
        return area < _areaPerPerson * household.Size ? DerivedState.Deprived : DerivedState.NotDeprived;
    }

    public override string Describe(HouseholdFacts household, DerivedState state)
    {
        if (household.FloorAreaM2 is not { } area)
            return "không khai diện tích nhà ở";
        var perPerson = (area / household.Size).ToString("0.##", Vi);
        return $"diện tích {perPerson} m²/người {(state == DerivedState.Deprived ? "<" : "≥")} {_areaPerPerson.ToString("0.##", Vi)} m²";
    }
}

/// <summary>"At least one member in scope meets the condition": the shape of most member rules.</summary>
internal abstract class AnyMemberRule(DerivationDefinition d) : DerivationRule(d)
{
    /// <summary>Whether the rule looks at this member at all (its age band).</summary>
    protected abstract bool InScope(in MemberRecord m);

    /// <summary>Whether the member meets the condition; null when the answer needed is missing.</summary>
    protected abstract bool? Meets(in MemberRecord m);

    /// <summary>Reason with <c>{0}</c> for the first member found.</summary>
    protected abstract string HitReason { get; }

    protected abstract string NoneReason { get; }

    public sealed override void Observe(ref RuleTally tally, in MemberRecord m)
    {
        if (!InScope(m))
            return;
        switch (Meets(m))
        {
            case null:
                tally.Unknown++;
                break;
            case true when tally.Hits++ == 0:
                tally.Example = Describe(m);
                break;
        }
    }

    public sealed override DerivedState Evaluate(HouseholdFacts household) => AnyMember(household);

    public sealed override string Describe(HouseholdFacts household, DerivedState state) =>
        DescribeAnyMember(household, state, HitReason, NoneReason);
}

internal sealed class MemberWithoutHealthInsurance(DerivationDefinition d) : AnyMemberRule(d)
{
    private readonly int _minAge = Age(d.Parameter("minAge"));

    protected override string HitReason => "{0} không có BHYT";

    protected override string NoneReason => $"mọi thành viên từ {_minAge} tuổi có BHYT";

    protected override bool InScope(in MemberRecord m) => m.Age >= _minAge;

    protected override bool? Meets(in MemberRecord m) => !m.HealthInsured;
}

internal sealed class ChildNotInSchool(DerivationDefinition d) : AnyMemberRule(d)
{
    private readonly int _minAge = Age(d.Parameter("minAge"));
    private readonly int _maxAgeExclusive = Age(d.Parameter("maxAgeExclusive"));

    protected override string HitReason => "{0} không đi học";

    protected override string NoneReason => $"mọi trẻ em từ {_minAge} đến dưới {_maxAgeExclusive} tuổi đang đi học";

    protected override bool InScope(in MemberRecord m) => m.Age >= _minAge && m.Age < _maxAgeExclusive;

    protected override bool? Meets(in MemberRecord m) => !m.InSchool;
}

internal sealed class MalnourishedChild(DerivationDefinition d) : AnyMemberRule(d)
{
    private readonly int _ageBelow = Age(d.Parameter("ageBelow"));

    protected override string HitReason => "{0} suy dinh dưỡng";

    protected override string NoneReason => $"không trẻ em dưới {_ageBelow} tuổi nào suy dinh dưỡng";

    protected override bool InScope(in MemberRecord m) => m.Age < _ageBelow;

    protected override bool? Meets(in MemberRecord m) => m.Malnourished;
}

internal sealed class WorkingAgeMemberUnemployed(DerivationDefinition d) : AnyMemberRule(d)
{
    private readonly int _minAge = Age(d.Parameter("minAge"));
    private readonly int _maxAgeExclusive = Age(d.Parameter("maxAgeExclusive"));

    protected override string HitReason => "{0} trong độ tuổi lao động không có việc làm";

    protected override string NoneReason => "không phát hiện thành viên thất nghiệp";

    protected override bool InScope(in MemberRecord m) => m.Age >= _minAge && m.Age < _maxAgeExclusive;

    protected override bool? Meets(in MemberRecord m) =>
        m.Employment is null ? null : m.Employment is EmploymentStatus.NotEmployed or EmploymentStatus.LookingForWork && m.AbleToWork != false;
}

internal sealed class DependencyRatioAbove(DerivationDefinition d) : DerivationRule(d)
{
    private readonly int _childAgeBelow = Age(d.Parameter("childAgeBelow"));
    private readonly int _elderlyAgeFrom = Age(d.Parameter("elderlyAgeFrom"));
    private readonly decimal _ratio = d.Parameter("ratio");

    public override void Observe(ref RuleTally tally, in MemberRecord m)
    {
        // Dependants: children, and elderly or incapacitated members on a monthly social allowance.
        if (m.Age < _childAgeBelow)
        {
            tally.Hits++;
            return;
        }

        var elderlyOrIncapacitated = m.Age >= _elderlyAgeFrom || m.AbleToWork == false;
        if (!elderlyOrIncapacitated)
            return;
        if (m.SocialAllowance is null)
            tally.Unknown++;
        else if (m.SocialAllowance == true)
            tally.Hits++;
    }

    public override DerivedState Evaluate(HouseholdFacts household)
    {
        if (household.Members is not { Count: > 0 } members)
            return DerivedState.Unknown;
        // The ratio is over the household's persons: with a partial or excess member list, the listed members are not
        // the household and the ratio over them decides nothing.
        if (members.Count != household.Size)
            return DerivedState.Unknown;
        var tally = members.Tallies[Slot];
        var limit = _ratio * members.Count;
        if (tally.Hits > limit)
            return DerivedState.Deprived;
        // Unknown members could still tip the ratio over the limit.
        return tally.Hits + tally.Unknown > limit ? DerivedState.Unknown : DerivedState.NotDeprived;
    }

    public override string Describe(HouseholdFacts household, DerivedState state)
    {
        if (household.Members is not { Count: > 0 } members)
            return NoMembers;
        if (members.Count != household.Size)
            return $"sheet thanh_vien khai {members.Count} thành viên nhưng số nhân khẩu là {household.Size}, không tính được tỷ lệ người phụ thuộc";
        var tally = members.Tallies[Slot];
        var ratioText = $"{tally.Hits}/{members.Count} người phụ thuộc";
        return state switch
        {
            DerivedState.Deprived => $"{ratioText} (trên {Percent(_ratio)})",
            DerivedState.Unknown => $"{ratioText}, {tally.Unknown} thành viên thiếu thông tin trợ cấp",
            _ => $"{ratioText} (không quá {Percent(_ratio)})",
        };
    }
}
