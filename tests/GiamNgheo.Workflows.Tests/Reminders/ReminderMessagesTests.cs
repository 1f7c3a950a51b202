using GiamNgheo.Workflows.Plans;
using GiamNgheo.Workflows.Reminders;

namespace GiamNgheo.Workflows.Tests.Reminders;

public sealed class ReminderMessagesTests
{
    private static readonly ReminderRecipient Supervisor = new("phong-ldtbxh", "Phòng LĐ-TB&XH", "ldtbxh@example.invalid", null);
    private static readonly ReminderRecipient Reporter = new("phong-y-te", "Phòng Y tế <huyện>", "yte@example.invalid", null);

    private static ReminderSubject Subject(DateOnly due) => new(
        new ScheduleRef(ScheduleRef.PlanKind, "thanh-liem-2021"), "Kế hoạch 125/KH-UBND", "6-thang", "6 tháng đầu năm", due,
        ReminderPolicy.Default, Supervisor, [Reporter], new Dictionary<string, DateTimeOffset>());

    private static PlannedReminder Planned(ReminderKind kind, int days, ReminderRecipient? to = null, IReadOnlyList<ReminderRecipient>? late = null) =>
        new(to ?? Reporter, new ReminderPoint(kind, days, DateTimeOffset.UnixEpoch), "k", late ?? []);

    [Fact]
    public void A_reminder_counts_the_days_left_from_the_day_it_is_sent()
    {
        // The 3-day point of a Monday deadline moved to Friday: four days are left, and the text says so.
        var words = ReminderMessages.Compose(Subject(new DateOnly(2021, 6, 14)), Planned(ReminderKind.Before, 3), new DateOnly(2021, 6, 10));

        Assert.StartsWith("[Nhắc hạn] Còn 4 ngày: nộp báo cáo \"6 tháng đầu năm\"", words.Subject, StringComparison.Ordinal);
        Assert.Contains("ngày 14/06/2021 (còn 4 ngày)", words.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_due_day_reminder_moved_before_a_weekend_deadline_is_not_worded_as_today()
    {
        var words = ReminderMessages.Compose(Subject(new DateOnly(2021, 6, 13)), Planned(ReminderKind.DueToday, 0), new DateOnly(2021, 6, 11));

        Assert.StartsWith("[Nhắc hạn] Còn 2 ngày", words.Subject, StringComparison.Ordinal);
        Assert.Contains("Chủ Nhật", words.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_late_summary_lists_who_is_late_and_names_are_encoded_in_html()
    {
        var late = new[] { Reporter, new ReminderRecipient("xa-13321", "UBND xã Thanh Hà", "x@example.invalid", null) };
        var words = ReminderMessages.Compose(Subject(new DateOnly(2021, 6, 10)), Planned(ReminderKind.LateSummary, 3, Supervisor, late), new DateOnly(2021, 6, 13));

        Assert.Equal("[Tổng hợp trễ hạn] 2 đơn vị chưa nộp báo cáo \"6 tháng đầu năm\" – Kế hoạch 125/KH-UBND", words.Subject);
        Assert.Contains("- UBND xã Thanh Hà", words.Text, StringComparison.Ordinal);
        Assert.Contains("<li>Phòng Y tế &lt;huyện&gt;</li>", words.Html, StringComparison.Ordinal);
        Assert.Contains("<ul>", words.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<huyện>", words.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overdue_notice_says_how_many_days_late()
    {
        var words = ReminderMessages.Compose(Subject(new DateOnly(2021, 6, 10)), Planned(ReminderKind.Overdue, 1), new DateOnly(2021, 6, 11));

        Assert.StartsWith("[Quá hạn 1 ngày] Nộp báo cáo", words.Subject, StringComparison.Ordinal);
    }
}
