using System.Globalization;
using System.Text;

namespace GiamNgheo.Workflows.Review;

/// <summary>What a commune has recorded of its review for a year: the stored state the step rules read and replace.</summary>
/// <remarks>Immutable: <see cref="ReviewRules"/> returns a new state, which the store writes only if nobody changed the
/// commune in between. Nothing is ever removed: a new meeting of a village follows the earlier one, a reopening moves the
/// decision to <see cref="EarlierDecisions"/>, so the state explains itself next to its trail.</remarks>
/// <param name="Year">Review year.</param>
/// <param name="ProvinceCode">The province whose review the commune belongs to.</param>
/// <param name="CommuneCode">The commune.</param>
/// <param name="Listing">When the household list was recorded as done, or null.</param>
/// <param name="Meetings">Every village meeting, in the order recorded.</param>
/// <param name="Posting">The public posting, or null.</param>
/// <param name="Rechecks">Complaints and re-checks, in the order recorded.</param>
/// <param name="Decision">The decision in force, or null (none yet, or reopened since).</param>
/// <param name="EarlierDecisions">Decisions the province reopened, oldest first.</param>
/// <param name="Reopenings">Reopenings, oldest first.</param>
/// <param name="EventCount">Steps recorded so far: the sequence of the last trail entry.</param>
public sealed record CommuneReview(
    int Year,
    string ProvinceCode,
    string CommuneCode,
    StepStamp? Listing,
    IReadOnlyList<VillageMeeting> Meetings,
    PostingRecord? Posting,
    IReadOnlyList<RecheckRecord> Rechecks,
    DecisionRecord? Decision,
    IReadOnlyList<DecisionRecord> EarlierDecisions,
    IReadOnlyList<ReopeningRecord> Reopenings,
    int EventCount)
{
    /// <summary>A commune that has recorded nothing yet.</summary>
    public static CommuneReview New(int year, string provinceCode, string communeCode) =>
        new(year, provinceCode, communeCode, null, [], null, [], null, [], [], 0);

    /// <summary>Whether a decision locks the commune-year.</summary>
    public bool IsLocked() => Decision is not null;

    /// <summary>Each village that met, with its latest meeting (the one that counts), in the order villages first met.</summary>
    public IReadOnlyList<VillageStatus> Villages()
    {
        var villages = new List<VillageStatus>();
        foreach (var group in Meetings.Select((meeting, index) => (meeting, index)).GroupBy(m => VillageKey(m.meeting.Thon)))
        {
            // Latest by date; two meetings on one day: the one recorded later.
            var ordered = group.OrderBy(m => m.meeting.Ngay).ThenBy(m => m.index).Select(m => m.meeting).ToList();
            villages.Add(new VillageStatus(ordered[^1].Thon, ordered[^1], ordered));
        }

        return villages;
    }

    /// <summary>Whether the meetings are done: at least one village met and every village's latest meeting reached 50 %.</summary>
    public bool MeetingsDone() => Villages() is { Count: > 0 } villages && villages.All(v => v.Latest.Agreed);

    /// <summary>When each step was completed, as recorded (for progress and reminders); absent = not done.</summary>
    /// <param name="survey">The commune's first scored upload, if any.</param>
    public IReadOnlyDictionary<string, DateTimeOffset> Completed(SurveyFact? survey)
    {
        var done = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (Listing is not null)
            done[ReviewSteps.Listing] = Listing.At;
        if (survey is not null)
            done[ReviewSteps.Survey] = survey.ReceivedAt;
        if (MeetingsDone())
            done[ReviewSteps.Meetings] = Meetings.Max(m => m.RecordedAt);
        if (Posting is not null)
            done[ReviewSteps.Posting] = Posting.RecordedAt;
        if (Rechecks.Count > 0)
            done[ReviewSteps.Recheck] = Rechecks[^1].RecordedAt;
        if (Decision is not null)
            done[ReviewSteps.Decision] = Decision.RecordedAt;
        return done;
    }

    /// <summary>The same village however it was typed: trimmed, single spaces, composed Unicode, lower case.</summary>
    public static string VillageKey(string thon) =>
        string.Join(' ', thon.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLower(CultureInfo.InvariantCulture);
}

/// <summary>Who recorded something, and when.</summary>
/// <param name="At">When (UTC instant).</param>
/// <param name="By">Who: the signed-in user, or <c>anonymous</c>.</param>
public sealed record StepStamp(DateTimeOffset At, string By);

/// <summary>A recorded village meeting.</summary>
/// <param name="Thon">The village as typed.</param>
/// <param name="Ngay">Date of the meeting.</param>
/// <param name="ThamDu">People attending.</param>
/// <param name="DongY">People agreeing.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="RecordedBy">Who recorded it.</param>
public sealed record VillageMeeting(string Thon, DateOnly Ngay, int ThamDu, int DongY, DateTimeOffset RecordedAt, string RecordedBy)
{
    /// <summary>At least half of those attending agreed (QĐ 24/2021 procedure: "ít nhất 50% tổng số người tham dự"); exactly 50 % agrees.</summary>
    public bool Agreed => 2L * DongY >= ThamDu;

    /// <summary>Share agreeing, in %, rounded to two decimals.</summary>
    public decimal AgreementPercent => Math.Round(100m * DongY / ThamDu, 2, MidpointRounding.AwayFromZero);
}

/// <summary>A village and where its meetings stand.</summary>
/// <param name="Thon">The village as its latest meeting names it.</param>
/// <param name="Latest">The meeting that counts.</param>
/// <param name="Meetings">All its meetings, oldest first.</param>
public sealed record VillageStatus(string Thon, VillageMeeting Latest, IReadOnlyList<VillageMeeting> Meetings);

/// <summary>The recorded public posting.</summary>
/// <param name="BatDau">First day.</param>
/// <param name="SoNgayLamViec">Working days it lasts.</param>
/// <param name="KetThuc">Its last day: the <see cref="SoNgayLamViec"/>-th working day counting from <see cref="BatDau"/>.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="RecordedBy">Who recorded it.</param>
public sealed record PostingRecord(DateOnly BatDau, int SoNgayLamViec, DateOnly KetThuc, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A recorded re-check of complaints.</summary>
/// <param name="SoDon">Complaints received.</param>
/// <param name="Ngay">Date of the re-check.</param>
/// <param name="KetQua">What it found.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="RecordedBy">Who recorded it.</param>
public sealed record RecheckRecord(int SoDon, DateOnly Ngay, string KetQua, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A recorded decision recognising the lists.</summary>
/// <param name="So">Its number.</param>
/// <param name="Ngay">Its date.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="RecordedBy">Who recorded it.</param>
public sealed record DecisionRecord(string So, DateOnly Ngay, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A reopening by the province.</summary>
/// <param name="LyDo">Why.</param>
/// <param name="DecisionSo">The decision it set aside.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
public sealed record ReopeningRecord(string LyDo, string DecisionSo, DateTimeOffset At, string By);

/// <summary>What the pipeline knows of a commune's surveys, read at the moment of a step.</summary>
/// <param name="Survey">The first scored upload, or null when none is scored yet.</param>
/// <param name="PendingUploads">Uploads still waiting to be scored.</param>
public sealed record ReviewFacts(SurveyFact? Survey, int PendingUploads)
{
    /// <summary>No upload at all.</summary>
    public static ReviewFacts None { get; } = new(null, 0);
}

/// <summary>The upload that completed the survey step.</summary>
/// <param name="SubmissionId">The first scored submission.</param>
/// <param name="ReceivedAt">When its file was received.</param>
/// <param name="CountedSubmissionId">The submission that counts now (a later re-check upload may have replaced the first).</param>
public sealed record SurveyFact(string SubmissionId, DateTimeOffset ReceivedAt, string? CountedSubmissionId);
