using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;

namespace GiamNgheo.Workflows.Reminders;

/// <summary>The words of a reminder: subject, plain text and HTML, in Vietnamese.</summary>
/// <param name="Subject">Subject line.</param>
/// <param name="Text">Plain-text body.</param>
/// <param name="Html">HTML body (names are encoded).</param>
public sealed record ComposedReminder(string Subject, string Text, string Html);

/// <summary>Writes reminders in Vietnamese: what is due, by when, and for the supervisor who is late.</summary>
public static class ReminderMessages
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    // Vietnamese letters stay readable in the HTML source; only markup characters are encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The message of a planned reminder sent on <paramref name="today"/> (local date).</summary>
    /// <remarks>Days are counted from the day it is sent, not from the point's offset: a point moved off a weekend, or sent
    /// late after an outage, still tells the reporter the truth.</remarks>
    public static ComposedReminder Compose(ReminderSubject subject, PlannedReminder reminder, DateOnly today)
    {
        var due = subject.Due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var weekday = Vietnamese.DateTimeFormat.GetDayName(subject.Due.DayOfWeek);
        var task = subject.Schedule.Kind == ScheduleRef.ReviewKind
            ? $"hoàn thành bước \"{subject.PeriodLabel}\" của đợt rà soát"
            : $"nộp báo cáo \"{subject.PeriodLabel}\"";
        var days = Math.Abs(subject.Due.DayNumber - today.DayNumber);
        // A due-day reminder moved to the Friday before a Sunday deadline is worded as a reminder before the deadline.
        var kind = reminder.Point.Kind == ReminderKind.DueToday && days > 0 ? ReminderKind.Before : reminder.Point.Kind;
        var (title, lines) = kind switch
        {
            ReminderKind.Before => ($"[Nhắc hạn] Còn {days} ngày: {task}",
                new[] { $"Kính gửi {reminder.Recipient.Name},", $"Hạn {task} theo {subject.Title} là {weekday}, ngày {due} (còn {days} ngày).", "Nếu đã gửi, xin bỏ qua thư này." }),
            ReminderKind.DueToday => ($"[Đến hạn hôm nay] {Capitalize(task)}",
                new[] { $"Kính gửi {reminder.Recipient.Name},", $"Hôm nay, {weekday} ngày {due}, là hạn {task} theo {subject.Title}.", "Báo cáo nhận trước 24 giờ hôm nay được tính là đúng hạn." }),
            ReminderKind.Overdue => ($"[Quá hạn {days} ngày] {Capitalize(task)}",
                new[] { $"Kính gửi {reminder.Recipient.Name},", $"Đã quá hạn {days} ngày: hạn {task} theo {subject.Title} là ngày {due}.", "Đề nghị gửi ngay; đơn vị chủ trì đã được thông báo danh sách chưa gửi." }),
            ReminderKind.LateSummary => ($"[Tổng hợp trễ hạn] {reminder.Late.Count} đơn vị chưa {task}",
                new[] { $"Kính gửi {reminder.Recipient.Name},", $"Quá hạn {days} ngày (hạn ngày {due}, {subject.Title}), {reminder.Late.Count}/{subject.Expected.Count} đơn vị chưa {task}:" }
                    .Concat(reminder.Late.Select(r => $"- {r.Name}"))
                    .ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(reminder), reminder.Point.Kind, null),
        };

        var text = new StringBuilder();
        foreach (var line in lines)
            text.AppendLine(line);
        text.AppendLine().AppendLine("Thư tự động của hệ thống GiamNgheo; xin không trả lời thư này.");

        var html = new StringBuilder("<!DOCTYPE html><html lang=\"vi\"><body>");
        var inList = false;
        foreach (var line in lines)
        {
            var item = line.StartsWith("- ", StringComparison.Ordinal);
            if (item != inList)
                html.Append(item ? "<ul>" : "</ul>");
            inList = item;
            html.Append(item ? $"<li>{Html.Encode(line[2..])}</li>" : $"<p>{Html.Encode(line)}</p>");
        }

        if (inList)
            html.Append("</ul>");
        html.Append("<p style=\"color:#666\">Thư tự động của hệ thống GiamNgheo; xin không trả lời thư này.</p></body></html>");
        return new ComposedReminder($"{title} – {subject.Title}", text.ToString(), html.ToString());
    }

    private static string Capitalize(string text) => char.ToUpper(text[0], Vietnamese) + text[1..];
}
