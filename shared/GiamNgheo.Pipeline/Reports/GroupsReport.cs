namespace GiamNgheo.Pipeline.Reports;

/// <summary>The <c>nhom-dac-thu</c> report: poor and near-poor households with and without người có công households, and
/// how many of them belong to each group plans single out (ethnic minority, female-headed, elderly, disabled…).</summary>
/// <param name="Year">Review year.</param>
/// <param name="ResidentHouseholds">All resident households of the unit's reporting communes (<c>tong_so_ho</c>): the denominator of the rates.</param>
/// <param name="Poor">Poor households (<c>ngheo</c>).</param>
/// <param name="NearPoor">Near-poor households (<c>can_ngheo</c>).</param>
public sealed record GroupsReport(int Year, long ResidentHouseholds, ClassGroups Poor, ClassGroups NearPoor);

/// <summary>One class's households: their count and rate, the same without người có công households, and the groups.</summary>
/// <param name="Households">Households of the class: the denominator of every group's percentage.</param>
/// <param name="Rate">Their percentage of the resident households, two decimals; null when the unit declares none.</param>
/// <param name="ExcludingNguoiCoCong">The class without the households with a người có công member (Thanh Liêm's "không tính … hộ nghèo có thành viên thuộc chính sách ưu đãi người có công").</param>
/// <param name="HouseholdsWithoutMembers">Households of the class with no member profile (no member rows, or scored before profiles were stored):
/// their member-based groups are unknown.</param>
/// <param name="Groups">Per group, keyed by its stable name (docs/reports.md), in a fixed order.</param>
public sealed record ClassGroups(
    long Households,
    decimal? Rate,
    HouseholdRate ExcludingNguoiCoCong,
    long HouseholdsWithoutMembers,
    IReadOnlyDictionary<string, GroupCount> Groups);

/// <summary>A number of households and their percentage of the resident households.</summary>
/// <param name="Households">Households.</param>
/// <param name="Rate">Percentage of the resident households, two decimals; null when the unit declares none.</param>
public sealed record HouseholdRate(long Households, decimal? Rate);

/// <summary>The households of a class in one group.</summary>
/// <param name="Name">The group's Vietnamese name.</param>
/// <param name="Households">Households of the class known to be in the group.</param>
/// <param name="Percent">Their percentage of the class's households, two decimals; 0 when the class has none.</param>
/// <param name="Unknown">Households of the class whose answers cannot say (blank answers, no member rows, an incomplete member list).</param>
public sealed record GroupCount(string Name, long Households, decimal Percent, long Unknown);
