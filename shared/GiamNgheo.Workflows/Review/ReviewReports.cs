using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;

namespace GiamNgheo.Workflows.Review;

/// <summary>What kind of refusal: the caller decides how to answer it (the HTTP layer maps it to a status).</summary>
public enum ReviewRefusalKind
{
    /// <summary>The request body is malformed: located issues, nothing recorded.</summary>
    Invalid,

    /// <summary>No such province, commune, step, or (for reads) review.</summary>
    NotFound,

    /// <summary>The step cannot be recorded in the commune's current state (order, dates, lock), or the review is not started.</summary>
    Refused,
}

/// <summary>Why a review request was refused, with a stable code and a Vietnamese explanation.</summary>
/// <param name="Code">Stable ASCII code (the problem type).</param>
/// <param name="Kind">What kind of refusal.</param>
/// <param name="Title">Short Vietnamese title.</param>
/// <param name="Detail">Vietnamese detail: which step is missing, which date is wrong.</param>
/// <param name="Issues">Located issues of a malformed body.</param>
public sealed record ReviewRefusal(string Code, ReviewRefusalKind Kind, string Title, string Detail, IReadOnlyList<ReviewIssue> Issues);

/// <summary>A review answer: a value, or why there is none.</summary>
/// <typeparam name="T">The answer's type.</typeparam>
/// <param name="Value">The answer, when not refused.</param>
/// <param name="Refusal">The refusal, when refused.</param>
public sealed record ReviewResult<T>(T? Value, ReviewRefusal? Refusal)
    where T : class;

/// <summary>Makes <see cref="ReviewResult{T}"/> values.</summary>
public static class ReviewResult
{
    /// <summary>An answer.</summary>
    public static ReviewResult<T> Of<T>(T value)
        where T : class => new(value, null);

    /// <summary>A refusal.</summary>
    public static ReviewResult<T> Refused<T>(ReviewRefusal refusal)
        where T : class => new(null, refusal);
}

/// <summary>A province's review as started: the answer to the start request, and the seam to the reminder workflows.</summary>
/// <param name="ReviewId">The review's id (<c>ra-soat-{year}-{province}</c>), also its reminder schedule id.</param>
/// <param name="Created">True for the first start; false when a start replaced the settings.</param>
/// <param name="Year">Review year.</param>
/// <param name="ProvinceCode">The province.</param>
/// <param name="ProvinceName">Its name.</param>
/// <param name="WindowStart">First day of the legal window.</param>
/// <param name="WindowEnd">Last day of the legal window.</param>
/// <param name="Milestones">Due date per step.</param>
/// <param name="PostingWorkingDays">Default posting length.</param>
/// <param name="Reminders">Reminder policy.</param>
/// <param name="Supervisor">The province officer for late lists.</param>
/// <param name="Contacts">Communes' reminder addresses.</param>
/// <param name="Communes">Communes in the review.</param>
public sealed record ReviewStarted(
    string ReviewId,
    bool Created,
    int Year,
    string ProvinceCode,
    string ProvinceName,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    IReadOnlyDictionary<string, DateOnly> Milestones,
    int PostingWorkingDays,
    ReminderPolicy Reminders,
    PlanContact? Supervisor,
    IReadOnlyList<CommuneContact> Contacts,
    int Communes)
{
    /// <summary>The reminder schedule to start or refresh for this review (<see cref="ScheduleRef.ReviewKind"/>).</summary>
    public ScheduleRef Schedule => new(ScheduleRef.ReviewKind, ReviewId);
}

/// <summary>Where one step of one commune stands.</summary>
/// <param name="Step">Step id.</param>
/// <param name="Label">Vietnamese name.</param>
/// <param name="Optional">True for the re-check, which the procedure can go without.</param>
/// <param name="Done">Whether it is done.</param>
/// <param name="At">When it was recorded as done (the file's receipt for the survey).</param>
/// <param name="Date">The day it happened: listing recorded, file received, last meeting, posting start, decision date.</param>
/// <param name="Due">Its milestone, if it has one.</param>
/// <param name="Late">The milestone passed without the step being done on or before it.</param>
public sealed record StepProgress(string Step, string Label, bool Optional, bool Done, DateTimeOffset? At, DateOnly? Date, DateOnly? Due, bool Late);

/// <summary>A step with its recorded facts, for the commune's page (the fields of <see cref="StepProgress"/> and the facts).</summary>
/// <param name="Step">Step id.</param>
/// <param name="Label">Vietnamese name.</param>
/// <param name="Optional">True for the re-check.</param>
/// <param name="Done">Whether it is done.</param>
/// <param name="At">When it was recorded as done.</param>
/// <param name="Date">The day it happened.</param>
/// <param name="Due">Its milestone, if any.</param>
/// <param name="Late">The milestone passed without it.</param>
/// <param name="Facts">What was recorded (shape per step; see docs/review.md), or null.</param>
public sealed record StepDetail(string Step, string Label, bool Optional, bool Done, DateTimeOffset? At, DateOnly? Date, DateOnly? Due, bool Late, object? Facts)
{
    /// <summary>The step's progress with its facts.</summary>
    public static StepDetail From(StepProgress p, object? facts) => new(p.Step, p.Label, p.Optional, p.Done, p.At, p.Date, p.Due, p.Late, facts);
}

/// <summary>What the commune should do next.</summary>
/// <param name="Step">Step id.</param>
/// <param name="Label">Vietnamese name.</param>
/// <param name="Hint">Vietnamese: what to do.</param>
public sealed record NextStep(string Step, string Label, string Hint);

/// <summary>A commune's review: each step with its facts, what is next, the lock and the trail.</summary>
/// <param name="ReviewId">The province's review.</param>
/// <param name="Year">Review year.</param>
/// <param name="ProvinceCode">The province.</param>
/// <param name="CommuneCode">The commune.</param>
/// <param name="CommuneName">Its name.</param>
/// <param name="Locked">Whether a decision locks the commune-year.</param>
/// <param name="Decision">The decision in force, when locked.</param>
/// <param name="Next">What to do next; null when locked.</param>
/// <param name="Steps">Every step in procedure order.</param>
/// <param name="Reopenings">The province's reopenings.</param>
/// <param name="Trail">Every step recorded, oldest first.</param>
/// <param name="Message">For a step just recorded: what it recorded (Vietnamese); otherwise null.</param>
public sealed record CommuneReviewReport(
    string ReviewId,
    int Year,
    string ProvinceCode,
    string CommuneCode,
    string CommuneName,
    bool Locked,
    DecisionRecord? Decision,
    NextStep? Next,
    IReadOnlyList<StepDetail> Steps,
    IReadOnlyList<ReopeningRecord> Reopenings,
    IReadOnlyList<ReviewEvent> Trail,
    string? Message);

/// <summary>One step of one commune in the province's progress (the step's name and milestone are in the totals).</summary>
/// <param name="Done">Whether it is done.</param>
/// <param name="At">When it was recorded as done.</param>
/// <param name="Date">The day it happened.</param>
/// <param name="Due">Its milestone, if any.</param>
/// <param name="Late">The milestone passed without it.</param>
public sealed record StepState(bool Done, DateTimeOffset? At, DateOnly? Date, DateOnly? Due, bool Late)
{
    /// <summary>The state part of a step's progress.</summary>
    public static StepState From(StepProgress p) => new(p.Done, p.At, p.Date, p.Due, p.Late);
}

/// <summary>One commune in the province's progress.</summary>
/// <param name="CommuneCode">The commune.</param>
/// <param name="CommuneName">Its name.</param>
/// <param name="Locked">Whether its decision locks it.</param>
/// <param name="Next">Next step id, or null when locked.</param>
/// <param name="Steps">Each step, by id.</param>
/// <param name="LateMilestones">Steps whose milestone passed without them (in order).</param>
public sealed record CommuneProgress(
    string CommuneCode,
    string CommuneName,
    bool Locked,
    string? Next,
    IReadOnlyDictionary<string, StepState> Steps,
    IReadOnlyList<string> LateMilestones);

/// <summary>Totals of one step over the province.</summary>
/// <param name="Label">Vietnamese name.</param>
/// <param name="Due">Its milestone, if any.</param>
/// <param name="Done">Communes that have done it.</param>
/// <param name="Late">Communes late on it.</param>
public sealed record StepTotal(string Label, DateOnly? Due, int Done, int Late);

/// <summary>A province's review progress per commune, with totals per step.</summary>
/// <param name="ReviewId">The review.</param>
/// <param name="Year">Review year.</param>
/// <param name="ProvinceCode">The province.</param>
/// <param name="ProvinceName">Its name.</param>
/// <param name="Today">The day late milestones are measured against (Vietnam).</param>
/// <param name="CommunesTotal">Communes in the review.</param>
/// <param name="CommunesLocked">Communes whose decision locks them.</param>
/// <param name="Steps">Totals per step id.</param>
/// <param name="Communes">Each commune, by code.</param>
public sealed record ProgressReport(
    string ReviewId,
    int Year,
    string ProvinceCode,
    string ProvinceName,
    DateOnly Today,
    int CommunesTotal,
    int CommunesLocked,
    IReadOnlyDictionary<string, StepTotal> Steps,
    IReadOnlyList<CommuneProgress> Communes);
