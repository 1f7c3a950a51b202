using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GiamNgheo.LocalHost;
using GiamNgheo.Testing;
using GiamNgheo.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The whole reminder path through the local host on Azurite: publish a plan → mail in a real SMTP inbox →
/// a report → no more mail for that reporter; the host killed while a timer waits → restarted → the next reminder once.</summary>
/// <remarks>The app's clock is real time shifted so that the plan's 1-day point falls seconds ahead; durable timers run in
/// real time and wait what the round planned on the app's clock, so the two advance together.</remarks>
public sealed class PlanReminderTests
{
    // Due Wednesday 10 June 2026 at 08:00: 3 days before is Sunday 7 June, moved to Friday 5 June; 1 day before is Tuesday 9 June.
    private static readonly DateTimeOffset OneDayBefore = VietnamTime.At(new DateOnly(2026, 6, 9), new TimeOnly(8, 0));

    [Fact]
    public async Task Publish_mails_the_latest_point_a_report_stops_mail_and_a_killed_host_sends_the_next_point_once_after_restart()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var azurite = await AzuriteServer.StartAsync();
        var clock = new ShiftedClock(OneDayBefore.AddSeconds(-12));
        var host = await StartAsync(azurite, smtp.Configuration.Port, clock);
        try
        {
            using var client = Client(host);
            var created = await client.PostAsync(new Uri("/api/plans", UriKind.Relative), new StringContent(PlanJson, Encoding.UTF8, "application/json"));
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            using (var published = await client.PostAsync(new Uri("/api/plans/ke-hoach-thu/publish", UriKind.Relative), null))
                Assert.Equal(HttpStatusCode.OK, published.StatusCode);

            await WaitAsync(() => smtp.ReceivedEmailCount == 2, "the two 3-day reminders");
            using var form = new MultipartFormDataContent { { new ByteArrayContent("Báo cáo 6 tháng"u8.ToArray()), "file", "bao-cao.docx" } };
            using var submitted = await client.PostAsync(new Uri("/api/plans/ke-hoach-thu/periods/6-thang/reports/so-y-te", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            Assert.Equal("dung-han", JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }
        finally
        {
            // Killed while the workflow's timer waits for the 1-day point.
            await host.StopAsync(abort: true);
        }

        host = await StartAsync(azurite, smtp.Configuration.Port, clock);
        await using (host)
        {
            using var client = Client(host);
            await WaitAsync(() => smtp.ReceivedEmailCount >= 3, "the 1-day reminder after the restart");
            await Task.Delay(TimeSpan.FromSeconds(3));

            var mails = smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();
            Assert.Equal(3, mails.Count);
            Assert.Equal(3, mails.Select(m => m.MessageId).Distinct().Count());
            // The 3-day point was sent late on the 9th, so every mail tells the truth: one day left.
            Assert.All(mails, m => Assert.StartsWith("[Nhắc hạn] Còn 1 ngày: nộp báo cáo \"6 tháng đầu năm\"", m.Subject, StringComparison.Ordinal));
            var perRecipient = mails.GroupBy(m => Assert.Single(m.To.Mailboxes).Address).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(1, perRecipient["soyte@example.invalid"]);
            Assert.Equal(2, perRecipient["sogd@example.invalid"]);

            var period = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/plans/ke-hoach-thu/periods/6-thang", UriKind.Relative));
            var reporters = period.GetProperty("reporters").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
            Assert.Equal("dung-han", reporters["so-y-te"].GetProperty("status").GetString());
            Assert.Equal("chua-nop", reporters["so-gd-dt"].GetProperty("status").GetString());
            Assert.Equal(2, reporters["so-gd-dt"].GetProperty("reminders").GetArrayLength());

            var reminders = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/plans/ke-hoach-thu/reminders", UriKind.Relative));
            var list = reminders.GetProperty("reminders").EnumerateArray().ToList();
            Assert.Equal(3, list.Count);
            Assert.All(list, r => Assert.Equal("da-gui", r.GetProperty("status").GetString()));
            Assert.All(list, r => Assert.Equal("nhac-truoc", r.GetProperty("kind").GetString()));

            var rate = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/plans/ke-hoach-thu/reporting-rate", UriKind.Relative));
            var first = rate.GetProperty("periods")[0];
            Assert.Equal(2, first.GetProperty("expected").GetInt32());
            Assert.Equal(1, first.GetProperty("submitted").GetInt32());
            Assert.Equal(50m, first.GetProperty("reportingRate").GetDecimal());
        }
    }

    private const string PlanJson = """
        {"id": "ke-hoach-thu", "title": "Kế hoạch thử", "year": 2026, "unitCode": "01",
         "supervisor": {"id": "so-nn-mt", "name": "Sở Nông nghiệp và Môi trường", "email": "so@example.invalid"},
         "reporters": [{"id": "so-y-te", "name": "Sở Y tế", "email": "soyte@example.invalid"},
                       {"id": "so-gd-dt", "name": "Sở Giáo dục và Đào tạo", "email": "sogd@example.invalid"}],
         "periods": [{"id": "6-thang", "label": "6 tháng đầu năm", "due": "2026-06-10"}],
         "reminders": {"daysBefore": [3, 1], "escalateDaysAfter": [1], "timeOfDay": "08:00"}}
        """;

    private static Task<LocalFunctionHost> StartAsync(AzuriteServer azurite, int smtpPort, TimeProvider clock) =>
        LocalFunctionHost.StartAsync(
            new LocalHostOptions { Port = 0, StorageConnectionString = azurite.ConnectionString, PollInterval = TimeSpan.FromMilliseconds(100), DevelopmentKeyFile = TestTokens.Shared.KeyFile },
            builder =>
            {
                builder.Configuration["Smtp:Host"] = "127.0.0.1";
                builder.Configuration["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
                builder.Configuration["Smtp:Security"] = "None";
                builder.Configuration["Smtp:SenderAddress"] = "giamngheo@localhost";
                builder.Services.AddSingleton<TimeProvider>(clock);
            });

    private static HttpClient Client(LocalFunctionHost host) => TestTokens.Shared.Client(host.BaseAddress);

    private static async Task WaitAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited 60 s for {what}.");
            await Task.Delay(100);
        }
    }
}
