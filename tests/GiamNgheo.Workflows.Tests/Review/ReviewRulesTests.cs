using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Review;

namespace GiamNgheo.Workflows.Tests.Review;

/// <summary>The review's step rules on their own: every refusal and its Vietnamese reason, the 50 % boundary, the posting's end.</summary>
public sealed class ReviewRulesTests
{
    // The agencies' real calendar: in 2025 Quốc khánh is Monday 1 and Tuesday 2 September (Công văn 8726/VPCP-KGVX).
    private static readonly ReviewRules Rules = new(WorkingDayCalendar.Default);

    private static readonly ReviewYear Year = ReviewYear.Of(2025);

    private static readonly ReviewFacts Surveyed = new(new SurveyFact("2025-00004-0123456789abcdef0123", At(2025, 10, 1), "2025-00004-0123456789abcdef0123"), 0);

    private static DateOnly D(int month, int day) => new(2025, month, day);

    private static DateTimeOffset At(int year, int month, int day) => VietnamTime.At(new DateOnly(year, month, day), new TimeOnly(10, 0));

    private static StepContext On(DateOnly today, int postingDays = 3) => new(Year, VietnamTime.At(today, new TimeOnly(10, 0)), "can-bo@xa", postingDays);

    private static CommuneReview New() => CommuneReview.New(2025, "01", "00004");

    private static CommuneReview Accept(CommuneReview state, StepInput input, DateOnly today, ReviewFacts? facts = null)
    {
        var outcome = Rules.Apply(state, input, facts ?? Surveyed, On(today));
        Assert.True(outcome.Accepted, outcome.Message);
        return outcome.State;
    }

    private static string Refusal(CommuneReview state, StepInput input, DateOnly today, ReviewFacts? facts = null)
    {
        var outcome = Rules.Apply(state, input, facts ?? Surveyed, On(today));
        Assert.False(outcome.Accepted, "expected a refusal");
        Assert.Same(state, outcome.State);
        return outcome.Message;
    }

    /// <summary>Listed, and both villages met with at least half agreeing (last meeting 20/11).</summary>
    private static CommuneReview Met()
    {
        var state = Accept(New(), new ListingInput(), D(9, 15));
        state = Accept(state, new MeetingInput("Thôn Đông", D(11, 18), 60, 45), D(11, 18));
        return Accept(state, new MeetingInput("Thôn Tây", D(11, 20), 40, 20), D(11, 20));
    }

    /// <summary>Posted from Monday 24/11 for 3 working days: to the end of Wednesday 26/11.</summary>
    private static CommuneReview Posted() => Accept(Met(), new PostingInput(D(11, 24), null), D(11, 24));

    private static CommuneReview Decided() => Accept(Posted(), new DecisionInput("125/QĐ-UBND", D(12, 1)), D(12, 2));

    [Fact]
    public void The_household_list_is_recorded_once_and_a_repeat_changes_nothing()
    {
        var listed = Rules.Apply(New(), new ListingInput(), Surveyed, On(D(9, 15)));
        Assert.True(listed.Accepted && listed.Changed);
        Assert.Equal("can-bo@xa", listed.State.Listing!.By);

        var again = Rules.Apply(listed.State, new ListingInput(), Surveyed, On(D(9, 16)));
        Assert.True(again.Accepted);
        Assert.False(again.Changed);
        Assert.Same(listed.State, again.State);
    }

    [Fact]
    public void A_meeting_before_the_list_or_the_survey_is_refused_naming_the_missing_step()
    {
        Assert.Equal("Chưa thể ghi họp dân: xã chưa lập danh sách hộ gia đình cần rà soát (bước danh-sach).",
            Refusal(New(), new MeetingInput("Thôn Đông", D(11, 1), 10, 9), D(11, 2)));

        var listed = Accept(New(), new ListingInput(), D(9, 15), ReviewFacts.None);
        Assert.Equal("Chưa thể ghi họp dân: xã chưa có tệp khảo sát nào được chấm điểm (bước khao-sat: tải tệp lên tại /api/surveys/2025/00004).",
            Refusal(listed, new MeetingInput("Thôn Đông", D(11, 1), 10, 9), D(11, 2), ReviewFacts.None));
    }

    [Theory]
    [InlineData(60, 30, true)]
    [InlineData(60, 29, false)]
    [InlineData(2, 1, true)]
    [InlineData(1, 0, false)]
    [InlineData(101, 50, false)]
    [InlineData(101, 51, true)]
    [InlineData(1, 1, true)]
    public void A_village_agrees_with_at_least_half_of_those_attending_and_exactly_half_is_enough(int thamDu, int dongY, bool agreed)
    {
        var listed = Accept(New(), new ListingInput(), D(9, 15));

        var state = Accept(listed, new MeetingInput("Thôn Đông", D(11, 3), thamDu, dongY), D(11, 3));

        Assert.Equal(agreed, state.Meetings[0].Agreed);
        Assert.Equal(agreed, state.MeetingsDone());
    }

    [Fact]
    public void A_village_under_half_is_recorded_stays_open_and_a_new_meeting_closes_it()
    {
        var state = Accept(New(), new ListingInput(), D(9, 15));
        var first = Rules.Apply(state, new MeetingInput("Thôn Đông", D(11, 3), 60, 20), Surveyed, On(D(11, 3)));
        Assert.True(first.Accepted);
        Assert.Equal("Họp dân Thôn Đông ngày 03/11/2025: 20/60 người đồng ý (33,33 %) — chưa đạt 50 %, cần họp lại.", first.Message);
        Assert.False(first.State.MeetingsDone());

        var again = Rules.Apply(first.State, new MeetingInput("thôn  đông", D(11, 10), 55, 40), Surveyed, On(D(11, 10)));
        Assert.Equal("Họp dân thôn  đông ngày 10/11/2025: 40/55 người đồng ý (72,73 %) — đạt.", again.Message);
        Assert.Equal(2, again.State.Meetings.Count);
        var village = Assert.Single(again.State.Villages());
        Assert.Equal(2, village.Meetings.Count);
        Assert.True(again.State.MeetingsDone());
    }

    [Fact]
    public void A_later_meeting_under_half_reopens_a_village_that_had_agreed()
    {
        var state = Accept(Met(), new MeetingInput("Thôn Tây", D(11, 21), 40, 10), D(11, 21));

        Assert.False(state.MeetingsDone());
        Assert.Equal("Chưa thể niêm yết: xã chưa họp dân xong (Thôn Tây chưa đạt 50 %).", Refusal(state, new PostingInput(D(11, 24), null), D(11, 24)));
    }

    [Fact]
    public void A_meeting_dated_before_the_village_s_latest_is_refused()
    {
        Assert.Equal("Thôn Đông đã có cuộc họp dân ngày 18/11/2025; cuộc họp mới phải cùng ngày hoặc sau ngày đó.",
            Refusal(Met(), new MeetingInput("THÔN ĐÔNG", D(11, 17), 30, 30), D(11, 21)));
    }

    [Fact]
    public void Dates_outside_the_window_or_in_the_future_are_refused()
    {
        var listed = Accept(New(), new ListingInput(), D(9, 15));

        Assert.Equal("Ngày họp dân 31/08/2025 nằm ngoài thời gian rà soát định kỳ 01/09/2025–14/12/2025 (Điều 3 QĐ 24/2021/QĐ-TTg).",
            Refusal(listed, new MeetingInput("Thôn Đông", D(8, 31), 10, 9), D(9, 20)));
        Assert.Equal("Ngày họp dân 15/12/2025 nằm ngoài thời gian rà soát định kỳ 01/09/2025–14/12/2025 (Điều 3 QĐ 24/2021/QĐ-TTg).",
            Refusal(listed, new MeetingInput("Thôn Đông", D(12, 15), 10, 9), D(12, 16)));
        Assert.Equal("Ngày họp dân 21/11/2025 là ngày trong tương lai (hôm nay là 20/11/2025); chỉ ghi những việc đã diễn ra.",
            Refusal(listed, new MeetingInput("Thôn Đông", D(11, 21), 10, 9), D(11, 20)));
        Accept(listed, new MeetingInput("Thôn Đông", D(9, 1), 10, 9), D(9, 1));
        Accept(listed, new MeetingInput("Thôn Đông", D(12, 14), 10, 9), D(12, 14));
    }

    [Fact]
    public void Posting_needs_meetings_and_every_open_village_is_named()
    {
        var listed = Accept(New(), new ListingInput(), D(9, 15));
        Assert.Equal("Chưa thể niêm yết: xã chưa lập danh sách hộ gia đình cần rà soát (bước danh-sach).", Refusal(New(), new PostingInput(D(11, 24), null), D(11, 24)));
        Assert.Equal("Chưa thể niêm yết: xã chưa họp dân (bước hop-dan).", Refusal(listed, new PostingInput(D(11, 24), null), D(11, 24)));

        var open = Accept(listed, new MeetingInput("Thôn Đông", D(11, 3), 60, 20), D(11, 3));
        open = Accept(open, new MeetingInput("Thôn Nam", D(11, 4), 60, 31), D(11, 4));
        open = Accept(open, new MeetingInput("Thôn Tây", D(11, 5), 40, 19), D(11, 5));
        Assert.Equal("Chưa thể niêm yết: xã chưa họp dân xong (Thôn Đông, Thôn Tây chưa đạt 50 %).", Refusal(open, new PostingInput(D(11, 24), null), D(11, 24)));
    }

    [Fact]
    public void Posting_starts_on_or_after_the_last_meeting_and_inside_the_window()
    {
        Assert.Equal("Ngày bắt đầu niêm yết 19/11/2025 trước cuộc họp dân cuối cùng (Thôn Tây, ngày 20/11/2025); chỉ niêm yết sau khi họp dân xong.",
            Refusal(Met(), new PostingInput(D(11, 19), null), D(11, 24)));
        Assert.Equal("Ngày bắt đầu niêm yết 25/11/2025 là ngày trong tương lai (hôm nay là 24/11/2025); chỉ ghi những việc đã diễn ra.",
            Refusal(Met(), new PostingInput(D(11, 25), null), D(11, 24)));
        Assert.Equal(D(11, 20), Accept(Met(), new PostingInput(D(11, 20), 1), D(11, 20)).Posting!.KetThuc);
    }

    [Fact]
    public void The_posting_ends_after_its_working_days_counting_the_start_and_skipping_weekends()
    {
        var outcome = Rules.Apply(Met(), new PostingInput(D(11, 21), null), Surveyed, On(D(11, 21)));

        // Friday 21/11 counts, then Monday 24 and Tuesday 25.
        Assert.Equal(D(11, 25), outcome.State.Posting!.KetThuc);
        Assert.Equal(3, outcome.State.Posting.SoNgayLamViec);
        Assert.Equal("Niêm yết công khai từ ngày 21/11/2025, 3 ngày làm việc, đến hết ngày 25/11/2025.", outcome.Message);
        Assert.Equal(D(11, 28), Accept(Met(), new PostingInput(D(11, 21), 6), D(11, 21)).Posting!.KetThuc);
    }

    [Fact]
    public void A_posting_starting_on_the_National_Day_holiday_counts_from_the_next_working_day_and_skips_the_weekend()
    {
        var listed = Accept(New(), new ListingInput(), D(9, 1));
        var met = Accept(listed, new MeetingInput("Thôn Đông", D(9, 1), 50, 40), D(9, 1));

        // 1–2/9 are days off: Wednesday 3, Thursday 4, Friday 5.
        Assert.Equal(D(9, 5), Accept(met, new PostingInput(D(9, 1), null), D(9, 1)).Posting!.KetThuc);
        // Five days: then Monday 8 and Tuesday 9 after the weekend.
        Assert.Equal(D(9, 9), Accept(met, new PostingInput(D(9, 2), 5), D(9, 2)).Posting!.KetThuc);
    }

    [Fact]
    public void A_posting_in_a_year_without_calendar_data_is_refused_rather_than_guessed()
    {
        var year = ReviewYear.Of(2028);
        var context = new StepContext(year, VietnamTime.At(new DateOnly(2028, 11, 24), new TimeOnly(10, 0)), "can-bo@xa", 3);
        var state = CommuneReview.New(2028, "01", "00004");
        state = Rules.Apply(state, new ListingInput(), Surveyed, context).State;
        state = Rules.Apply(state, new MeetingInput("Thôn Đông", new DateOnly(2028, 11, 20), 10, 9), Surveyed, context).State;

        var outcome = Rules.Apply(state, new PostingInput(new DateOnly(2028, 11, 24), null), Surveyed, context);

        Assert.False(outcome.Accepted);
        Assert.StartsWith("Chưa tính được ngày kết thúc niêm yết. Chưa có lịch ngày nghỉ của năm 2028;", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_posting_length_is_the_review_default_unless_the_posting_names_one()
    {
        var outcome = Rules.Apply(Met(), new PostingInput(D(11, 24), null), Surveyed, On(D(11, 24), postingDays: 5));

        Assert.Equal(5, outcome.State.Posting!.SoNgayLamViec);
        Assert.Equal(D(11, 28), outcome.State.Posting.KetThuc);
    }

    [Fact]
    public void A_posting_that_leaves_no_day_for_the_decision_before_14_December_is_refused()
    {
        var state = Accept(New(), new ListingInput(), D(9, 15));
        state = Accept(state, new MeetingInput("Thôn Đông", D(12, 8), 60, 45), D(12, 8));

        // Monday 8/12 + 5 working days ends Friday 12/12: the decision can still be dated 13 or 14/12.
        Assert.Equal(D(12, 12), Accept(state, new PostingInput(D(12, 8), 5), D(12, 8)).Posting!.KetThuc);
        Assert.Equal("Niêm yết 6 ngày làm việc từ 08/12/2025 kết thúc ngày 15/12/2025: không còn ngày nào trước hết ngày 14/12/2025 để ra quyết định công nhận.",
            Refusal(state, new PostingInput(D(12, 8), 6), D(12, 8)));
    }

    [Fact]
    public void Recording_the_posting_again_replaces_it()
    {
        var outcome = Rules.Apply(Posted(), new PostingInput(D(11, 25), 3), Surveyed, On(D(11, 25)));

        Assert.True(outcome.Accepted);
        Assert.Equal(D(11, 27), outcome.State.Posting!.KetThuc);
        Assert.EndsWith("(thay cho lần ghi trước: từ 24/11/2025 đến hết 26/11/2025).", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_the_posting_a_meeting_is_refused_and_objections_go_to_a_recheck()
    {
        Assert.Equal("Không ghi thêm cuộc họp dân: xã đã niêm yết công khai từ ngày 24/11/2025. Ý kiến sau khi niêm yết được giải quyết bằng phúc tra (bước phuc-tra).",
            Refusal(Posted(), new MeetingInput("Thôn Đông", D(11, 25), 60, 50), D(11, 25)));
    }

    [Fact]
    public void A_recheck_needs_the_posting_and_a_date_from_its_start()
    {
        Assert.Equal("Chưa thể ghi phúc tra: xã chưa niêm yết công khai (bước niem-yet).", Refusal(Met(), new RecheckInput(2, D(11, 25), "Giữ nguyên"), D(11, 25)));
        Assert.Equal("Ngày phúc tra 23/11/2025 trước ngày bắt đầu niêm yết 24/11/2025.", Refusal(Posted(), new RecheckInput(2, D(11, 23), "Giữ nguyên"), D(11, 25)));

        var outcome = Rules.Apply(Posted(), new RecheckInput(2, D(11, 26), "1 hộ chuyển sang cận nghèo, đã tải lại tệp"), Surveyed, On(D(11, 26)));
        Assert.True(outcome.Accepted);
        Assert.Equal("Phúc tra ngày 26/11/2025: 2 đơn; kết quả: 1 hộ chuyển sang cận nghèo, đã tải lại tệp", outcome.Message);
        Assert.Single(outcome.State.Rechecks);
    }

    [Fact]
    public void The_decision_needs_every_step_before_it_in_order()
    {
        var decision = new DecisionInput("125/QĐ-UBND", D(12, 1));
        var listed = Accept(New(), new ListingInput(), D(9, 15), ReviewFacts.None);

        Assert.Equal("Chưa thể ra quyết định công nhận: xã chưa lập danh sách hộ gia đình cần rà soát (bước danh-sach).", Refusal(New(), decision, D(12, 2)));
        Assert.StartsWith("Chưa thể ra quyết định công nhận: xã chưa có tệp khảo sát nào được chấm điểm", Refusal(listed, decision, D(12, 2), ReviewFacts.None), StringComparison.Ordinal);
        Assert.Equal("Chưa thể ra quyết định công nhận: xã chưa họp dân (bước hop-dan).", Refusal(Accept(New(), new ListingInput(), D(9, 15)), decision, D(12, 2)));
        Assert.Equal("Chưa thể ra quyết định công nhận: xã chưa niêm yết công khai (bước niem-yet).", Refusal(Met(), decision, D(12, 2)));
    }

    [Fact]
    public void The_decision_comes_after_the_last_day_of_the_posting()
    {
        Assert.Equal("Chưa thể ra quyết định ngày 26/11/2025: niêm yết công khai kéo dài đến hết ngày 26/11/2025; quyết định công nhận phải sau khi hết thời gian niêm yết.",
            Refusal(Posted(), new DecisionInput("125/QĐ-UBND", D(11, 26)), D(11, 27)));

        var decided = Rules.Apply(Posted(), new DecisionInput(" 125/QĐ-UBND ", D(11, 27)), Surveyed, On(D(11, 27)));
        Assert.True(decided.Accepted);
        Assert.True(decided.State.IsLocked());
        Assert.Equal("125/QĐ-UBND", decided.State.Decision!.So);
        Assert.Equal("Quyết định số 125/QĐ-UBND ngày 27/11/2025 công nhận danh sách hộ nghèo, hộ cận nghèo; số liệu năm 2025 của xã đã khóa.", decided.Message);
    }

    [Fact]
    public void The_decision_is_refused_before_a_recheck_while_a_file_is_being_scored_and_in_the_future()
    {
        var rechecked = Accept(Posted(), new RecheckInput(1, D(11, 28), "Giữ nguyên kết quả"), D(11, 28));
        Assert.Equal("Ngày quyết định 27/11/2025 trước lần phúc tra ngày 28/11/2025.", Refusal(rechecked, new DecisionInput("125/QĐ-UBND", D(11, 27)), D(11, 28)));
        Assert.Equal("Chưa thể ra quyết định công nhận: còn 1 tệp khảo sát đang chờ chấm điểm; hãy đợi có kết quả rồi ghi lại.",
            Refusal(Posted(), new DecisionInput("125/QĐ-UBND", D(12, 1)), D(12, 1), Surveyed with { PendingUploads = 1 }));
        Assert.Equal("Ngày quyết định 02/12/2025 là ngày trong tương lai (hôm nay là 01/12/2025); chỉ ghi những việc đã diễn ra.",
            Refusal(Posted(), new DecisionInput("125/QĐ-UBND", D(12, 2)), D(12, 1)));
    }

    [Fact]
    public void A_locked_commune_refuses_every_step_but_a_reopening()
    {
        var locked = Decided();
        const string Expected = "Xã đã khóa số liệu năm 2025 theo quyết định số 125/QĐ-UBND ngày 01/12/2025; không ghi được bước \"{0}\". Tỉnh cần mở lại (bước mo-lai) trước.";

        StepInput[] inputs =
        [
            new ListingInput(),
            new MeetingInput("Thôn Đông", D(12, 3), 10, 10),
            new PostingInput(D(12, 3), null),
            new RecheckInput(1, D(12, 3), "Giữ nguyên"),
            new DecisionInput("126/QĐ-UBND", D(12, 3)),
        ];
        foreach (var input in inputs)
            Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, Expected, ReviewSteps.Label(input.StepId)), Refusal(locked, input, D(12, 3)));
    }

    [Fact]
    public void A_reopening_needs_a_lock_a_reason_and_the_window()
    {
        Assert.Equal("Xã chưa có quyết định công nhận nên số liệu chưa khóa; không có gì để mở lại.", Refusal(Posted(), new ReopenInput("Sai sót"), D(12, 3)));
        Assert.Equal("Mở lại số liệu đã khóa cần nêu lý do (lyDo).", Refusal(Decided(), new ReopenInput("  "), D(12, 3)));
        Assert.Equal("Kỳ rà soát định kỳ năm 2025 đã kết thúc ngày 14/12/2025; không mở lại được (thay đổi sau kỳ là rà soát thường xuyên, Điều 5 QĐ 24/2021/QĐ-TTg).",
            Refusal(Decided(), new ReopenInput("Sai sót"), D(12, 15)));
    }

    [Fact]
    public void Reopening_unlocks_keeps_the_earlier_decision_and_a_new_decision_dated_from_the_reopening_locks_again()
    {
        var reopened = Rules.Apply(Decided(), new ReopenInput("Phát hiện sai sót ở thôn Đông"), Surveyed, On(D(12, 5)));
        Assert.True(reopened.Accepted);
        Assert.Equal("Mở lại số liệu đã khóa theo quyết định số 125/QĐ-UBND: Phát hiện sai sót ở thôn Đông", reopened.Message);
        var state = reopened.State;
        Assert.False(state.IsLocked());
        Assert.Equal("125/QĐ-UBND", Assert.Single(state.EarlierDecisions).So);
        Assert.Equal("can-bo@xa", Assert.Single(state.Reopenings).By);

        // Earlier steps stay done: a meeting is still refused, a recheck is taken, a new decision must not predate the reopening.
        Assert.StartsWith("Không ghi thêm cuộc họp dân", Refusal(state, new MeetingInput("Thôn Đông", D(12, 5), 10, 10), D(12, 5)), StringComparison.Ordinal);
        Assert.Equal("Ngày quyết định 04/12/2025 trước ngày tỉnh mở lại số liệu (05/12/2025); sau khi mở lại cần một quyết định mới.",
            Refusal(state, new DecisionInput("130/QĐ-UBND", D(12, 4)), D(12, 6)));
        state = Accept(state, new RecheckInput(1, D(12, 5), "Sửa 1 hộ, đã tải lại tệp"), D(12, 5));
        state = Accept(state, new DecisionInput("130/QĐ-UBND", D(12, 6)), D(12, 6));
        Assert.True(state.IsLocked());
        Assert.Equal("130/QĐ-UBND", state.Decision!.So);
    }

    [Fact]
    public void Completion_times_follow_the_recorded_steps()
    {
        var state = Decided();
        var done = state.Completed(Surveyed.Survey);

        Assert.Equal([ReviewSteps.Listing, ReviewSteps.Survey, ReviewSteps.Meetings, ReviewSteps.Posting, ReviewSteps.Decision], done.Keys.Order(Comparer<string>.Create((a, b) => ReviewSteps.Ordered.ToList().IndexOf(a) - ReviewSteps.Ordered.ToList().IndexOf(b))));
        Assert.Equal(Surveyed.Survey!.ReceivedAt, done[ReviewSteps.Survey]);
        Assert.Equal(state.Decision!.RecordedAt, done[ReviewSteps.Decision]);
        Assert.DoesNotContain(ReviewSteps.Survey, state.Completed(null).Keys);
    }
}
