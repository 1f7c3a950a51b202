using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Rules.Scoring;

/// <summary>The age limits of the member groups counted in a household's <see cref="MemberProfile"/>, with their sources.</summary>
/// <remarks>Data in <c>Scoring/Data/member-groups.json</c> (docs/rules.md §5a). Ages are review year − birth year, as everywhere.</remarks>
/// <param name="WorkingAgeFrom">Members of this age and older are the labour table's population (Tháp Mười's "từ 15 tuổi trở lên").</param>
/// <param name="ElderlyAgeFrom">Members of this age and older are elderly (người cao tuổi).</param>
/// <param name="ChildAgeBelow">Members younger than this are children (trẻ em).</param>
public sealed record MemberGroups(Sourced<int> WorkingAgeFrom, Sourced<int> ElderlyAgeFrom, Sourced<int> ChildAgeBelow)
{
    private const string Resource = "GiamNgheo.Rules.Scoring.member-groups.json";

    /// <summary>The limits shipped with the application.</summary>
    public static MemberGroups Default { get; } = LoadEmbedded();

    /// <summary>Reads limits from their JSON document (strict: a misspelt key fails).</summary>
    public static MemberGroups Load(Stream json)
    {
        var d = StandardJson.Deserialize<MemberGroupsDocument>(json, "member-groups.json");
        return new MemberGroups(Age(d.WorkingAgeFrom, "workingAgeFrom"), Age(d.ElderlyAgeFrom, "elderlyAgeFrom"), Age(d.ChildAgeBelow, "childAgeBelow"));
    }

    private static Sourced<int> Age(ValueDocument value, string name) =>
        value.Value is >= 0 and <= 150
            ? new Sourced<int>(value.Value, new Provenance(value.Source, Provenance.ParseTag(value.Confidence)))
            : throw new InvalidDataException($"member-groups.json: {name} must be an age between 0 and 150, not {value.Value}.");

    private static MemberGroups LoadEmbedded()
    {
        using var stream = typeof(MemberGroups).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Missing embedded resource {Resource}.");
        return Load(stream);
    }
}

internal sealed record MemberGroupsDocument(ValueDocument WorkingAgeFrom, ValueDocument ElderlyAgeFrom, ValueDocument ChildAgeBelow);

/// <summary>Who lives in one household, as counted from its member rows: a small, fixed-size profile stored with its result.</summary>
/// <remarks>Labour capacity and employment are counted among members aged <see cref="MemberGroups.WorkingAgeFrom"/> and
/// older only, as Tháp Mười's labour table counts them; a blank answer is in none of the counts, so
/// <see cref="LabourCapacityUnknown"/> and <see cref="EmploymentUnknown"/> follow from the others.</remarks>
public sealed record MemberProfile
{
    /// <summary>Members listed in <c>thanh_vien</c>.</summary>
    public int Members { get; init; }

    /// <summary>Members of working age and older (15+).</summary>
    public int Aged15Plus { get; init; }

    /// <summary>Members aged 15+ with labour capacity (<c>kha_nang_lao_dong</c> = 1).</summary>
    public int WithLabourCapacity { get; init; }

    /// <summary>Members aged 15+ without labour capacity (<c>kha_nang_lao_dong</c> = 0).</summary>
    public int WithoutLabourCapacity { get; init; }

    /// <summary>Members aged 15+ per employment status (<c>tinh_trang_viec_lam</c>).</summary>
    public EmploymentCounts Employment { get; init; }

    /// <summary>Elderly members (60+).</summary>
    public int Elderly { get; init; }

    /// <summary>Children (under 16).</summary>
    public int Children { get; init; }

    /// <summary>Members with a disability (<c>khuyet_tat</c> = 1).</summary>
    public int Disabled { get; init; }

    /// <summary>Members whose <c>khuyet_tat</c> is blank.</summary>
    public int DisabilityUnknown { get; init; }

    /// <summary>Whether the head of household (the first member row whose <c>quan_he_chu_ho</c> is <c>chủ hộ</c>) is a woman;
    /// null when no row is the head's or the head's <c>gioi_tinh</c> is blank.</summary>
    public bool? HeadFemale { get; init; }

    /// <summary>Members aged 15+ whose labour capacity is blank.</summary>
    public int LabourCapacityUnknown => Aged15Plus - WithLabourCapacity - WithoutLabourCapacity;

    /// <summary>Members aged 15+ whose employment status is blank.</summary>
    public int EmploymentUnknown => Aged15Plus - Employment.Total;
}

/// <summary>Members per employment status (the seven codes of <c>tinh_trang_viec_lam</c>).</summary>
public readonly record struct EmploymentCounts
{
    /// <summary><c>co_viec_lam</c>.</summary>
    public int Employed { get; init; }

    /// <summary><c>khong_co_viec_lam</c>.</summary>
    public int NotEmployed { get; init; }

    /// <summary><c>dang_tim_viec</c>.</summary>
    public int LookingForWork { get; init; }

    /// <summary><c>khong_co_kha_nang_lao_dong</c>.</summary>
    public int UnableToWork { get; init; }

    /// <summary><c>dang_di_hoc</c>.</summary>
    public int Studying { get; init; }

    /// <summary><c>khong_muon_di_lam</c>.</summary>
    public int NotWillingToWork { get; init; }

    /// <summary><c>noi_tro</c>.</summary>
    public int Homemaker { get; init; }

    /// <summary>Members with any status.</summary>
    public int Total => Employed + NotEmployed + LookingForWork + UnableToWork + Studying + NotWillingToWork + Homemaker;

    /// <summary>The members with one status.</summary>
    public int this[EmploymentStatus status] => status switch
    {
        EmploymentStatus.Employed => Employed,
        EmploymentStatus.NotEmployed => NotEmployed,
        EmploymentStatus.LookingForWork => LookingForWork,
        EmploymentStatus.UnableToWork => UnableToWork,
        EmploymentStatus.Studying => Studying,
        EmploymentStatus.NotWillingToWork => NotWillingToWork,
        _ => Homemaker,
    };
}

/// <summary>The running counts behind a <see cref="MemberProfile"/>: plain fields, so folding a member allocates nothing.</summary>
internal struct ProfileTally
{
    public int Aged15Plus;
    public int WithLabourCapacity;
    public int WithoutLabourCapacity;
    public int Elderly;
    public int Children;
    public int Disabled;
    public int DisabilityUnknown;
    public bool HeadSeen;
    public bool? HeadFemale;
    public EmploymentTally Employment;

    public void Add(in MemberRecord m, MemberGroups groups)
    {
        if (m.Age >= groups.ElderlyAgeFrom.Value)
            Elderly++;
        if (m.Age < groups.ChildAgeBelow.Value)
            Children++;
        if (m.Disabled is { } disabled)
        {
            if (disabled)
                Disabled++;
        }
        else
        {
            DisabilityUnknown++;
        }

        // A second row calling itself the head is not the head the lists name; the first one is kept.
        if (m.IsHead && !HeadSeen)
        {
            HeadSeen = true;
            HeadFemale = m.Female;
        }

        if (m.Age < groups.WorkingAgeFrom.Value)
            return;
        Aged15Plus++;
        if (m.AbleToWork is { } able)
        {
            if (able)
                WithLabourCapacity++;
            else
                WithoutLabourCapacity++;
        }

        if (m.Employment is { } status)
            Employment[(int)status]++;
    }

    public readonly MemberProfile ToProfile(int members) => new()
    {
        Members = members,
        Aged15Plus = Aged15Plus,
        WithLabourCapacity = WithLabourCapacity,
        WithoutLabourCapacity = WithoutLabourCapacity,
        Employment = new EmploymentCounts
        {
            Employed = Employment[(int)EmploymentStatus.Employed],
            NotEmployed = Employment[(int)EmploymentStatus.NotEmployed],
            LookingForWork = Employment[(int)EmploymentStatus.LookingForWork],
            UnableToWork = Employment[(int)EmploymentStatus.UnableToWork],
            Studying = Employment[(int)EmploymentStatus.Studying],
            NotWillingToWork = Employment[(int)EmploymentStatus.NotWillingToWork],
            Homemaker = Employment[(int)EmploymentStatus.Homemaker],
        },
        Elderly = Elderly,
        Children = Children,
        Disabled = Disabled,
        DisabilityUnknown = DisabilityUnknown,
        HeadFemale = HeadFemale,
    };
}

/// <summary>Seven counters inline in the tally (one per <see cref="EmploymentStatus"/>), so the profile needs no array per household.</summary>
[System.Runtime.CompilerServices.InlineArray(7)]
internal struct EmploymentTally
{
    private int _first;
}
