namespace GiamNgheo.Pipeline.Reports;

/// <summary>The <c>lao-dong</c> report: members of poor and of near-poor households by age, labour capacity and employment,
/// and the support groups built from them, as Tháp Mười's 2024 plan reports them (docs/reports.md).</summary>
/// <param name="Year">Review year.</param>
/// <param name="ResidentHouseholds">All resident households of the unit's reporting communes (<c>tong_so_ho</c>): the denominator of <c>householdsRate</c>.</param>
/// <param name="Poor">Members of poor households (<c>ngheo</c>).</param>
/// <param name="NearPoor">Members of near-poor households (<c>can_ngheo</c>).</param>
public sealed record LabourReport(int Year, long ResidentHouseholds, ClassLabour Poor, ClassLabour NearPoor);

/// <summary>The members of one class's households.</summary>
/// <param name="Households">Households of the class.</param>
/// <param name="HouseholdsRate">Their percentage of the resident households; null when the unit declares none.</param>
/// <param name="HouseholdsWithoutMembers">Households of the class with no member profile, whose members are in no count below.</param>
/// <param name="PersonsInHouseholdsWithoutMembers">Their persons (<c>so_nhan_khau</c>).</param>
/// <param name="Persons">Members listed in the households with a profile: the denominator of the person percentages.</param>
/// <param name="PersonsAged15Plus">Members aged 15 and over, % of <paramref name="Persons"/>: the denominator of the employment percentages.</param>
/// <param name="WithLabourCapacity">Members aged 15+ with labour capacity, % of <paramref name="Persons"/>.</param>
/// <param name="WithoutLabourCapacity">Members aged 15+ without labour capacity, % of <paramref name="Persons"/>.</param>
/// <param name="LabourCapacityUnknown">Members aged 15+ whose labour capacity is blank, % of <paramref name="Persons"/>.</param>
/// <param name="Employment">Members aged 15+ per employment status, keyed by the survey code of <c>tinh_trang_viec_lam</c>, % of persons aged 15+.</param>
/// <param name="EmploymentUnknown">Members aged 15+ whose status is blank, % of persons aged 15+.</param>
/// <param name="SupportGroups">Tháp Mười's support groups, % of persons aged 15+.</param>
public sealed record ClassLabour(
    long Households,
    decimal? HouseholdsRate,
    long HouseholdsWithoutMembers,
    long PersonsInHouseholdsWithoutMembers,
    long Persons,
    Figure PersonsAged15Plus,
    Figure WithLabourCapacity,
    Figure WithoutLabourCapacity,
    Figure LabourCapacityUnknown,
    IReadOnlyDictionary<string, Figure> Employment,
    Figure EmploymentUnknown,
    SupportGroups SupportGroups);

/// <summary>The support groups of Tháp Mười's plan (part II.2).</summary>
/// <param name="WithoutJob">Able to work but without a job or seeking one (<c>khong_co_viec_lam</c> + <c>dang_tim_viec</c>): job counselling, training.</param>
/// <param name="NotWantingToWork">Not wanting to work (<c>khong_muon_di_lam</c>): persuasion by the mass organisations.</param>
/// <param name="WithoutLabourCapacity">Without labour capacity (<c>kha_nang_lao_dong</c> = 0): long-term support.</param>
public sealed record SupportGroups(Figure WithoutJob, Figure NotWantingToWork, Figure WithoutLabourCapacity);

/// <summary>A count of persons and its percentage of the figure's denominator, two decimals (0 when the denominator is 0).</summary>
/// <param name="Count">Persons.</param>
/// <param name="Percent">Percentage.</param>
public sealed record Figure(long Count, decimal Percent)
{
    /// <summary>The count with its percentage of <paramref name="whole"/>.</summary>
    public static Figure Of(long count, long whole) => new(count, ReportMath.Percent(count, whole));
}
