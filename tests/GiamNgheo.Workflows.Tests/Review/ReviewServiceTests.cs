using GiamNgheo.Pipeline.Audit;
using System.Text.Json;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Review;

namespace GiamNgheo.Workflows.Tests.Review;

/// <summary>The review over Azurite: start, steps with their trail, the lock in the pipeline, concurrency, progress, reminders.</summary>
/// <remarks>Each test uses its own province, so the tests share one Azurite without seeing each other's data.</remarks>
public sealed class ReviewServiceTests(ReviewUnderTest review) : IClassFixture<ReviewUnderTest>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Starting_lists_every_commune_of_the_province_and_starting_again_replaces_the_settings_but_keeps_progress()
    {
        review.Today(9, 5);
        var first = await review.StartAsync("01");
        var communes = AdminUnitCatalog.Default.CommunesOf("01", ReviewUnderTest.Year.ReferenceDate);
        Assert.True(first.Created);
        Assert.Equal("ra-soat-2025-01", first.ReviewId);
        Assert.Equal(new ScheduleRef(ScheduleRef.ReviewKind, "ra-soat-2025-01"), first.Schedule);
        Assert.Equal(communes.Count, first.Communes);
        Assert.Equal(3, first.PostingWorkingDays);
        Assert.Equal(new DateOnly(2025, 12, 14), first.Milestones[ReviewSteps.Decision]);

        var commune = communes[0].Code;
        await review.AcceptAsync(commune, ReviewSteps.Listing);
        var again = await review.StartAsync("01", """{"milestones":{"danh-sach":"2025-09-20"},"postingWorkingDays":5}""");

        Assert.False(again.Created);
        Assert.Equal(new DateOnly(2025, 9, 20), again.Milestones[ReviewSteps.Listing]);
        Assert.Equal(5, again.PostingWorkingDays);
        var settings = await review.Reviews.SettingsAsync(2025, "01", None);
        Assert.Equal(first.Communes, settings!.Communes.Count);
        Assert.Equal(VietnamTimeAt(9, 5), settings.Started.At);
        Assert.True((await review.Reviews.CommuneAsync(ReviewUnderTest.Year, commune, None)).Value!.Steps[0].Done);
    }

    [Fact]
    public async Task Unknown_units_steps_unstarted_reviews_bad_bodies_and_the_automatic_survey_are_refused_by_kind()
    {
        var commune = ReviewUnderTest.CommuneOf("04", 0);
        var notStarted = (await review.StepAsync(commune, ReviewSteps.Listing)).Refusal!;
        Assert.Equal(("chua-bat-dau-ra-soat", ReviewRefusalKind.Refused), (notStarted.Code, notStarted.Kind));
        Assert.Equal(ReviewRefusalKind.NotFound, (await review.Reviews.CommuneAsync(ReviewUnderTest.Year, commune, None)).Refusal!.Kind);
        Assert.Equal("ma-tinh-khong-ton-tai", (await review.Reviews.StartAsync(ReviewUnderTest.Year, "03", null, new AuditActor("x", "x"), None)).Refusal!.Code);

        await review.StartAsync("04");
        Assert.Equal(("ma-xa-khong-ton-tai", ReviewRefusalKind.NotFound), Code(await review.StepAsync("99999", ReviewSteps.Listing)));
        Assert.Equal(("buoc-khong-ton-tai", ReviewRefusalKind.NotFound), Code(await review.StepAsync(commune, "hop-thon")));
        Assert.Equal(("yeu-cau-khong-hop-le", ReviewRefusalKind.Invalid), Code(await review.StepAsync(commune, ReviewSteps.Meetings, """{"thon":"A"}""")));
        var automatic = (await review.StepAsync(commune, ReviewSteps.Survey)).Refusal!;
        Assert.Equal(("buoc-tu-dong", ReviewRefusalKind.Refused), (automatic.Code, automatic.Kind));
        Assert.EndsWith($"Chưa có tệp nào được chấm điểm; hãy tải tệp khảo sát lên tại /api/surveys/2025/{commune}.", automatic.Detail, StringComparison.Ordinal);

        var order = (await review.StepAsync(commune, ReviewSteps.Posting, """{"batDau":"2025-09-15"}""")).Refusal!;
        Assert.Equal(("buoc-khong-hop-le", ReviewRefusalKind.Refused), (order.Code, order.Kind));
        Assert.Equal("Chưa thể niêm yết: xã chưa lập danh sách hộ gia đình cần rà soát (bước danh-sach).", order.Detail);
    }

    [Fact]
    public async Task A_commune_walks_every_step_with_its_trail_and_the_decision_locks_uploads_until_reopened()
    {
        await review.StartAsync("11");
        var commune = ReviewUnderTest.CommuneOf("11", 0);
        await review.WalkToPostingAsync(commune);

        var posted = (await review.Reviews.CommuneAsync(ReviewUnderTest.Year, commune, None)).Value!;
        Assert.Equal("2025-11-26", Facts(posted, ReviewSteps.Posting).GetProperty("ketThuc").GetString());
        Assert.Equal(ReviewSteps.Decision, posted.Next!.Step);
        Assert.True(Step(posted, ReviewSteps.Survey).Done);

        review.Today(12, 1);
        var decided = await review.AcceptAsync(commune, ReviewSteps.Decision, """{"so":"125/QĐ-UBND","ngay":"2025-11-28"}""");
        Assert.True(decided.Locked);
        Assert.Null(decided.Next);
        Assert.Equal(
            [ReviewSteps.Listing, ReviewSteps.Meetings, ReviewSteps.Meetings, ReviewSteps.Posting, ReviewSteps.Decision],
            decided.Trail.Select(e => e.Step));
        Assert.Equal([1, 2, 3, 4, 5], decided.Trail.Select(e => e.Sequence));
        Assert.Equal("can-bo@xa", decided.Trail[^1].By);
        Assert.Equal(3, decided.Trail[3].Facts.GetProperty("soNgayLamViec").GetInt32());
        Assert.Equal("2025-11-26", decided.Trail[3].Facts.GetProperty("ketThuc").GetString());
        Assert.Empty(decided.Trail[0].Facts.EnumerateObject());
        Assert.Equal(["thon", "ngay", "thamDu", "dongY"], decided.Trail[1].Facts.EnumerateObject().Select(p => p.Name));

        var state = await review.Submissions.FindStateAsync(2025, commune, None);
        Assert.Equal("quyết định số 125/QĐ-UBND ngày 28/11/2025 công nhận danh sách hộ nghèo, hộ cận nghèo", state!.Lock!.Reason);
        var refused = await review.Intake.ReceiveAsync(ReviewUnderTest.Year, commune, new MemoryStream("not read"u8.ToArray()), "x.xlsx", None);
        Assert.Equal(IntakeRefusal.Locked, refused.Rejection!.Kind);
        Assert.Equal($"Xã {commune} đã khóa số liệu năm 2025: quyết định số 125/QĐ-UBND ngày 28/11/2025 công nhận danh sách hộ nghèo, hộ cận nghèo. Không nhận thêm tệp khảo sát cho đến khi tỉnh mở lại (bước mo-lai).", refused.Rejection.Detail);

        review.Today(12, 3);
        var reopened = (await review.StepAsync(commune, ReviewSteps.Reopen, """{"lyDo":"Sai sót ở thôn Đông"}""", actor: "so-nnmt")).Value!;
        Assert.False(reopened.Locked);
        Assert.Equal(ReviewSteps.Decision, reopened.Next!.Step);
        Assert.Null((await review.Submissions.FindStateAsync(2025, commune, None))!.Lock);
        var reopening = Assert.Single(reopened.Reopenings);
        Assert.Equal(("Sai sót ở thôn Đông", "125/QĐ-UBND", "so-nnmt"), (reopening.LyDo, reopening.DecisionSo, reopening.By));
        Assert.Equal("so-nnmt", reopened.Trail[^1].By);

        // Open again: the file is read (and refused for what it is, not for a lock).
        var read = await review.Intake.ReceiveAsync(ReviewUnderTest.Year, commune, new MemoryStream("not a survey"u8.ToArray()), "x.xlsx", None);
        Assert.Equal(IntakeRefusal.InvalidContent, read.Rejection!.Kind);
    }

    [Fact]
    public async Task Two_decisions_at_once_apply_one_and_refuse_the_other_and_the_pipeline_stays_locked()
    {
        await review.StartAsync("08");
        var commune = ReviewUnderTest.CommuneOf("08", 0);
        await review.WalkToPostingAsync(commune);
        review.Today(12, 1);

        var results = await Task.WhenAll(
            review.StepAsync(commune, ReviewSteps.Decision, """{"so":"125/QĐ-UBND","ngay":"2025-11-28"}"""),
            review.StepAsync(commune, ReviewSteps.Decision, """{"so":"126/QĐ-UBND","ngay":"2025-11-29"}"""));

        var applied = Assert.Single(results, r => r.Value is not null).Value!;
        var refused = Assert.Single(results, r => r.Refusal is not null).Refusal!;
        Assert.StartsWith("Xã đã khóa số liệu năm 2025 theo quyết định số " + applied.Decision!.So, refused.Detail, StringComparison.Ordinal);
        var stored = (await review.Reviews.CommuneAsync(ReviewUnderTest.Year, commune, None)).Value!;
        Assert.Single(stored.Trail, e => e.Step == ReviewSteps.Decision);
        Assert.Contains(applied.Decision.So, (await review.Submissions.FindStateAsync(2025, commune, None))!.Lock!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_steps_racing_a_decision_never_leave_the_decided_commune_unlocked()
    {
        await review.StartAsync("25");
        for (var i = 0; i < 4; i++)
        {
            var commune = ReviewUnderTest.CommuneOf("25", i);
            await review.WalkToPostingAsync(commune);
            review.Today(12, 1);

            // Each refused request reads the commune unlocked and may lift the decision's fresh lock on that stale read.
            var refused = Enumerable.Range(0, 6).Select(_ => review.StepAsync(commune, ReviewSteps.Meetings, """{"thon":"Thôn Bắc","ngay":"2025-11-30","thamDu":5,"dongY":5}"""));
            var results = await Task.WhenAll([review.StepAsync(commune, ReviewSteps.Decision, """{"so":"125/QĐ-UBND","ngay":"2025-11-28"}"""), .. refused]);

            Assert.True(results[0].Value!.Locked);
            Assert.All(results.Skip(1), r => Assert.NotNull(r.Refusal));
            Assert.NotNull((await review.Submissions.FindStateAsync(2025, commune, None))!.Lock);
        }
    }

    [Fact]
    public async Task Meetings_of_eight_villages_recorded_at_once_are_all_kept()
    {
        await review.StartAsync("12");
        var commune = ReviewUnderTest.CommuneOf("12", 0);
        review.Today(9, 15);
        await review.AcceptAsync(commune, ReviewSteps.Listing);
        await review.SubmissionAsync(commune, SubmissionStatus.Scored, commune);
        review.Today(11, 10);

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            review.StepAsync(commune, ReviewSteps.Meetings, $$"""{"thon":"Thôn {{i}}","ngay":"2025-11-0{{i}}","thamDu":40,"dongY":{{10 + (3 * i)}}}""")));

        Assert.All(results, r => Assert.Null(r.Refusal));
        var stored = (await review.Reviews.CommuneAsync(ReviewUnderTest.Year, commune, None)).Value!;
        Assert.Equal(9, stored.Trail.Count);
        Assert.Equal(Enumerable.Range(1, 9), stored.Trail.Select(e => e.Sequence));
        var meetings = Facts(stored, ReviewSteps.Meetings);
        Assert.Equal(8, meetings.GetProperty("villages").GetArrayLength());
        Assert.Equal(["Thôn 1", "Thôn 2", "Thôn 3"], meetings.GetProperty("villagesOpen").EnumerateArray().Select(v => v.GetString()).Order());
    }

    [Fact]
    public async Task A_write_against_a_stale_version_is_refused_by_the_store()
    {
        await review.StartAsync("19");
        var commune = ReviewUnderTest.CommuneOf("19", 0);
        review.Today(9, 15);
        await review.AcceptAsync(commune, ReviewSteps.Listing);
        var read = (await review.Store.FindCommuneAsync(2025, "19", commune, None))!;
        var entry = new ReviewEvent(2, ReviewSteps.Meetings, review.Clock.GetUtcNow(), "x", "x", JsonDocument.Parse("{}").RootElement);

        Assert.True(await review.Store.TryWriteAsync(read.State with { EventCount = 2 }, read.Version, entry, None));
        Assert.False(await review.Store.TryWriteAsync(read.State with { EventCount = 2 }, read.Version, entry with { Sequence = 3 }, None));
        Assert.False(await review.Store.TryWriteAsync(read.State with { EventCount = 2 }, null, entry, None));
    }

    [Fact]
    public async Task A_step_request_repairs_a_pipeline_lock_left_stale_by_a_crash_between_the_two_writes()
    {
        await review.StartAsync("20");
        var commune = ReviewUnderTest.CommuneOf("20", 0);
        var unit = AdminUnitCatalog.Default.FindCommune(commune, ReviewUnderTest.Year.ReferenceDate)!.Unit;
        await review.WalkToPostingAsync(commune);
        review.Today(12, 1);
        await review.AcceptAsync(commune, ReviewSteps.Decision, """{"so":"125/QĐ-UBND","ngay":"2025-11-28"}""");

        // The review is locked but the pipeline lost its lock: any step request (even a refused one) locks it again.
        await review.Submissions.SetLockAsync(2025, unit, null, None);
        Assert.NotNull((await review.StepAsync(commune, ReviewSteps.Listing)).Refusal);
        Assert.NotNull((await review.Submissions.FindStateAsync(2025, commune, None))!.Lock);

        // Reopened in the review, but the crash left the reopened decision's lock in the pipeline: the next request lifts it.
        review.Today(12, 2);
        await review.AcceptAsync(commune, ReviewSteps.Reopen, """{"lyDo":"Sai sót"}""");
        var stale = ReviewService.LockFor((await review.Store.FindCommuneAsync(2025, "20", commune, None))!.State.EarlierDecisions[0]);
        await review.Submissions.SetLockAsync(2025, unit, stale, None);
        Assert.NotNull((await review.StepAsync(commune, ReviewSteps.Reopen, """{"lyDo":"lại"}""")).Refusal);
        Assert.Null((await review.Submissions.FindStateAsync(2025, commune, None))!.Lock);

        // A decision that locked the pipeline and then lost (or crashed before its write) leaves a lock the review never recorded.
        await review.Submissions.SetLockAsync(2025, unit, new CommuneLock("quyết định số 999/QĐ-UBND ngày 02/12/2025", review.Clock.GetUtcNow()), None);
        Assert.NotNull((await review.StepAsync(commune, ReviewSteps.Meetings, """{"thon":"Thôn Đông","ngay":"2025-12-02","thamDu":5,"dongY":5}""")).Refusal);
        Assert.Null((await review.Submissions.FindStateAsync(2025, commune, None))!.Lock);
    }

    [Fact]
    public async Task A_decision_waits_for_uploads_still_being_scored()
    {
        await review.StartAsync("14");
        var commune = ReviewUnderTest.CommuneOf("14", 0);
        await review.WalkToPostingAsync(commune);
        await review.SubmissionAsync(commune, SubmissionStatus.Received, commune + "-recheck");
        review.Today(12, 1);

        var refused = (await review.StepAsync(commune, ReviewSteps.Decision, """{"so":"125/QĐ-UBND","ngay":"2025-11-28"}""")).Refusal!;

        Assert.Equal("Chưa thể ra quyết định công nhận: còn 1 tệp khảo sát đang chờ chấm điểm; hãy đợi có kết quả rồi ghi lại.", refused.Detail);
        Assert.Null((await review.Submissions.FindStateAsync(2025, commune, None))!.Lock);
    }

    [Fact]
    public async Task Progress_shows_each_commune_s_steps_late_milestones_and_totals()
    {
        await review.StartAsync("15", """{"milestones":{"danh-sach":"2025-09-20","khao-sat":"2025-10-15"}}""");
        var communes = AdminUnitCatalog.Default.CommunesOf("15", ReviewUnderTest.Year.ReferenceDate);
        var onTime = communes[0].Code;
        var late = communes[1].Code;
        review.Today(9, 18);
        await review.AcceptAsync(onTime, ReviewSteps.Listing);
        review.Today(9, 25);
        await review.AcceptAsync(late, ReviewSteps.Listing);
        await review.SubmissionAsync(late, SubmissionStatus.Scored, late);
        review.Today(10, 20);

        var progress = (await review.Reviews.ProgressAsync(ReviewUnderTest.Year, "15", None)).Value!;

        Assert.Equal(communes.Count, progress.CommunesTotal);
        Assert.Equal(new DateOnly(2025, 10, 20), progress.Today);
        var first = progress.Communes.Single(c => c.CommuneCode == onTime);
        Assert.Equal([ReviewSteps.Survey], first.LateMilestones);
        Assert.Equal(ReviewSteps.Survey, first.Next);
        Assert.Equal(new DateOnly(2025, 9, 18), first.Steps[ReviewSteps.Listing].Date);
        var second = progress.Communes.Single(c => c.CommuneCode == late);
        Assert.Equal([ReviewSteps.Listing], second.LateMilestones);
        Assert.True(second.Steps[ReviewSteps.Survey].Done);
        Assert.Equal(ReviewSteps.Meetings, second.Next);
        Assert.Equal(2, progress.Steps[ReviewSteps.Listing].Done);
        Assert.Equal(communes.Count - 1, progress.Steps[ReviewSteps.Listing].Late);
        Assert.Equal(1, progress.Steps[ReviewSteps.Survey].Done);
        Assert.Equal(communes.Count - 1, progress.Steps[ReviewSteps.Survey].Late);
        Assert.Equal(0, progress.Steps[ReviewSteps.Meetings].Late);
    }

    [Fact]
    public async Task The_reminder_source_gives_a_period_per_milestone_with_communes_that_have_a_contact()
    {
        var communes = AdminUnitCatalog.Default.CommunesOf("22", ReviewUnderTest.Year.ReferenceDate);
        var (a, b) = (communes[0].Code, communes[1].Code);
        await review.StartAsync("22", $$"""
            {"supervisor": {"id": "so-nnmt", "name": "Sở NN&MT", "email": "so@example.invalid"},
             "reminders": {"daysBefore": [3], "escalateDaysAfter": [1]},
             "contacts": [{"communeCode": "{{a}}", "email": "a@example.invalid"}, {"communeCode": "{{b}}", "webhook": "https://relay.example.invalid/b"}]}
            """);
        review.Today(10, 2);
        await review.SubmissionAsync(b, SubmissionStatus.Scored, b);

        Assert.Equal(ReviewSteps.WithMilestone, await review.Reminders.PeriodIdsAsync("ra-soat-2025-22", None));
        Assert.Empty(await review.Reminders.PeriodIdsAsync("ra-soat-2025-24", None));
        Assert.Null(await review.Reminders.FindAsync("ra-soat-2025-22", ReviewSteps.Recheck, None));

        var survey = (await review.Reminders.FindAsync("ra-soat-2025-22", ReviewSteps.Survey, None))!;
        Assert.Equal(ScheduleRef.ReviewKind, survey.Schedule.Kind);
        Assert.Equal(new DateOnly(2025, 10, 31), survey.Due);
        Assert.Equal("Rà soát, chấm điểm hộ gia đình", survey.PeriodLabel);
        Assert.Equal([3], survey.Policy.DaysBefore);
        Assert.Equal(new ReminderRecipient("so-nnmt", "Sở NN&MT", "so@example.invalid", null), survey.Supervisor);
        Assert.Equal([a, b], survey.Expected.Select(e => e.Id));
        Assert.Equal(communes[0].Name, survey.Expected[0].Name);
        Assert.Equal([b], survey.Completed.Keys);
        Assert.Equal(review.Clock.GetUtcNow(), survey.Completed[b]);

        Assert.Empty((await review.Reminders.FindAsync("ra-soat-2025-22", ReviewSteps.Listing, None))!.Completed);

        // Watched until 1 + 21 days after each milestone: on 23/10 the listing (30/9) is over, the survey (31/10) is not.
        review.Today(10, 23);
        Assert.Equal([ReviewSteps.Survey, ReviewSteps.Meetings, ReviewSteps.Posting, ReviewSteps.Decision], await review.Reminders.PeriodIdsAsync("ra-soat-2025-22", None));
        Assert.Contains("ra-soat-2025-22", await review.Reminders.ActiveScheduleIdsAsync(None));
        review.Today(12, 14);
        Assert.Equal([ReviewSteps.Posting, ReviewSteps.Decision], await review.Reminders.PeriodIdsAsync("ra-soat-2025-22", None));
        review.Clock.Now = VietnamTime.At(new DateOnly(2026, 1, 6), new TimeOnly(10, 0));
        Assert.Empty(await review.Reminders.PeriodIdsAsync("ra-soat-2025-22", None));
        Assert.DoesNotContain("ra-soat-2025-22", await review.Reminders.ActiveScheduleIdsAsync(None));
    }

    private static (string, ReviewRefusalKind) Code<T>(ReviewResult<T> result)
        where T : class => (result.Refusal!.Code, result.Refusal.Kind);

    private static StepDetail Step(CommuneReviewReport report, string step) => report.Steps.Single(s => s.Step == step);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static JsonElement Facts(CommuneReviewReport report, string step) => JsonSerializer.SerializeToElement(Step(report, step).Facts, Web);

    private static DateTimeOffset VietnamTimeAt(int month, int day) => VietnamTime.At(new DateOnly(2025, month, day), new TimeOnly(10, 0));
}
