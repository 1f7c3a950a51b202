using GiamNgheo.Pipeline.Households;
using GiamNgheo.Rules.Scoring;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>Folds a unit's reviewed households, one at a time, into its <see cref="GroupsReport"/> (<c>nhom-dac-thu</c>).</summary>
/// <remarks>Each group is answered per household as yes, no or unknown; only a certain yes is counted, and the unknowns are
/// counted beside it, so a household whose survey left the answer blank is never silently a no. Memory: a few counters.</remarks>
public sealed class GroupsCalculator
{
    /// <summary>The groups, in the order the issue lists them: stable JSON key, Vietnamese name, and the household's answer.</summary>
    private static readonly (string Key, string Name, Func<HouseholdRecord, bool?> Answer)[] Definitions =
    [
        ("ethnicMinority", "Hộ dân tộc thiểu số", h => h.EthnicMinority),
        ("nguoiCoCong", "Hộ có thành viên là người có công với cách mạng", h => h.MeritFamily),
        ("femaleHeaded", "Hộ có chủ hộ là nữ", h => h.Members?.HeadFemale),
        ("withoutLabourCapacity", "Hộ không có người có khả năng lao động", WithoutLabourCapacity),
        ("withElderly", "Hộ có người cao tuổi", h => h.Members is { } p ? Any(p.Elderly, Complete(h)) : null),
        ("withDisabled", "Hộ có người khuyết tật", h => h.Members is { } p ? Any(p.Disabled, Complete(h) && p.DisabilityUnknown == 0) : null),
        ("withChildren", "Hộ có trẻ em", h => h.Members is { } p ? Any(p.Children, Complete(h)) : null),
    ];

    private const int MeritGroup = 1;

    private readonly int _year;
    private readonly Tally _poor = new();
    private readonly Tally _nearPoor = new();

    /// <summary>Starts an empty fold for the review year.</summary>
    public GroupsCalculator(int year) => _year = year;

    /// <summary>Adds one reviewed household; households of other classes are not counted.</summary>
    public void Add(HouseholdRecord household)
    {
        ArgumentNullException.ThrowIfNull(household);
        if (ReportClasses.Of(household) switch { ReportClass.Poor => _poor, ReportClass.NearPoor => _nearPoor, _ => null } is not { } tally)
            return;
        tally.Households++;
        if (household.Members is null)
            tally.WithoutMembers++;
        for (var g = 0; g < Definitions.Length; g++)
        {
            switch (Definitions[g].Answer(household))
            {
                case true:
                    tally.Yes[g]++;
                    break;
                case null:
                    tally.Unknown[g]++;
                    break;
            }
        }
    }

    /// <summary>The report of the households added so far, rates over the unit's resident households.</summary>
    public GroupsReport Build(long residentHouseholds) => new(_year, residentHouseholds, Of(_poor, residentHouseholds), Of(_nearPoor, residentHouseholds));

    // A member list shorter (or longer) than so_nhan_khau is not the household: a group it lacks may sit in the missing rows.
    private static bool Complete(HouseholdRecord h) => h.Members!.Members == h.Persons;

    // One member of the group is a yes; "nobody of the group" is a no only a complete list with every answer given can say.
    private static bool? Any(int members, bool listCertain) => members > 0 ? true : listCertain ? false : null;

    private static bool? WithoutLabourCapacity(HouseholdRecord h) => h.Members switch
    {
        null => null,
        { WithLabourCapacity: > 0 } => false,
        { LabourCapacityUnknown: 0 } when Complete(h) => true,
        _ => null,
    };

    private static ClassGroups Of(Tally t, long resident)
    {
        var merit = t.Yes[MeritGroup];
        var groups = new Dictionary<string, GroupCount>(Definitions.Length, StringComparer.Ordinal);
        for (var g = 0; g < Definitions.Length; g++)
            groups[Definitions[g].Key] = new GroupCount(Definitions[g].Name, t.Yes[g], ReportMath.Percent(t.Yes[g], t.Households), t.Unknown[g]);
        return new ClassGroups(
            t.Households,
            ReportMath.Rate(t.Households, resident),
            new HouseholdRate(t.Households - merit, ReportMath.Rate(t.Households - merit, resident)),
            t.WithoutMembers,
            groups);
    }

    private sealed class Tally
    {
        public long Households;
        public long WithoutMembers;
        public readonly long[] Yes = new long[Definitions.Length];
        public readonly long[] Unknown = new long[Definitions.Length];
    }
}
