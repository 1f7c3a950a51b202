using System.Text;
using System.Text.Json;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Review;

namespace GiamNgheo.Workflows.Tests.Review;

/// <summary>Request bodies of the review: malformed ones are refused with every problem located, in Vietnamese.</summary>
public sealed class ReviewRequestsTests
{
    private static readonly ReviewYear Year = ReviewYear.Of(2025);
    private static readonly string[] Communes = ["00004", "00008", "00025"];

    private static JsonElement? Body(string json)
    {
        var (body, issues) = ReviewRequests.ParseJson(Encoding.UTF8.GetBytes(json));
        Assert.Empty(issues);
        return body;
    }

    private static IReadOnlyList<ReviewIssue> StepIssues(string step, string json)
    {
        var (input, issues) = ReviewRequests.ParseStep(step, Body(json));
        Assert.Null(input);
        return issues;
    }

    private static IReadOnlyList<ReviewIssue> StartIssues(string json)
    {
        var (request, issues) = ReviewRequests.ParseStart(Body(json), Year, Communes, ReviewDefaults.Default);
        Assert.Null(request);
        return issues;
    }

    [Fact]
    public void Text_that_is_not_json_is_located_by_line_and_position()
    {
        var (body, issues) = ReviewRequests.ParseJson("{\n  \"thon\": \"Thôn Đông\",\n  ngay: 1\n}"u8.ToArray());

        Assert.Null(body);
        Assert.Equal("Nội dung yêu cầu không phải JSON hợp lệ (dòng 3, vị trí 3).", Assert.Single(issues).Message);
        Assert.Null(ReviewRequests.ParseJson("  \n"u8.ToArray()).Body);
    }

    [Fact]
    public void A_meeting_reads_its_four_fields()
    {
        var (input, issues) = ReviewRequests.ParseStep(ReviewSteps.Meetings, Body("""{"thon":" Thôn Đông ","ngay":"2025-11-03","thamDu":60,"dongY":30}"""));

        Assert.Empty(issues);
        Assert.Equal(new MeetingInput("Thôn Đông", new DateOnly(2025, 11, 3), 60, 30), input);
    }

    [Fact]
    public void A_meeting_with_missing_wrong_and_unknown_fields_lists_each_problem_where_it_is()
    {
        var issues = StepIssues(ReviewSteps.Meetings, """{"thon":"","ngay":"03/11/2025","thamDu":0}""");

        Assert.Equal(
        [
            new ReviewIssue("thon", "Không được để trống."),
            new ReviewIssue("ngay", "Phải là một ngày dạng YYYY-MM-DD."),
            new ReviewIssue("thamDu", "Phải từ 1 đến 100000; nhận được 0."),
            new ReviewIssue("dongY", "Thiếu trường này (một số nguyên từ 0 đến 100000)."),
        ], issues);
        Assert.Equal([new ReviewIssue("thamdu", "Không có trường này; các trường là: thon, ngay, thamDu, dongY.")],
            StepIssues(ReviewSteps.Meetings, """{"thon":"A","ngay":"2025-11-03","thamdu":5,"dongY":3}"""));
        Assert.Equal([new ReviewIssue("dongY", "Số người đồng ý (61) không thể lớn hơn số người tham dự (60).")],
            StepIssues(ReviewSteps.Meetings, """{"thon":"A","ngay":"2025-11-03","thamDu":60,"dongY":61}"""));
        Assert.Equal([new ReviewIssue("", "Thiếu nội dung: cần một đối tượng JSON với các trường thon, ngay, thamDu, dongY.")],
            ReviewRequests.ParseStep(ReviewSteps.Meetings, null).Issues);
    }

    [Fact]
    public void The_listing_takes_an_empty_body_or_an_empty_object_and_nothing_else()
    {
        Assert.IsType<ListingInput>(ReviewRequests.ParseStep(ReviewSteps.Listing, null).Input);
        Assert.IsType<ListingInput>(ReviewRequests.ParseStep(ReviewSteps.Listing, Body("{}")).Input);
        Assert.Equal([new ReviewIssue("ghiChu", "Bước này không có trường nào; hãy gửi {}.")], StepIssues(ReviewSteps.Listing, """{"ghiChu":"x"}"""));
        Assert.Equal([new ReviewIssue("", "Phải là một đối tượng JSON rỗng {}.")], StepIssues(ReviewSteps.Listing, "[]"));
    }

    [Fact]
    public void The_posting_s_end_is_computed_never_sent_and_its_length_is_optional()
    {
        Assert.Equal([new ReviewIssue("ketThuc", "Ngày kết thúc niêm yết được tính từ batDau và soNgayLamViec; không gửi trường này.")],
            StepIssues(ReviewSteps.Posting, """{"batDau":"2025-11-24","ketThuc":"2025-11-26"}"""));
        Assert.Equal(new PostingInput(new DateOnly(2025, 11, 24), null), ReviewRequests.ParseStep(ReviewSteps.Posting, Body("""{"batDau":"2025-11-24"}""")).Input);
        Assert.Equal(new PostingInput(new DateOnly(2025, 11, 24), 5), ReviewRequests.ParseStep(ReviewSteps.Posting, Body("""{"batDau":"2025-11-24","soNgayLamViec":5}""")).Input);
        Assert.Equal([new ReviewIssue("soNgayLamViec", "Phải từ 1 đến 30; nhận được 31.")], StepIssues(ReviewSteps.Posting, """{"batDau":"2025-11-24","soNgayLamViec":31}"""));
    }

    [Fact]
    public void Recheck_decision_and_reopening_read_their_fields()
    {
        Assert.Equal(new RecheckInput(0, new DateOnly(2025, 11, 26), "Không có đơn"), ReviewRequests.ParseStep(ReviewSteps.Recheck, Body("""{"soDon":0,"ngay":"2025-11-26","ketQua":"Không có đơn"}""")).Input);
        Assert.Equal(new DecisionInput("125/QĐ-UBND", new DateOnly(2025, 12, 1)), ReviewRequests.ParseStep(ReviewSteps.Decision, Body("""{"so":"125/QĐ-UBND","ngay":"2025-12-01"}""")).Input);
        Assert.Equal([new ReviewIssue("so", "Phải là một chuỗi.")], StepIssues(ReviewSteps.Decision, """{"so":125,"ngay":"2025-12-01"}"""));
        Assert.Equal([new ReviewIssue("lyDo", "Thiếu trường này (một chuỗi).")], StepIssues(ReviewSteps.Reopen, "{}"));

        // An empty reason reads; the domain rule refuses it ("reopen requires a reason").
        Assert.Equal(new ReopenInput(""), ReviewRequests.ParseStep(ReviewSteps.Reopen, Body("""{"lyDo":" "}""")).Input);
    }

    [Fact]
    public void A_start_without_a_body_takes_the_defaults()
    {
        var (request, issues) = ReviewRequests.ParseStart(null, Year, Communes, ReviewDefaults.Default);

        Assert.Empty(issues);
        Assert.Equal(3, request!.PostingDays);
        Assert.Equal(new DateOnly(2025, 12, 14), request.Milestones[ReviewSteps.Decision]);
        Assert.Equal(ReviewSteps.WithMilestone, request.Milestones.Keys.Order(Comparer<string>.Create((a, b) => ReviewSteps.Ordered.ToList().IndexOf(a) - ReviewSteps.Ordered.ToList().IndexOf(b))));
        Assert.Equal(ReminderPolicy.Default, request.Reminders);
        Assert.Null(request.Supervisor);
        Assert.Empty(request.Contacts);
    }

    [Fact]
    public void A_start_reads_milestones_posting_days_reminders_supervisor_and_contacts()
    {
        var (request, issues) = ReviewRequests.ParseStart(Body("""
            {"milestones": {"hop-dan": "2025-11-10", "niem-yet": "2025-11-20"},
             "postingWorkingDays": 5,
             "reminders": {"daysBefore": [3, 0], "escalateDaysAfter": [2], "timeOfDay": "07:30"},
             "supervisor": {"id": "so-nnmt", "name": "Sở Nông nghiệp và Môi trường", "email": "giamngheo@example.invalid"},
             "contacts": [{"communeCode": "00004", "email": "xa@example.invalid"}, {"communeCode": "00008", "name": "UBND phường", "webhook": "https://relay.example.invalid/zalo"}]}
            """), Year, Communes, ReviewDefaults.Default);

        Assert.Empty(issues);
        Assert.Equal(new DateOnly(2025, 11, 10), request!.Milestones[ReviewSteps.Meetings]);
        Assert.Equal(new DateOnly(2025, 9, 30), request.Milestones[ReviewSteps.Listing]);
        Assert.Equal(5, request.PostingDays);
        Assert.Equal([3, 0], request.Reminders.DaysBefore);
        Assert.Equal([2], request.Reminders.EscalateDaysAfter);
        Assert.Equal(new TimeOnly(7, 30), request.Reminders.TimeOfDay);
        Assert.Equal(new PlanContact("so-nnmt", "Sở Nông nghiệp và Môi trường", "giamngheo@example.invalid"), request.Supervisor);
        Assert.Equal([new CommuneContact("00004", null, "xa@example.invalid", null), new CommuneContact("00008", "UBND phường", null, "https://relay.example.invalid/zalo")], request.Contacts);
    }

    [Fact]
    public void Milestones_outside_the_window_out_of_order_or_for_unknown_steps_are_refused_where_they_are()
    {
        Assert.Equal(
        [
            new ReviewIssue("milestones.hop-dan", "Ngày 20/12/2025 nằm ngoài thời gian rà soát định kỳ 01/09/2025–14/12/2025 (Điều 3 QĐ 24/2021/QĐ-TTg)."),
            new ReviewIssue("milestones.phuc-tra", "Không có bước này hoặc bước này không có mốc thời gian; các bước có mốc: danh-sach, khao-sat, hop-dan, niem-yet, quyet-dinh."),
            new ReviewIssue("milestones.quyet-dinh", "Phải là một ngày dạng YYYY-MM-DD."),
        ], StartIssues("""{"milestones": {"hop-dan": "2025-12-20", "phuc-tra": "2025-11-30", "quyet-dinh": "14/12/2025"}}"""));
        Assert.Equal([new ReviewIssue("milestones.niem-yet", "Mốc 10/11/2025 sớm hơn mốc của bước trước (hop-dan: 15/11/2025).")],
            StartIssues("""{"milestones": {"niem-yet": "2025-11-10"}}"""));
    }

    [Fact]
    public void Contacts_must_name_a_commune_of_the_province_once_with_an_address()
    {
        Assert.Equal(
        [
            new ReviewIssue("contacts[0].communeCode", "Xã 99999 không thuộc tỉnh trong danh mục đơn vị hành chính của năm rà soát."),
            new ReviewIssue("contacts[2].communeCode", "Xã 00004 đã có trong danh sách liên hệ."),
            new ReviewIssue("contacts[3]", "Cần ít nhất một địa chỉ nhận nhắc việc: email hoặc webhook."),
            new ReviewIssue("contacts[4].email", "Phải là một địa chỉ email, ví dụ \"can-bo@example.vn\"."),
            new ReviewIssue("contacts[5].webhook", "Phải là một địa chỉ https:// đầy đủ."),
        ], StartIssues("""
            {"contacts": [{"communeCode": "99999", "email": "a@b.vn"}, {"communeCode": "00004", "email": "a@b.vn"}, {"communeCode": "00004", "email": "c@d.vn"},
                          {"communeCode": "00008"}, {"communeCode": "00025", "email": "khong-phai-email"}, {"communeCode": "00025", "webhook": "relay"}]}
            """));
    }

    [Fact]
    public void Bad_posting_days_reminders_and_unknown_fields_of_a_start_are_located()
    {
        Assert.Equal(
        [
            new ReviewIssue("postingWorkingDays", "Phải từ 1 đến 30; nhận được 0."),
            new ReviewIssue("reminders.daysBefore[1]", "Phải là một số nguyên từ 0 đến 60."),
            new ReviewIssue("reminders.timeOfDay", "Phải là giờ dạng HH:mm (giờ Việt Nam), ví dụ \"08:00\"."),
            new ReviewIssue("supervisor.name", "Thiếu trường này (một chuỗi)."),
        ], StartIssues("""{"postingWorkingDays": 0, "reminders": {"daysBefore": [7, -1], "timeOfDay": "8h"}, "supervisor": {"email": "a@b.vn"}}"""));
        Assert.Equal([new ReviewIssue("milestone", "Không có trường này; các trường là: milestones, postingWorkingDays, reminders, supervisor, contacts.")],
            StartIssues("""{"milestone": {}}"""));
    }

    [Fact]
    public void The_shipped_defaults_follow_the_step_order_inside_the_window_and_end_on_14_December()
    {
        var milestones = ReviewDefaults.Default.Milestones(ReviewYear.Of(2026));

        Assert.Equal(3, ReviewDefaults.Default.PostingWorkingDays);
        Assert.Equal(new DateOnly(2026, 12, 14), milestones[ReviewSteps.Decision]);
        var ordered = ReviewSteps.WithMilestone.Select(s => milestones[s]).ToList();
        Assert.Equal(ordered.Order(), ordered);
        Assert.All(ordered, d => Assert.True(ReviewYear.Of(2026).IsInReviewWindow(d)));
    }

    [Fact]
    public void Review_ids_round_trip_and_other_ids_are_not_reviews()
    {
        Assert.Equal("ra-soat-2025-01", ReviewSettings.IdOf(2025, "01"));
        Assert.True(ReviewSettings.TryParseId("ra-soat-2025-01", out var year, out var province));
        Assert.Equal((2025, "01"), (year, province));
        Assert.False(ReviewSettings.TryParseId("ra-soat-2025-001", out _, out _));
        Assert.False(ReviewSettings.TryParseId("thanh-liem-2021", out _, out _));
    }
}
