using System.Globalization;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Workflows.Review;

/// <summary>Everything a step rule needs besides the state and the facts.</summary>
/// <param name="Year">The review year (its legal window).</param>
/// <param name="Now">The instant of the request.</param>
/// <param name="Actor">Who records the step.</param>
/// <param name="DefaultPostingDays">The review's posting length when a posting names none.</param>
public sealed record StepContext(ReviewYear Year, DateTimeOffset Now, string Actor, int DefaultPostingDays)
{
    /// <summary>Today in Vietnam.</summary>
    public DateOnly Today => VietnamTime.DateOf(Now);
}

/// <summary>What a step rule decided.</summary>
/// <param name="Accepted">False when the step is refused; the state is then unchanged.</param>
/// <param name="Changed">True when the state changed (an accepted repeat of a done step changes nothing and is not recorded).</param>
/// <param name="State">The new state (or the unchanged one).</param>
/// <param name="Message">Vietnamese: what was recorded, or why it was refused.</param>
public sealed record StepOutcome(bool Accepted, bool Changed, CommuneReview State, string Message)
{
    /// <summary>A refusal.</summary>
    public static StepOutcome Refuse(CommuneReview state, string reason) => new(false, false, state, reason);

    /// <summary>An accepted change.</summary>
    public static StepOutcome Apply(CommuneReview state, string summary) => new(true, true, state, summary);
}

/// <summary>The step rules of the annual review: pure, clock-free (today comes in the context), tested on their own.</summary>
/// <remarks>
/// Order: danh-sach → khao-sat → hop-dan → niem-yet → (phuc-tra) → quyet-dinh; a step whose predecessor is missing is
/// refused naming the first one missing. Every date must lie in the legal window 01/09–14/12 of the year (QĐ 24/2021/QĐ-TTg
/// Điều 3) and not after today. The decision locks the commune-year; only a reopening with a reason unlocks it, and a new
/// decision, dated on or after the reopening, locks it again. docs/review.md explains each rule and its source.
/// </remarks>
/// <param name="calendar">The working days of state agencies (the posting is counted in them).</param>
public sealed class ReviewRules(WorkingDayCalendar calendar)
{
    /// <summary>Longest posting accepted, in working days.</summary>
    public const int MaxPostingDays = 30;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Applies one step to a commune's state.</summary>
    /// <param name="state">The commune as stored.</param>
    /// <param name="input">The step and its facts.</param>
    /// <param name="facts">The commune's surveys as the pipeline has them now.</param>
    /// <param name="context">Year, today, who.</param>
    public StepOutcome Apply(CommuneReview state, StepInput input, ReviewFacts facts, StepContext context)
    {
        if (input is ReopenInput reopen)
            return Reopen(state, reopen, context);
        if (state.Decision is { } decision)
        {
            return StepOutcome.Refuse(state,
                $"Xã đã khóa số liệu năm {context.Year} theo quyết định số {decision.So} ngày {Day(decision.Ngay)}; không ghi được bước \"{ReviewSteps.Label(input.StepId)}\". Tỉnh cần mở lại (bước mo-lai) trước.");
        }

        return input switch
        {
            ListingInput => Listing(state, context),
            MeetingInput meeting => Meeting(state, meeting, facts, context),
            PostingInput posting => Posting(state, posting, facts, context),
            RecheckInput recheck => Recheck(state, recheck, facts, context),
            DecisionInput decide => Decide(state, decide, facts, context),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown step input."),
        };
    }

    /// <summary>Why <paramref name="step"/> cannot be recorded yet: the first step before it that is not done, or null.</summary>
    public static string? Missing(CommuneReview state, ReviewFacts facts, string step)
    {
        var before = ReviewSteps.Ordered.TakeWhile(s => s != step).Where(s => !ReviewSteps.IsOptional(s));
        foreach (var previous in before)
        {
            var reason = previous switch
            {
                ReviewSteps.Listing when state.Listing is null => "xã chưa lập danh sách hộ gia đình cần rà soát (bước danh-sach)",
                ReviewSteps.Survey when facts.Survey is null =>
                    $"xã chưa có tệp khảo sát nào được chấm điểm (bước khao-sat: tải tệp lên tại /api/surveys/{state.Year}/{state.CommuneCode})",
                ReviewSteps.Meetings when state.Meetings.Count == 0 => "xã chưa họp dân (bước hop-dan)",
                ReviewSteps.Meetings when state.Villages().Where(v => !v.Latest.Agreed).Select(v => v.Thon).ToList() is { Count: > 0 } open =>
                    $"xã chưa họp dân xong ({string.Join(", ", open)} chưa đạt 50 %)",
                ReviewSteps.Posting when state.Posting is null => "xã chưa niêm yết công khai (bước niem-yet)",
                _ => null,
            };
            if (reason is not null)
                return $"Chưa thể {Action(step)}: {reason}.";
        }

        return null;
    }

    private static StepOutcome Listing(CommuneReview state, StepContext context) =>
        state.Listing is not null
            ? new StepOutcome(true, false, state, $"Xã đã lập danh sách hộ cần rà soát lúc {Moment(state.Listing.At)}.")
            : StepOutcome.Apply(state with { Listing = new StepStamp(context.Now, context.Actor) }, "Đã lập danh sách hộ gia đình cần rà soát.");

    private static StepOutcome Meeting(CommuneReview state, MeetingInput input, ReviewFacts facts, StepContext context)
    {
        if (Missing(state, facts, ReviewSteps.Meetings) is { } missing)
            return StepOutcome.Refuse(state, missing);
        if (state.Posting is { } posting)
        {
            return StepOutcome.Refuse(state,
                $"Không ghi thêm cuộc họp dân: xã đã niêm yết công khai từ ngày {Day(posting.BatDau)}. Ý kiến sau khi niêm yết được giải quyết bằng phúc tra (bước phuc-tra).");
        }

        if (DateProblem("Ngày họp dân", input.Ngay, context) is { } problem)
            return StepOutcome.Refuse(state, problem);
        var key = CommuneReview.VillageKey(input.Thon);
        if (state.Villages().FirstOrDefault(v => CommuneReview.VillageKey(v.Thon) == key) is { } village && input.Ngay < village.Latest.Ngay)
        {
            return StepOutcome.Refuse(state,
                $"{village.Thon} đã có cuộc họp dân ngày {Day(village.Latest.Ngay)}; cuộc họp mới phải cùng ngày hoặc sau ngày đó.");
        }

        var meeting = new VillageMeeting(input.Thon.Trim(), input.Ngay, input.ThamDu, input.DongY, context.Now, context.Actor);
        var verdict = meeting.Agreed ? "đạt" : "chưa đạt 50 %, cần họp lại";
        return StepOutcome.Apply(
            state with { Meetings = [.. state.Meetings, meeting] },
            $"Họp dân {meeting.Thon} ngày {Day(meeting.Ngay)}: {meeting.DongY}/{meeting.ThamDu} người đồng ý ({Percent(meeting.AgreementPercent)}) — {verdict}.");
    }

    private StepOutcome Posting(CommuneReview state, PostingInput input, ReviewFacts facts, StepContext context)
    {
        if (Missing(state, facts, ReviewSteps.Posting) is { } missing)
            return StepOutcome.Refuse(state, missing);
        if (DateProblem("Ngày bắt đầu niêm yết", input.BatDau, context) is { } problem)
            return StepOutcome.Refuse(state, problem);
        var last = state.Villages().Select(v => v.Latest).MaxBy(m => m.Ngay)!;
        if (input.BatDau < last.Ngay)
        {
            return StepOutcome.Refuse(state,
                $"Ngày bắt đầu niêm yết {Day(input.BatDau)} trước cuộc họp dân cuối cùng ({last.Thon}, ngày {Day(last.Ngay)}); chỉ niêm yết sau khi họp dân xong.");
        }

        var days = input.SoNgayLamViec ?? context.DefaultPostingDays;
        DateOnly end;
        try
        {
            // The start counts when it is a working day (practice: "từ ngày 22/10/2020 đến hết ngày 28/10/2020" is five
            // working days, Thursday to Wednesday); from a day off the posting counts from the next working day.
            end = calendar.AddWorkingDays(input.BatDau, days);
        }
        catch (CalendarYearMissingException ex) when (ex.Year > input.BatDau.Year)
        {
            return StepOutcome.Refuse(state,
                $"Niêm yết {days} ngày làm việc từ {Day(input.BatDau)} kéo dài sang năm sau: không còn ngày nào trước hết ngày {Day(context.Year.ReviewWindowEnd)} để ra quyết định công nhận.");
        }
        catch (CalendarYearMissingException ex)
        {
            return StepOutcome.Refuse(state, "Chưa tính được ngày kết thúc niêm yết. " + ex.Message);
        }

        if (end >= context.Year.ReviewWindowEnd)
        {
            return StepOutcome.Refuse(state,
                $"Niêm yết {days} ngày làm việc từ {Day(input.BatDau)} kết thúc ngày {Day(end)}: không còn ngày nào trước hết ngày {Day(context.Year.ReviewWindowEnd)} để ra quyết định công nhận.");
        }

        var record = new PostingRecord(input.BatDau, days, end, context.Now, context.Actor);
        var replaced = state.Posting is { } earlier ? $" (thay cho lần ghi trước: từ {Day(earlier.BatDau)} đến hết {Day(earlier.KetThuc)})" : string.Empty;
        return StepOutcome.Apply(state with { Posting = record },
            $"Niêm yết công khai từ ngày {Day(record.BatDau)}, {days} ngày làm việc, đến hết ngày {Day(record.KetThuc)}{replaced}.");
    }

    private static StepOutcome Recheck(CommuneReview state, RecheckInput input, ReviewFacts facts, StepContext context)
    {
        if (Missing(state, facts, ReviewSteps.Recheck) is { } missing)
            return StepOutcome.Refuse(state, missing);
        if (DateProblem("Ngày phúc tra", input.Ngay, context) is { } problem)
            return StepOutcome.Refuse(state, problem);
        if (input.Ngay < state.Posting!.BatDau)
            return StepOutcome.Refuse(state, $"Ngày phúc tra {Day(input.Ngay)} trước ngày bắt đầu niêm yết {Day(state.Posting.BatDau)}.");
        var record = new RecheckRecord(input.SoDon, input.Ngay, input.KetQua.Trim(), context.Now, context.Actor);
        return StepOutcome.Apply(state with { Rechecks = [.. state.Rechecks, record] },
            $"Phúc tra ngày {Day(record.Ngay)}: {record.SoDon} đơn; kết quả: {record.KetQua}");
    }

    private static StepOutcome Decide(CommuneReview state, DecisionInput input, ReviewFacts facts, StepContext context)
    {
        if (Missing(state, facts, ReviewSteps.Decision) is { } missing)
            return StepOutcome.Refuse(state, missing);
        if (DateProblem("Ngày quyết định", input.Ngay, context) is { } problem)
            return StepOutcome.Refuse(state, problem);
        var posting = state.Posting!;
        if (input.Ngay <= posting.KetThuc)
        {
            return StepOutcome.Refuse(state,
                $"Chưa thể ra quyết định ngày {Day(input.Ngay)}: niêm yết công khai kéo dài đến hết ngày {Day(posting.KetThuc)}; quyết định công nhận phải sau khi hết thời gian niêm yết.");
        }

        if (state.Rechecks.Count > 0 && state.Rechecks.MaxBy(r => r.Ngay) is { } recheck && input.Ngay < recheck.Ngay)
            return StepOutcome.Refuse(state, $"Ngày quyết định {Day(input.Ngay)} trước lần phúc tra ngày {Day(recheck.Ngay)}.");
        if (state.Reopenings.Count > 0 && VietnamTime.DateOf(state.Reopenings[^1].At) is var reopened && input.Ngay < reopened)
        {
            return StepOutcome.Refuse(state,
                $"Ngày quyết định {Day(input.Ngay)} trước ngày tỉnh mở lại số liệu ({Day(reopened)}); sau khi mở lại cần một quyết định mới.");
        }

        if (facts.PendingUploads > 0)
        {
            return StepOutcome.Refuse(state,
                $"Chưa thể ra quyết định công nhận: còn {facts.PendingUploads} tệp khảo sát đang chờ chấm điểm; hãy đợi có kết quả rồi ghi lại.");
        }

        var record = new DecisionRecord(input.So.Trim(), input.Ngay, context.Now, context.Actor);
        return StepOutcome.Apply(state with { Decision = record },
            $"Quyết định số {record.So} ngày {Day(record.Ngay)} công nhận danh sách hộ nghèo, hộ cận nghèo; số liệu năm {context.Year} của xã đã khóa.");
    }

    private static StepOutcome Reopen(CommuneReview state, ReopenInput input, StepContext context)
    {
        if (state.Decision is not { } decision)
            return StepOutcome.Refuse(state, "Xã chưa có quyết định công nhận nên số liệu chưa khóa; không có gì để mở lại.");
        if (string.IsNullOrWhiteSpace(input.LyDo))
            return StepOutcome.Refuse(state, "Mở lại số liệu đã khóa cần nêu lý do (lyDo).");
        if (context.Today > context.Year.ReviewWindowEnd)
        {
            return StepOutcome.Refuse(state,
                $"Kỳ rà soát định kỳ năm {context.Year} đã kết thúc ngày {Day(context.Year.ReviewWindowEnd)}; không mở lại được (thay đổi sau kỳ là rà soát thường xuyên, Điều 5 QĐ 24/2021/QĐ-TTg).");
        }

        var reopening = new ReopeningRecord(input.LyDo.Trim(), decision.So, context.Now, context.Actor);
        return StepOutcome.Apply(
            state with { Decision = null, EarlierDecisions = [.. state.EarlierDecisions, decision], Reopenings = [.. state.Reopenings, reopening] },
            $"Mở lại số liệu đã khóa theo quyết định số {decision.So}: {reopening.LyDo}");
    }

    private static string? DateProblem(string what, DateOnly date, StepContext context)
    {
        var year = context.Year;
        if (!year.IsInReviewWindow(date))
        {
            return $"{what} {Day(date)} nằm ngoài thời gian rà soát định kỳ {Day(year.ReviewWindowStart)}–{Day(year.ReviewWindowEnd)} (Điều 3 QĐ 24/2021/QĐ-TTg).";
        }

        return date > context.Today ? $"{what} {Day(date)} là ngày trong tương lai (hôm nay là {Day(context.Today)}); chỉ ghi những việc đã diễn ra." : null;
    }

    private static string Action(string step) => step switch
    {
        ReviewSteps.Meetings => "ghi họp dân",
        ReviewSteps.Posting => "niêm yết",
        ReviewSteps.Recheck => "ghi phúc tra",
        ReviewSteps.Decision => "ra quyết định công nhận",
        _ => "ghi bước " + step,
    };

    /// <summary>A date as Vietnamese documents write it: 14/12/2025.</summary>
    public static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Moment(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, VietnamTime.Zone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Percent(decimal value) => value.ToString("0.##", Vietnamese) + " %";
}
