using System.Text.Json;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Workflows.Review;

/// <summary>The annual review of a province and its communes: start, record steps, read a commune, read progress.</summary>
/// <remarks>
/// <para>The step rules (<see cref="ReviewRules"/>) decide; this class reads what they need (the commune's state, its
/// surveys from the pipeline, today), stores the result conditionally on the version read, and retries from a fresh
/// read when another request changed the commune in between: two concurrent steps never both apply to one state.</para>
/// <para>The lock lives in two tables: the review's state (the truth) and the pipeline's commune-year state (what
/// uploads obey). A decision locks the pipeline before the review is written, so no upload slips in between; a
/// reopening unlocks it after. Every step request first makes the pipeline's lock agree with the review (after a crash
/// between the two writes, or a decision that lost a concurrent race after locking), so the two agree again at the next request.</para>
/// </remarks>
public sealed class ReviewService
{
    private const int MaxAttempts = 20;
    private const int ParallelReads = 16;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ReviewStore _store;
    private readonly SubmissionStore _submissions;
    private readonly AuditLog _audit;
    private readonly AdminUnitCatalog _units;
    private readonly ReviewRules _rules;
    private readonly ReviewDefaults _defaults;
    private readonly TimeProvider _clock;

    /// <summary>Creates the service.</summary>
    public ReviewService(ReviewStore store, SubmissionStore submissions, AuditLog audit, AdminUnitCatalog units, ReviewRules rules, ReviewDefaults defaults, TimeProvider clock)
    {
        _store = store;
        _submissions = submissions;
        _audit = audit;
        _units = units;
        _rules = rules;
        _defaults = defaults;
        _clock = clock;
    }

    /// <summary>The pipeline's lock for a decision: the reason an upload to the locked commune-year is refused with.</summary>
    public static CommuneLock LockFor(DecisionRecord decision) =>
        new($"quyết định số {decision.So} ngày {ReviewRules.Day(decision.Ngay)} công nhận danh sách hộ nghèo, hộ cận nghèo", decision.RecordedAt);

    /// <summary>Starts a province's review, or replaces its settings when started before (commune progress is kept).</summary>
    /// <param name="year">Review year.</param>
    /// <param name="provinceCode">The province.</param>
    /// <param name="body">The start request, or null for all defaults.</param>
    /// <param name="actor">Who starts it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<ReviewResult<ReviewStarted>> StartAsync(ReviewYear year, string provinceCode, JsonElement? body, AuditActor actor, CancellationToken cancellationToken)
    {
        if (_units.FindProvince(provinceCode, year.ReferenceDate) is not { } province)
            return ReviewResult.Refused<ReviewStarted>(UnknownUnit("ma-tinh-khong-ton-tai", $"Mã tỉnh \"{provinceCode}\" không có trong danh mục hành chính ngày {ReviewRules.Day(year.ReferenceDate)}."));
        var communes = _units.CommunesOf(province.Code, year.ReferenceDate).Select(c => c.Code).ToList();
        var (request, issues) = ReviewRequests.ParseStart(body, year, communes, _defaults);
        if (request is null)
            return ReviewResult.Refused<ReviewStarted>(Invalid(issues));

        var now = new StepStamp(_clock.GetUtcNow(), actor.Name);
        var (settings, created) = await _store.SaveSettingsAsync(year.Value, province.Code, stored => new ReviewSettings(
            year.Value,
            province.Code,
            request.Milestones,
            request.PostingDays,
            request.Reminders,
            request.Supervisor,
            request.Contacts,
            [.. (stored?.Communes ?? []).Union(communes).Order(StringComparer.Ordinal)],
            stored?.Started ?? now,
            now), cancellationToken).ConfigureAwait(false);
        await _audit.RecordAsync(new AuditEntry(created ? "review.start" : "review.restart", province.Code, year, $"{year}/{province.Code}", actor, AuditEntry.Done), cancellationToken).ConfigureAwait(false);
        return ReviewResult.Of(new ReviewStarted(
            settings.Id, created, year.Value, province.Code, province.Name, year.ReviewWindowStart, year.ReviewWindowEnd,
            settings.Milestones, settings.PostingDays, settings.Reminders, settings.Supervisor, settings.Contacts, settings.Communes.Count));
    }

    /// <summary>The review's settings, or null when not started.</summary>
    public Task<ReviewSettings?> SettingsAsync(int year, string provinceCode, CancellationToken cancellationToken) =>
        _store.FindSettingsAsync(year, provinceCode, cancellationToken);

    /// <summary>The settings of every started review.</summary>
    public Task<IReadOnlyList<ReviewSettings>> StartedAsync(CancellationToken cancellationToken) => _store.ListSettingsAsync(cancellationToken);

    /// <summary>Records one step of a commune.</summary>
    /// <param name="year">Review year.</param>
    /// <param name="communeCode">The commune.</param>
    /// <param name="step">Step id.</param>
    /// <param name="body">The step's facts, or null for an empty body.</param>
    /// <param name="actor">Who records it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<ReviewResult<CommuneReviewReport>> RecordStepAsync(ReviewYear year, string communeCode, string step, JsonElement? body, AuditActor actor, CancellationToken cancellationToken)
    {
        if (FindCommune(year, communeCode) is not { } commune)
            return ReviewResult.Refused<CommuneReviewReport>(UnknownCommune(year, communeCode));
        if (!ReviewSteps.IsKnown(step))
        {
            return ReviewResult.Refused<CommuneReviewReport>(new ReviewRefusal("buoc-khong-ton-tai", ReviewRefusalKind.NotFound, "Không có bước này",
                $"Không có bước \"{step}\"; các bước là: {string.Join(", ", ReviewSteps.All)}.", []));
        }

        if (await _store.FindSettingsAsync(year.Value, commune.ProvinceCode, cancellationToken).ConfigureAwait(false) is not { } settings)
            return ReviewResult.Refused<CommuneReviewReport>(NotStarted(year, commune.ProvinceCode, ReviewRefusalKind.Refused));
        if (step == ReviewSteps.Survey)
            return ReviewResult.Refused<CommuneReviewReport>(await SurveyIsAutomaticAsync(year, commune, cancellationToken).ConfigureAwait(false));
        var (input, issues) = ReviewRequests.ParseStep(step, body);
        if (input is null)
            return ReviewResult.Refused<CommuneReviewReport>(Invalid(issues));

        for (var attempt = 0; ; attempt++)
        {
            var (stored, facts) = await ReadAndRepairAsync(year, commune, cancellationToken).ConfigureAwait(false);
            var state = stored?.State ?? CommuneReview.New(year.Value, commune.ProvinceCode, commune.Code);
            var context = new StepContext(year, _clock.GetUtcNow(), actor.Name, settings.PostingDays);
            var outcome = _rules.Apply(state, input, facts, context);
            if (!outcome.Accepted)
            {
                await _audit.RecordAsync(new AuditEntry("review." + step, commune.Code, year, $"{year}/{commune.Code}", actor, "buoc-khong-hop-le"), cancellationToken).ConfigureAwait(false);
                return ReviewResult.Refused<CommuneReviewReport>(new ReviewRefusal("buoc-khong-hop-le", ReviewRefusalKind.Refused,
                    $"Không ghi được bước \"{ReviewSteps.Label(step)}\"", outcome.Message, []));
            }

            if (!outcome.Changed)
                return ReviewResult.Of(await ReportAsync(settings, commune, state, facts, context.Today, outcome.Message, cancellationToken).ConfigureAwait(false));

            var next = outcome.State with { EventCount = state.EventCount + 1 };
            var entry = new ReviewEvent(next.EventCount, step, context.Now, actor.Name, outcome.Message, FactsOf(input, next));
            var decides = next.Decision is not null && state.Decision is null;

            // Once uploads are locked for a decision, the writes run to the end whatever happens to the request: a lock
            // without its decision would refuse uploads until the next step request repairs it.
            var token = decides ? CancellationToken.None : cancellationToken;
            if (decides)
                await _submissions.SetLockAsync(year.Value, commune, LockFor(next.Decision!), token).ConfigureAwait(false);
            if (await _store.TryWriteAsync(next, stored?.Version, entry, token).ConfigureAwait(false))
            {
                await _submissions.SetLockAsync(year.Value, commune, next.Decision is { } d ? LockFor(d) : null, CancellationToken.None).ConfigureAwait(false);
                await _audit.RecordAsync(new AuditEntry("review." + step, commune.Code, year, $"{year}/{commune.Code}", actor, AuditEntry.Done), CancellationToken.None).ConfigureAwait(false);
                return ReviewResult.Of(await ReportAsync(settings, commune, next, facts, context.Today, outcome.Message, cancellationToken).ConfigureAwait(false));
            }

            if (attempt + 1 >= MaxAttempts)
            {
                // Leave no lock of a lost attempt behind.
                await ReadAndRepairAsync(year, commune, CancellationToken.None).ConfigureAwait(false);
                throw new InvalidOperationException($"Commune {commune.Code} changed {MaxAttempts} times while recording step {step}.");
            }

            await ReviewStore.Backoff(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A commune's review: each step with its facts, what is next, the lock, the trail.</summary>
    public async Task<ReviewResult<CommuneReviewReport>> CommuneAsync(ReviewYear year, string communeCode, CancellationToken cancellationToken)
    {
        if (FindCommune(year, communeCode) is not { } commune)
            return ReviewResult.Refused<CommuneReviewReport>(UnknownCommune(year, communeCode));
        if (await _store.FindSettingsAsync(year.Value, commune.ProvinceCode, cancellationToken).ConfigureAwait(false) is not { } settings)
            return ReviewResult.Refused<CommuneReviewReport>(NotStarted(year, commune.ProvinceCode, ReviewRefusalKind.NotFound));
        var stored = await _store.FindCommuneAsync(year.Value, commune.ProvinceCode, commune.Code, cancellationToken).ConfigureAwait(false);
        var state = stored?.State ?? CommuneReview.New(year.Value, commune.ProvinceCode, commune.Code);
        var (facts, _) = await PipelineAsync(year.Value, commune.Code, cancellationToken).ConfigureAwait(false);
        return ReviewResult.Of(await ReportAsync(settings, commune, state, facts, VietnamTime.DateOf(_clock.GetUtcNow()), null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A province's progress: each commune's steps, late milestones, totals per step.</summary>
    public async Task<ReviewResult<ProgressReport>> ProgressAsync(ReviewYear year, string provinceCode, CancellationToken cancellationToken)
    {
        if (_units.FindProvince(provinceCode, year.ReferenceDate) is not { } province)
            return ReviewResult.Refused<ProgressReport>(UnknownUnit("ma-tinh-khong-ton-tai", $"Mã tỉnh \"{provinceCode}\" không có trong danh mục hành chính ngày {ReviewRules.Day(year.ReferenceDate)}."));
        if (await _store.FindSettingsAsync(year.Value, province.Code, cancellationToken).ConfigureAwait(false) is not { } settings)
            return ReviewResult.Refused<ProgressReport>(NotStarted(year, province.Code, ReviewRefusalKind.NotFound));

        var today = VietnamTime.DateOf(_clock.GetUtcNow());
        var states = await CommuneStatesAsync(settings, cancellationToken).ConfigureAwait(false);
        var facts = await FactsAsync(year.Value, settings.Communes, cancellationToken).ConfigureAwait(false);
        var communes = settings.Communes.Select(code =>
        {
            var state = states[code];
            var steps = Progress(settings, state, facts[code], today);
            return new CommuneProgress(code, CommuneName(year, code), state.IsLocked(), state.IsLocked() ? null : Next(state, facts[code], settings)?.Step,
                steps.ToDictionary(p => p.Step, StepState.From, StringComparer.Ordinal), [.. steps.Where(s => s.Late).Select(s => s.Step)]);
        }).ToList();
        var totals = ReviewSteps.Ordered.ToDictionary(
            s => s,
            s => new StepTotal(ReviewSteps.Label(s), Due(settings, s), communes.Count(c => c.Steps[s].Done), communes.Count(c => c.Steps[s].Late)),
            StringComparer.Ordinal);
        return ReviewResult.Of(new ProgressReport(settings.Id, year.Value, province.Code, province.Name, today, communes.Count,
            communes.Count(c => c.Locked), totals, communes));
    }

    /// <summary>Every commune of a started review with its state (a commune that recorded nothing has a new state).</summary>
    public async Task<IReadOnlyDictionary<string, CommuneReview>> CommuneStatesAsync(ReviewSettings settings, CancellationToken cancellationToken)
    {
        var stored = (await _store.CommunesAsync(settings.Year, settings.ProvinceCode, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.CommuneCode, StringComparer.Ordinal);
        return settings.Communes.ToDictionary(c => c, c => stored.GetValueOrDefault(c) ?? CommuneReview.New(settings.Year, settings.ProvinceCode, c), StringComparer.Ordinal);
    }

    /// <summary>What the pipeline knows of each commune's surveys, read a few communes at a time.</summary>
    public async Task<IReadOnlyDictionary<string, ReviewFacts>> FactsAsync(int year, IEnumerable<string> communeCodes, CancellationToken cancellationToken)
    {
        var facts = new System.Collections.Concurrent.ConcurrentDictionary<string, ReviewFacts>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(communeCodes, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (code, token) =>
            facts[code] = (await PipelineAsync(year, code, token).ConfigureAwait(false)).Facts).ConfigureAwait(false);
        return facts;
    }

    /// <summary>The name of a commune of the year, or its code when the catalog does not know it.</summary>
    public string CommuneName(ReviewYear year, string communeCode) => FindCommune(year, communeCode)?.Name ?? communeCode;

    /// <summary>Each step of a commune: done, when, due, late.</summary>
    public static IReadOnlyList<StepProgress> Progress(ReviewSettings settings, CommuneReview state, ReviewFacts facts, DateOnly today)
    {
        var completed = state.Completed(facts.Survey);
        return [.. ReviewSteps.Ordered.Select(step =>
        {
            var done = completed.TryGetValue(step, out var at);
            var date = done ? DateOf(state, facts, step, at) : (DateOnly?)null;
            var due = Due(settings, step);
            var late = due is { } d && (done ? date > d : today > d);
            return new StepProgress(step, ReviewSteps.Label(step), ReviewSteps.IsOptional(step), done, done ? at : null, date, due, late);
        })];
    }

    private static DateOnly? Due(ReviewSettings settings, string step) => settings.Milestones.TryGetValue(step, out var due) ? due : null;

    private static DateOnly DateOf(CommuneReview state, ReviewFacts facts, string step, DateTimeOffset at) => step switch
    {
        ReviewSteps.Meetings => state.Villages().Max(v => v.Latest.Ngay),
        ReviewSteps.Posting => state.Posting!.BatDau,
        ReviewSteps.Recheck => state.Rechecks.Max(r => r.Ngay),
        ReviewSteps.Decision => state.Decision!.Ngay,
        ReviewSteps.Survey => VietnamTime.DateOf(facts.Survey!.ReceivedAt),
        _ => VietnamTime.DateOf(at),
    };

    private static NextStep? Next(CommuneReview state, ReviewFacts facts, ReviewSettings settings)
    {
        if (state.IsLocked())
            return null;
        var completed = state.Completed(facts.Survey);
        var step = ReviewSteps.Ordered.FirstOrDefault(s => !ReviewSteps.IsOptional(s) && !completed.ContainsKey(s));
        if (step is null)
            return null;
        var hint = step switch
        {
            ReviewSteps.Listing => "Lập danh sách hộ gia đình cần rà soát rồi ghi bước danh-sach.",
            ReviewSteps.Survey => $"Tải tệp khảo sát lên tại /api/surveys/{state.Year}/{state.CommuneCode}; bước này hoàn thành khi tệp đầu tiên được chấm điểm.",
            ReviewSteps.Meetings when state.Villages().Where(v => !v.Latest.Agreed).Select(v => v.Thon).ToList() is { Count: > 0 } open =>
                $"Họp lại ở {string.Join(", ", open)}: cần ít nhất 50 % người tham dự đồng ý.",
            ReviewSteps.Meetings => "Ghi kết quả họp dân từng thôn (thon, ngay, thamDu, dongY); cần ít nhất 50 % người tham dự đồng ý.",
            ReviewSteps.Posting => $"Niêm yết công khai danh sách và ghi ngày bắt đầu (batDau; mặc định {settings.PostingDays} ngày làm việc).",
            _ => $"Sau khi hết niêm yết (hết ngày {ReviewRules.Day(state.Posting!.KetThuc)}), ghi số và ngày quyết định công nhận (so, ngay).",
        };
        return new NextStep(step, ReviewSteps.Label(step), hint);
    }

    private async Task<CommuneReviewReport> ReportAsync(ReviewSettings settings, AdminUnit commune, CommuneReview state, ReviewFacts facts, DateOnly today, string? message, CancellationToken cancellationToken)
    {
        var trail = await _store.TrailAsync(settings.Year, settings.ProvinceCode, commune.Code, cancellationToken).ConfigureAwait(false);
        var steps = Progress(settings, state, facts, today).Select(p => StepDetail.From(p, p.Step switch
        {
            ReviewSteps.Listing => state.Listing,
            ReviewSteps.Survey => facts.Survey is null ? new { pendingUploads = facts.PendingUploads } : new
            {
                submissionId = facts.Survey.SubmissionId,
                receivedAt = facts.Survey.ReceivedAt,
                countedSubmissionId = facts.Survey.CountedSubmissionId,
                pendingUploads = facts.PendingUploads,
            },
            ReviewSteps.Meetings => state.Meetings.Count == 0 ? null : new
            {
                villages = state.Villages().Select(v => new
                {
                    thon = v.Thon,
                    dat = v.Latest.Agreed,
                    latest = MeetingFacts(v.Latest),
                    meetings = v.Meetings.Select(MeetingFacts).ToList(),
                }).ToList(),
                villagesOpen = state.Villages().Where(v => !v.Latest.Agreed).Select(v => v.Thon).ToList(),
            },
            ReviewSteps.Posting => state.Posting,
            ReviewSteps.Recheck => state.Rechecks.Count == 0 ? null : new { items = state.Rechecks },
            _ => state.Decision is null && state.EarlierDecisions.Count == 0 ? null : new { current = state.Decision, earlier = state.EarlierDecisions },
        })).ToList();
        return new CommuneReviewReport(settings.Id, settings.Year, settings.ProvinceCode, commune.Code, commune.Name, state.IsLocked(), state.Decision,
            Next(state, facts, settings), steps, state.Reopenings, trail, message);
    }

    private static object MeetingFacts(VillageMeeting m) => new
    {
        thon = m.Thon,
        ngay = m.Ngay,
        thamDu = m.ThamDu,
        dongY = m.DongY,
        tyLeDongY = m.AgreementPercent,
        dat = m.Agreed,
        recordedAt = m.RecordedAt,
        recordedBy = m.RecordedBy,
    };

    /// <summary>The step's facts for the trail: the input as sent, completed with what the rules derived (the posting's length and end).</summary>
    private static JsonElement FactsOf(StepInput input, CommuneReview next) => input switch
    {
        PostingInput => JsonSerializer.SerializeToElement(new { batDau = next.Posting!.BatDau, soNgayLamViec = next.Posting.SoNgayLamViec, ketThuc = next.Posting.KetThuc }, Json),
        _ => JsonSerializer.SerializeToElement(input, input.GetType(), Json),
    };

    private async Task<(ReviewFacts Facts, CommuneLock? Lock)> PipelineAsync(int year, string communeCode, CancellationToken cancellationToken)
    {
        var historyTask = _submissions.HistoryAsync(year, communeCode, cancellationToken);
        var stateTask = _submissions.FindStateAsync(year, communeCode, cancellationToken);
        var history = await historyTask.ConfigureAwait(false);
        var state = await stateTask.ConfigureAwait(false);
        var first = history.Where(s => s.Status == SubmissionStatus.Scored).MinBy(s => s.ReceivedAt);
        var counted = state?.CountedShortHash is { } hash ? SubmissionKey.FormatId(year, communeCode, hash) : null;
        var pending = history.Count(s => s.Status is SubmissionStatus.Received or SubmissionStatus.Processing);
        return (new ReviewFacts(first is null ? null : new SurveyFact(first.Key.Id, first.ReceivedAt, counted), pending), state?.Lock);
    }

    /// <summary>Reads the commune and its surveys, first making the pipeline's lock agree with the review's state (the truth).</summary>
    /// <remarks>Locking is always safe. Unlocking acts on a read that may already be stale (a decision written just after
    /// it), so the review is read again afterwards and, if it changed, the repair is decided again: a concurrent decision
    /// is never left unlocked, whichever request runs last.</remarks>
    private async Task<(StoredCommune? Stored, ReviewFacts Facts)> ReadAndRepairAsync(ReviewYear year, AdminUnit commune, CancellationToken cancellationToken)
    {
        var stored = await _store.FindCommuneAsync(year.Value, commune.ProvinceCode, commune.Code, cancellationToken).ConfigureAwait(false);
        var (facts, pipelineLock) = await PipelineAsync(year.Value, commune.Code, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var wanted = stored?.State.Decision is { } decision ? LockFor(decision) : null;
            if (pipelineLock?.Reason == wanted?.Reason)
                return (stored, facts);
            pipelineLock = (await _submissions.SetLockAsync(year.Value, commune, wanted, cancellationToken).ConfigureAwait(false)).Lock;
            if (wanted is not null)
                return (stored, facts);
            var again = await _store.FindCommuneAsync(year.Value, commune.ProvinceCode, commune.Code, cancellationToken).ConfigureAwait(false);
            if (again?.Version == stored?.Version)
                return (stored, facts);
            stored = again;
        }
    }

    private async Task<ReviewRefusal> SurveyIsAutomaticAsync(ReviewYear year, AdminUnit commune, CancellationToken cancellationToken)
    {
        var (facts, _) = await PipelineAsync(year.Value, commune.Code, cancellationToken).ConfigureAwait(false);
        var status = facts.Survey is { } survey
            ? $"Bước đã hoàn thành: lần nộp {survey.SubmissionId} nhận lúc {ReviewRules.Day(VietnamTime.DateOf(survey.ReceivedAt))} đã được chấm điểm."
            : $"Chưa có tệp nào được chấm điểm; hãy tải tệp khảo sát lên tại /api/surveys/{year}/{commune.Code}.";
        return new ReviewRefusal("buoc-tu-dong", ReviewRefusalKind.Refused, "Bước khảo sát được ghi nhận tự động",
            "Bước khao-sat hoàn thành khi tệp khảo sát đầu tiên của xã được chấm điểm, không ghi bằng tay. " + status, []);
    }

    private AdminUnit? FindCommune(ReviewYear year, string communeCode) =>
        communeCode.Length == 5 ? _units.FindCommune(communeCode, year.ReferenceDate)?.Unit : null;

    private static ReviewRefusal UnknownCommune(ReviewYear year, string communeCode) =>
        UnknownUnit("ma-xa-khong-ton-tai", $"Mã xã \"{communeCode}\" không có trong danh mục hành chính ngày {ReviewRules.Day(year.ReferenceDate)}.");

    private static ReviewRefusal UnknownUnit(string code, string detail) => new(code, ReviewRefusalKind.NotFound, "Không tìm thấy đơn vị hành chính", detail, []);

    private static ReviewRefusal NotStarted(ReviewYear year, string provinceCode, ReviewRefusalKind kind) =>
        new("chua-bat-dau-ra-soat", kind, "Tỉnh chưa bắt đầu kỳ rà soát",
            $"Tỉnh {provinceCode} chưa bắt đầu kỳ rà soát năm {year}; tỉnh bắt đầu bằng POST /api/reviews/{year}/{provinceCode}.", []);

    private static ReviewRefusal Invalid(IReadOnlyList<ReviewIssue> issues) =>
        new("yeu-cau-khong-hop-le", ReviewRefusalKind.Invalid, "Yêu cầu không hợp lệ", string.Join("; ", issues.Select(i => i.ToString())), issues);
}
