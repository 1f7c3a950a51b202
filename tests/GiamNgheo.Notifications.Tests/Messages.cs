using System.Text.Json.Nodes;

namespace GiamNgheo.Notifications.Tests;

/// <summary>Messages as the reminders render them.</summary>
internal static class Messages
{
    public const string Subject = "Nhắc nộp báo cáo 6 tháng đầu năm: còn 7 ngày (hạn 10/06/2021)";

    public const string Text = "Kính gửi Phòng Y tế,\nĐề nghị quý cơ quan gửi báo cáo kết quả thực hiện giảm nghèo 6 tháng đầu năm trước ngày 10/06/2021.\nTrân trọng.";

    public const string Html = "<p>Kính gửi <b>Phòng Y tế</b>,</p><p>Đề nghị quý cơ quan gửi báo cáo kết quả thực hiện giảm nghèo 6 tháng đầu năm trước ngày <b>10/06/2021</b>.</p>";

    public static OutgoingMessage Email(string source, string key, string address = "phong-y-te@thanhliem.example", string? html = Html) =>
        new(source, key, DeliveryChannel.Email, new MessageRecipient("phong-y-te", "Phòng Y tế huyện Thanh Liêm", address), Subject, Text, html,
            new DateTimeOffset(2021, 6, 3, 1, 0, 0, TimeSpan.Zero))
        {
            Kind = "nhac-truoc",
            Data = new JsonObject { ["periodId"] = "6-thang", ["due"] = "2021-06-10", ["daysBefore"] = 7 },
            Labels = new Dictionary<string, string> { ["periodId"] = "6-thang", ["reporterId"] = "phong-y-te" },
        };

    public static OutgoingMessage Webhook(string source, string key, string url) =>
        Email(source, key) with { Channel = DeliveryChannel.Webhook, Recipient = new MessageRecipient("phong-y-te", "Phòng Y tế huyện Thanh Liêm", url) };
}
