namespace GiamNgheo.Workflows.Plans;

/// <summary>A reporting plan (kế hoạch) a province, district or commune publishes for a year: who reports what to whom, by when.</summary>
/// <remarks>The record is the plan's JSON shape; <see cref="PlanDocument"/> (JSON) and <see cref="PlanForm"/> (xlsx) read it
/// and <see cref="PlanValidator"/> checks it, so an instance that exists has passed validation.</remarks>
/// <param name="Id">Stable id chosen by the author, e.g. <c>thanh-liem-2021</c>: lower-case letters, digits and dashes.</param>
/// <param name="Title">Title of the plan as published.</param>
/// <param name="Year">The plan's year.</param>
/// <param name="UnitCode">The publishing unit: a province (2 digits), a district (3, before 2025-07-01) or a commune (5).</param>
/// <param name="Supervisor">The unit and officer the reports go to; receives the list of late reporters.</param>
/// <param name="Reporters">Agencies and communes that report.</param>
/// <param name="Periods">The reporting periods and their deadlines.</param>
/// <param name="Reminders">When reporters are reminded and late ones escalated.</param>
/// <param name="Targets">The plan's targets (read by the analytics reports).</param>
/// <param name="Source">Where the plan comes from (document number and date), when known.</param>
/// <param name="Note">What the plan's author adds, e.g. which deadlines were assumed because the document gives none.</param>
public sealed record ReportingPlan(
    string Id,
    string Title,
    int Year,
    string UnitCode,
    PlanContact Supervisor,
    IReadOnlyList<PlanReporter> Reporters,
    IReadOnlyList<PlanPeriod> Periods,
    ReminderPolicy Reminders,
    IReadOnlyList<PlanTarget> Targets,
    string? Source = null,
    string? Note = null)
{
    /// <summary>The period with that id, or null.</summary>
    public PlanPeriod? Period(string periodId) => Periods.FirstOrDefault(p => p.Id == periodId);

    /// <summary>The reporter with that id, or null.</summary>
    public PlanReporter? Reporter(string reporterId) => Reporters.FirstOrDefault(r => r.Id == reporterId);
}

/// <summary>The supervising unit and its officer.</summary>
/// <param name="Id">Id within the plan, e.g. <c>phong-ldtbxh</c>.</param>
/// <param name="Name">Name of the unit or officer.</param>
/// <param name="Email">Email address, when reminders go by email.</param>
/// <param name="Webhook">HTTPS address receiving signed JSON, when the unit relays messages itself (e.g. a Zalo OA).</param>
public sealed record PlanContact(string Id, string Name, string? Email = null, string? Webhook = null);

/// <summary>An agency or commune that reports under a plan.</summary>
/// <param name="Id">Id within the plan, e.g. <c>phong-y-te</c> or <c>xa-13321</c>.</param>
/// <param name="Name">Name of the agency or commune.</param>
/// <param name="Email">Email address, when reminders go by email.</param>
/// <param name="UnitCode">The administrative unit, when the reporter is a commune or district.</param>
/// <param name="Webhook">HTTPS address receiving signed JSON instead of email.</param>
/// <param name="ActiveFrom">First day the reporter reports under the plan (a unit created during the year); null = from the start.</param>
/// <param name="ActiveUntil">Last day the reporter reports (a unit merged away); null = until the end.</param>
public sealed record PlanReporter(
    string Id,
    string Name,
    string? Email = null,
    string? UnitCode = null,
    string? Webhook = null,
    DateOnly? ActiveFrom = null,
    DateOnly? ActiveUntil = null)
{
    /// <summary>Whether the reporter is expected to report for a period due on <paramref name="due"/> (DHIS2: active on the due date).</summary>
    public bool ActiveOn(DateOnly due) => (ActiveFrom is null || ActiveFrom <= due) && (ActiveUntil is null || due <= ActiveUntil);
}

/// <summary>A reporting period and its deadline.</summary>
/// <param name="Id">Id within the plan, e.g. <c>6-thang</c>, <c>nam</c>, <c>quy-1</c>.</param>
/// <param name="Label">Label as the plan says it, e.g. "6 tháng đầu năm".</param>
/// <param name="Due">Last day to report; a report received by the end of this day (Asia/Ho_Chi_Minh) is on time.</param>
public sealed record PlanPeriod(string Id, string Label, DateOnly Due);

/// <summary>When reminders are sent around a deadline.</summary>
/// <param name="DaysBefore">Days before the due date a reporter that has not reported is reminded; 0 = on the due day.</param>
/// <param name="EscalateDaysAfter">Days after the due date a late reporter gets an overdue notice and the supervisor the list of late reporters.</param>
/// <param name="TimeOfDay">Local time of day every reminder is sent at.</param>
public sealed record ReminderPolicy(IReadOnlyList<int> DaysBefore, IReadOnlyList<int> EscalateDaysAfter, TimeOnly TimeOfDay)
{
    /// <summary>The policy when a plan names none: 7, 3, 1 days before and on the day; 1, 3, 7 days late; at 08:00.</summary>
    public static ReminderPolicy Default { get; } = new([7, 3, 1, 0], [1, 3, 7], new TimeOnly(8, 0));

    /// <summary>Days a deadline stays watched after its last escalation: the planner's week of lateness and a two-week holiday shift.</summary>
    private const int WatchDaysAfterLastPoint = 21;

    /// <summary>Whether a deadline due on <paramref name="due"/> may still send a reminder on <paramref name="today"/>, so a
    /// workflow is kept (or started) for it; past that the planner would drop every point as too late.</summary>
    public bool MayRemind(DateOnly due, DateOnly today) => due.AddDays(EscalateDaysAfter.DefaultIfEmpty(0).Max() + WatchDaysAfterLastPoint) >= today;
}

/// <summary>A target of the plan, measured by the analytics reports.</summary>
/// <param name="Id">Id within the plan.</param>
/// <param name="Label">The target as the plan words it.</param>
/// <param name="Measure">What is measured, e.g. <c>ty-le-ho-ngheo</c>.</param>
/// <param name="Value">The target value.</param>
/// <param name="Unit">Unit of the value, e.g. <c>%</c>, <c>diem-phan-tram</c>, <c>ho</c>.</param>
/// <param name="Base">The households a rate target is a share of, when the plan states them (Đắk Tờ Re: 38 households = 2.75 % of
/// its 1,382); null = the unit's resident households as the review counts them (docs/reports.md, <c>chi-tieu</c>).</param>
public sealed record PlanTarget(string Id, string Label, string Measure, decimal Value, string Unit, decimal? Base = null);
