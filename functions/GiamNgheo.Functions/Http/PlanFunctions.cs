using GiamNgheo.Access.Authorization;
using GiamNgheo.Access.Callers;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.Notifications;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;
using GiamNgheo.Workflows.Reporting;
using GiamNgheo.Functions.Http.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.Functions.Http;

/// <summary>Reporting plans: create, edit and publish them (JSON or the xlsx form), receive period reports, follow who reported and who was reminded.</summary>
public sealed class PlanFunctions(
    PlanStore plans,
    PeriodReportStore reports,
    ReminderScheduler scheduler,
    Outbox outbox,
    AdminUnitCatalog units,
    ApiAccess access)
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary><c>POST /api/plans</c>: a new plan as JSON, or the filled-in xlsx form as multipart field <c>file</c>; 201 as a draft.</summary>
    [ApiOperation(Tags.Plans, "Tạo kế hoạch báo cáo", Description = "Kế hoạch dạng JSON hoặc biểu mẫu .xlsx đã điền; được lưu là bản nháp (status nhap, version 1). Mọi lỗi được liệt kê kèm vị trí (docs/plans.md).")]
    [ApiBody(ApiMediaTypes.Json, "Kế hoạch: id, title, year, unitCode, supervisor, reporters, periods, reminders, targets.")]
    [ApiBody(ApiMediaTypes.Multipart, "Trường file: biểu mẫu kế hoạch .xlsx đã điền.")]
    [ApiResponse(201, "Kế hoạch bản nháp.")]
    [ApiProblems("ke-hoach-khong-hop-le", "ke-hoach-da-ton-tai")]
    [Function("create-plan")]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/plans")] HttpRequest request, CancellationToken cancellationToken)
    {
        return await WithPlanAsync(request, async plan =>
        {
            if (await access.CheckAsync(request, Operation.ManagePlans, Target(plan), "plan.create", plan.Id, cancellationToken) is { } denied)
                return denied;
            var change = await plans.CreateAsync(plan, cancellationToken);
            if (change.Refusal is not null)
                return Refused(change.Refusal.Value, plan.Id);
            await access.RecordAsync(request, "plan.create", Target(plan), plan.Id, AuditEntry.Done, cancellationToken);
            return Results.Created($"/api/plans/{plan.Id}", PlanView.From(change.Plan!));
        }, cancellationToken);
    }

    /// <summary><c>PUT /api/plans/{planId}</c>: replaces the plan (same id, unit and year); a published plan's reminders are rescheduled at once.</summary>
    [ApiOperation(Tags.Plans, "Sửa kế hoạch báo cáo", Description = "Thay cả kế hoạch bằng phiên bản mới (cùng mã, đơn vị và năm); nhắc việc của kế hoạch đã công bố được lập lại ngay.")]
    [ApiBody(ApiMediaTypes.Json, "Kế hoạch đầy đủ như khi tạo.")]
    [ApiBody(ApiMediaTypes.Multipart, "Trường file: biểu mẫu kế hoạch .xlsx đã điền.")]
    [ApiResponse(200, "Kế hoạch với phiên bản mới.")]
    [ApiProblems("sai-ma-ke-hoach", "ke-hoach-khong-hop-le", "khong-tim-thay", "khong-doi-don-vi-nam", "sua-dong-thoi")]
    [Function("replace-plan")]
    public async Task<IResult> ReplaceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/plans/{planId}")] HttpRequest request, string planId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        return await WithPlanAsync(request, async plan =>
        {
            if (plan.Id != planId)
                return Problems.Create("sai-ma-ke-hoach", 400, "Sai mã kế hoạch", $"Mã kế hoạch trong nội dung (\"{plan.Id}\") khác mã trong địa chỉ (\"{planId}\").");
            var current = await plans.FindAsync(planId, cancellationToken);
            foreach (var unit in current is null ? [Target(plan)] : new[] { Target(current.Plan), Target(plan) })
            {
                if (await access.CheckAsync(request, Operation.ManagePlans, unit, "plan.replace", planId, cancellationToken) is { } denied)
                    return denied;
            }

            var change = await plans.ReplaceAsync(plan, cancellationToken);
            if (change.Refusal is not null)
                return Refused(change.Refusal.Value, planId);
            await access.RecordAsync(request, "plan.replace", Target(plan), $"{planId}/v{change.Plan!.Version}", AuditEntry.Done, cancellationToken);
            if (change.Plan.IsPublished)
                await scheduler.EnsureAsync(durable, Schedule(planId), change.Previous!.Plan.Periods.Select(p => p.Id), cancellationToken);
            return Results.Ok(PlanView.From(change.Plan));
        }, cancellationToken);
    }

    /// <summary><c>POST /api/plans/{planId}/publish</c>: publishes the plan and starts one reminder workflow per period.</summary>
    [ApiOperation(Tags.Plans, "Công bố kế hoạch báo cáo", Description = "Bắt đầu một quy trình nhắc việc cho mỗi kỳ báo cáo.")]
    [ApiResponse(200, "Kế hoạch đã công bố.")]
    [ApiProblems("khong-tim-thay", "sua-dong-thoi")]
    [Function("publish-plan")]
    public async Task<IResult> PublishAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/plans/{planId}/publish")] HttpRequest request, string planId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(planId, cancellationToken) is not { } current)
            return PlanNotFound(planId);
        if (await access.CheckAsync(request, Operation.ManagePlans, Target(current.Plan), "plan.publish", planId, cancellationToken) is { } denied)
            return denied;
        var change = await plans.PublishAsync(planId, cancellationToken);
        if (change.Refusal is not null)
            return Refused(change.Refusal.Value, planId);
        await access.RecordAsync(request, "plan.publish", Target(current.Plan), planId, AuditEntry.Done, cancellationToken);
        await scheduler.EnsureAsync(durable, Schedule(planId), [], cancellationToken);
        return Results.Ok(PlanView.From(change.Plan!));
    }

    /// <summary><c>GET /api/plans/{planId}</c>: the plan, its version and state.</summary>
    [ApiOperation(Tags.Plans, "Xem một kế hoạch báo cáo")]
    [ApiResponse(200, "Kế hoạch với phiên bản và trạng thái.")]
    [ApiProblems("khong-tim-thay")]
    [Function("get-plan")]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/plans/{planId}")] HttpRequest request, string planId, CancellationToken cancellationToken)
    {
        var (stored, refused) = await ReadableAsync(request, planId, Operation.ReadPlan, "plan.read", cancellationToken);
        return stored is null ? refused! : Results.Ok(PlanView.From(stored));
    }

    /// <summary><c>GET /api/plans?unitCode=&amp;year=</c>: the plans of a unit and/or year.</summary>
    [ApiOperation(Tags.Plans, "Liệt kê kế hoạch báo cáo của đơn vị hoặc năm")]
    [ApiQuery("unitCode", "Mã đơn vị của kế hoạch.")]
    [ApiQuery("year", "Năm của kế hoạch.", Whole = true)]
    [ApiResponse(200, "Các kế hoạch người gọi được xem.")]
    [ApiProblems("yeu-cau-khong-hop-le")]
    [Function("list-plans")]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/plans")] HttpRequest request, CancellationToken cancellationToken)
    {
        int? year = null;
        if (request.Query["year"].FirstOrDefault() is { Length: > 0 } text)
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y))
                return Problems.BadRequest($"Năm \"{text}\" không hợp lệ.");
            year = y;
        }

        if (await access.CheckAsync(request, Operation.ReadPlan, null, "plan.list", request.QueryString.Value ?? string.Empty, cancellationToken) is { } denied)
            return denied;
        var list = await plans.ListAsync(request.Query["unitCode"].FirstOrDefault() is { Length: > 0 } unit ? unit : null, year, cancellationToken);
        var caller = ApiAccess.Caller(request);
        var visible = new List<PlanListing>();
        foreach (var listing in list)
        {
            var target = new UnitTarget(listing.UnitCode, ReviewYear.Of(listing.Year));
            if (access.Policy.Decide(caller, Operation.ReadPlan, target).Allowed)
                visible.Add(listing);
            else if ((caller.Has(Role.CommuneOfficer) || caller.Has(Role.Agency)) && await plans.FindAsync(listing.Id, cancellationToken) is { } stored
                     && access.Policy.DecidePlan(caller, Operation.ReadPlan, target, Reporters(stored.Plan)).Allowed)
                visible.Add(listing);
        }

        return Results.Ok(new { plans = visible.Select(PlanListingView.From) });
    }

    /// <summary><c>GET /api/plan-form?year=YYYY</c>: the blank xlsx form of a plan.</summary>
    [ApiOperation(Tags.Plans, "Tải biểu mẫu kế hoạch trống")]
    [ApiQuery("year", "Năm điền sẵn trong biểu mẫu.", Whole = true)]
    [ApiResponse(200, "Biểu mẫu kế hoạch (.xlsx).", ContentType = ApiMediaTypes.Xlsx)]
    [Function("plan-form-template")]
    public async Task<IResult> FormTemplateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/plan-form")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await access.CheckAsync(request, Operation.ReadForms, null, "plan-form.read", "plan-form", cancellationToken) is { } denied)
            return denied;
        var year = int.TryParse(request.Query["year"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : (int?)null;
        var stream = new MemoryStream();
        PlanForm.WriteTemplate(stream, year);
        stream.Position = 0;
        return Results.File(stream, XlsxType, year is null ? "mau-ke-hoach.xlsx" : $"mau-ke-hoach-{year}.xlsx");
    }

    /// <summary><c>GET /api/plans/{planId}/form</c>: the plan as the filled-in xlsx form, to edit and upload again.</summary>
    [ApiOperation(Tags.Plans, "Tải kế hoạch dưới dạng biểu mẫu đã điền", Description = "Để sửa rồi tải lên lại.")]
    [ApiResponse(200, "Biểu mẫu kế hoạch đã điền (.xlsx).", ContentType = ApiMediaTypes.Xlsx)]
    [ApiProblems("khong-tim-thay")]
    [Function("plan-form")]
    public async Task<IResult> FormAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/plans/{planId}/form")] HttpRequest request, string planId, CancellationToken cancellationToken)
    {
        var (stored, refused) = await ReadableAsync(request, planId, Operation.ReadPlan, "plan.read", cancellationToken);
        if (stored is null)
            return refused!;
        var stream = new MemoryStream();
        PlanForm.Write(stream, stored.Plan);
        stream.Position = 0;
        return Results.File(stream, XlsxType, $"ke-hoach-{planId}.xlsx");
    }

    /// <summary><c>GET /api/plans/{planId}/periods/{periodId}</c>: each reporter's status, when it reported, and the reminders it was sent.</summary>
    [ApiOperation(Tags.Plans, "Xem tình hình báo cáo của một kỳ", Description = "Trạng thái từng đơn vị báo cáo (chua-nop, dung-han, tre-han), thời điểm nộp, có phải nộp không và các nhắc việc đã gửi.")]
    [ApiResponse(200, "Kỳ báo cáo với trạng thái từng đơn vị.")]
    [ApiProblems("khong-tim-thay")]
    [Function("get-plan-period")]
    public async Task<IResult> PeriodAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/plans/{planId}/periods/{periodId}")] HttpRequest request,
        string planId, string periodId, CancellationToken cancellationToken)
    {
        var (stored, refused) = await ReadableAsync(request, planId, Operation.ReadPlan, "plan.read", cancellationToken);
        if (stored is null)
            return refused!;
        if (stored.Plan.Period(periodId) is not { } period)
            return PeriodNotFound(planId, periodId);
        var received = (await reports.ListAsync(planId, periodId, cancellationToken)).ToDictionary(r => r.ReporterId);
        var messages = (await outbox.ListAsync(Schedule(planId).ToString(), cancellationToken))
            .Where(m => m.Labels.GetValueOrDefault(ReminderRounds.PeriodLabel) == periodId)
            .ToLookup(m => m.Labels.GetValueOrDefault(ReminderRounds.RecipientLabel));
        return Results.Ok(PeriodView.From(stored.Plan, period, received, messages));
    }

    /// <summary><c>POST /api/plans/{planId}/periods/{periodId}/reports/{reporterId}</c> with multipart field <c>file</c>: the reporter's report, stored immutable; 201.</summary>
    [ApiOperation(Tags.Plans, "Nộp báo cáo của một kỳ", Description = "Báo cáo được lưu không sửa được; dung-han khi nhận trước hết ngày hạn (giờ Việt Nam), tre-han nếu sau; lần nộp đầu tiên quyết định thời điểm.")]
    [ApiBody(ApiMediaTypes.Multipart, "Trường file: tệp báo cáo.")]
    [ApiResponse(201, "Báo cáo đã nhận với trạng thái đúng hạn hoặc trễ hạn.")]
    [ApiProblems("khong-tim-thay")]
    [Function("submit-period-report")]
    public async Task<IResult> SubmitReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/plans/{planId}/periods/{periodId}/reports/{reporterId}")] HttpRequest request,
        string planId, string periodId, string reporterId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (stored, refused) = await FindReporterAsync(planId, periodId, reporterId, cancellationToken);
        if (stored is null)
            return refused!;
        var reporter = stored.Plan.Reporter(reporterId)!;
        var decision = access.Policy.DecideReport(ApiAccess.Caller(request), Target(stored.Plan), new ReporterIdentity(reporter.UnitCode, reporter.Email));
        if (await access.CheckAsync(request, decision, "plan.report.submit", Target(stored.Plan), $"{planId}/{periodId}/{reporterId}", cancellationToken) is { } denied)
            return denied;
        return await MultipartUpload.WithFileAsync(request, "tệp báo cáo", async (file, fileName) =>
        {
            PeriodReport report;
            try
            {
                report = await reports.SubmitFileAsync(planId, periodId, reporterId, file, fileName, ApiAccess.Caller(request).AuditName, cancellationToken);
            }
            catch (ReportTooLargeException e)
            {
                return Problems.Create("tep-qua-lon", 413, "Tệp quá lớn", e.Message);
            }

            return await ReceivedAsync(request, durable, stored, report, "plan.report.submit", cancellationToken);
        }, cancellationToken);
    }

    /// <summary><c>POST /api/plans/{planId}/periods/{periodId}/reports/{reporterId}/received</c>: the supervisor marks a report received (e.g. on paper).</summary>
    [ApiOperation(Tags.Plans, "Xác nhận đã nhận báo cáo (ví dụ bản giấy)")]
    [ApiResponse(201, "Báo cáo được ghi nhận với trạng thái đúng hạn hoặc trễ hạn.")]
    [ApiProblems("khong-tim-thay")]
    [Function("mark-period-report-received")]
    public async Task<IResult> MarkReceivedAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/plans/{planId}/periods/{periodId}/reports/{reporterId}/received")] HttpRequest request,
        string planId, string periodId, string reporterId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (stored, refused) = await FindReporterAsync(planId, periodId, reporterId, cancellationToken);
        if (stored is null)
            return refused!;
        if (await access.CheckAsync(request, Operation.ManagePlans, Target(stored.Plan), "plan.report.mark", $"{planId}/{periodId}/{reporterId}", cancellationToken) is { } denied)
            return denied;
        var report = await reports.MarkReceivedAsync(planId, periodId, reporterId, ApiAccess.Caller(request).AuditName, cancellationToken);
        return await ReceivedAsync(request, durable, stored, report, "plan.report.mark", cancellationToken);
    }

    /// <summary><c>GET /api/plans/{planId}/reminders</c>: every message of the plan, its kind, channel, status and times.</summary>
    [ApiOperation(Tags.Plans, "Liệt kê nhắc việc của kế hoạch", Description = "Mỗi tin: kỳ, đơn vị, loại (nhac-truoc, den-han, qua-han, tong-hop-tre-han), kênh, người nhận, trạng thái gửi, thời điểm và số lần thử.")]
    [ApiResponse(200, "Các nhắc việc.")]
    [ApiProblems("khong-tim-thay")]
    [Function("list-plan-reminders")]
    public async Task<IResult> RemindersAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/plans/{planId}/reminders")] HttpRequest request, string planId, CancellationToken cancellationToken)
    {
        var (stored, refused) = await ReadableAsync(request, planId, Operation.ReadPlanReports, "plan.reminders.read", cancellationToken);
        if (stored is null)
            return refused!;
        var messages = await outbox.ListAsync(Schedule(planId).ToString(), cancellationToken);
        return Results.Ok(new { reminders = messages.OrderBy(m => m.DueAt).ThenBy(m => m.Key, StringComparer.Ordinal).Select(ReminderView.From) });
    }

    /// <summary><c>GET /api/plans/{planId}/reporting-rate</c>: per period expected, submitted, on time, and the rates in %.</summary>
    [ApiOperation(Tags.Plans, "Xem tỷ lệ báo cáo theo kỳ", Description = "Số đơn vị phải nộp, đã nộp, đúng hạn, tỷ lệ báo cáo và tỷ lệ đúng hạn (%).")]
    [ApiResponse(200, "Tỷ lệ báo cáo từng kỳ.")]
    [ApiProblems("khong-tim-thay")]
    [Function("plan-reporting-rate")]
    public async Task<IResult> ReportingRateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/plans/{planId}/reporting-rate")] HttpRequest request, string planId, CancellationToken cancellationToken)
    {
        var (stored, refused) = await ReadableAsync(request, planId, Operation.ReadPlanReports, "plan.rates.read", cancellationToken);
        if (stored is null)
            return refused!;
        var rates = ReportingStatus.Rates(stored.Plan, await reports.ListAsync(planId, cancellationToken));
        return Results.Ok(new { planId, periods = rates });
    }

    private static ScheduleRef Schedule(string planId) => new(ScheduleRef.PlanKind, planId);

    private static UnitTarget Target(ReportingPlan plan) => new(plan.UnitCode, ReviewYear.Of(plan.Year));

    private static IEnumerable<ReporterIdentity> Reporters(ReportingPlan plan) => plan.Reporters.Select(r => new ReporterIdentity(r.UnitCode, r.Email));

    /// <summary>The plan when it exists and the caller may do <paramref name="operation"/> on it; otherwise the 404 or 403 to answer.</summary>
    private async Task<(StoredPlan? Plan, IResult? Problem)> ReadableAsync(HttpRequest request, string planId, Operation operation, string action, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(planId, cancellationToken) is not { } stored)
            return (null, PlanNotFound(planId));
        var decision = access.Policy.DecidePlan(ApiAccess.Caller(request), operation, Target(stored.Plan), Reporters(stored.Plan));
        return await access.CheckAsync(request, decision, action, Target(stored.Plan), planId, cancellationToken) is { } denied ? (null, denied) : (stored, null);
    }

    private async Task<IResult> ReceivedAsync(HttpRequest request, DurableTaskClient durable, StoredPlan stored, PeriodReport report, string action, CancellationToken cancellationToken)
    {
        var planId = stored.Plan.Id;
        await access.RecordAsync(request, action, Target(stored.Plan), $"{planId}/{report.PeriodId}/{report.ReporterId}", AuditEntry.Done, cancellationToken);
        if (stored.IsPublished)
            await scheduler.WakeAsync(durable, Schedule(planId), report.PeriodId, cancellationToken);
        var status = ReportingStatus.Of(stored.Plan.Period(report.PeriodId)!, report);
        return Results.Created($"/api/plans/{planId}/periods/{report.PeriodId}", new
        {
            report.PeriodId,
            report.ReporterId,
            status = status.Code(),
            submittedAt = report.ReceivedAt,
            channel = report.Channel == ReportChannel.File ? "tep" : "xac-nhan",
            files = report.Files,
            sha256 = report.LatestSha256,
        });
    }

    /// <summary>The plan when it has the period and the reporter; otherwise the 404 to answer.</summary>
    private async Task<(StoredPlan? Plan, IResult? Problem)> FindReporterAsync(string planId, string periodId, string reporterId, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(planId, cancellationToken) is not { } stored)
            return (null, PlanNotFound(planId));
        if (stored.Plan.Period(periodId) is null)
            return (null, PeriodNotFound(planId, periodId));
        return stored.Plan.Reporter(reporterId) is null
            ? (null, Problems.NotFound($"Kế hoạch \"{planId}\" không có đơn vị báo cáo \"{reporterId}\"."))
            : (stored, null);
    }

    private async Task<IResult> WithPlanAsync(HttpRequest request, Func<ReportingPlan, Task<IResult>> handle, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return await MultipartUpload.WithFileAsync(request, "biểu mẫu kế hoạch .xlsx", async (file, _) =>
                await HandleAsync(await PlanForm.ReadAsync(file, units, cancellationToken), handle), cancellationToken);
        }

        return await HandleAsync(await PlanDocument.ReadAsync(request.Body, units, cancellationToken), handle);
    }

    private static async Task<IResult> HandleAsync(PlanReadResult read, Func<ReportingPlan, Task<IResult>> handle) =>
        read.IsValid
            ? await handle(read.Plan)
            : Problems.Create("ke-hoach-khong-hop-le", 422, "Kế hoạch không hợp lệ", $"Kế hoạch có {read.Issues.Count} lỗi; xem danh sách \"errors\".",
                new Dictionary<string, object?> { ["errors"] = read.Issues.Select(i => new { location = i.Location, message = i.Message }) });

    private static IResult Refused(PlanChangeRefusal refusal, string planId) => refusal switch
    {
        PlanChangeRefusal.AlreadyExists => Problems.Create("ke-hoach-da-ton-tai", 409, "Kế hoạch đã tồn tại", $"Đã có kế hoạch \"{planId}\"; dùng PUT /api/plans/{planId} để sửa."),
        PlanChangeRefusal.NotFound => PlanNotFound(planId),
        PlanChangeRefusal.IdentityChanged => Problems.Create("khong-doi-don-vi-nam", 409, "Không thể đổi đơn vị hoặc năm", "Kế hoạch của đơn vị hoặc năm khác là một kế hoạch mới: hãy tạo với mã khác."),
        PlanChangeRefusal.Concurrent => Problems.Create("sua-dong-thoi", 409, "Kế hoạch vừa được sửa", "Có người vừa sửa kế hoạch này; hãy tải lại và thử lại."),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    private static IResult PlanNotFound(string planId) => Problems.NotFound($"Không có kế hoạch \"{planId}\".");

    private static IResult PeriodNotFound(string planId, string periodId) => Problems.NotFound($"Kế hoạch \"{planId}\" không có kỳ báo cáo \"{periodId}\".");
}
