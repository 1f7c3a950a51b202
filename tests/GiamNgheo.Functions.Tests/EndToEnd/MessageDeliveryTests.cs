using System.Net;
using System.Text;
using GiamNgheo.LocalHost;
using GiamNgheo.Notifications;
using GiamNgheo.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>Message delivery through the local host: an outbox message is picked up by the deliver-message queue trigger and
/// arrives at a real (in-process) SMTP server, configured through the app settings as ./run.sh configures maildev.</summary>
public sealed class MessageDeliveryTests
{
    [Fact]
    public async Task An_enqueued_email_arrives_at_the_smtp_server_through_the_deliver_message_function()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await LocalFunctionHost.StartAsync(
            new LocalHostOptions { Port = 0, StorageConnectionString = azurite.ConnectionString, PollInterval = TimeSpan.FromMilliseconds(100), DevelopmentKeyFile = TestTokens.Shared.KeyFile },
            builder =>
            {
                // The app settings as environment variables spell them (Smtp__Host), read through IConfiguration.
                builder.Configuration["Smtp:Host"] = "127.0.0.1";
                builder.Configuration["Smtp:Port"] = smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                builder.Configuration["Smtp:Security"] = "None";
                builder.Configuration["Smtp:SenderAddress"] = "giamngheo@localhost";
                builder.Configuration["Smtp:SenderName"] = "Hệ thống giảm nghèo (thử nghiệm)";
            });
        var outbox = host.App.Services.GetRequiredService<Outbox>();
        var message = new OutgoingMessage(
            "thanh-liem-2021", "6-thang|phong-y-te|nhac-truoc|7", DeliveryChannel.Email,
            new MessageRecipient("phong-y-te", "Phòng Y tế", "phong-y-te@thanhliem.example"),
            "Nhắc nộp báo cáo 6 tháng đầu năm: còn 7 ngày", "Kính gửi Phòng Y tế, đề nghị gửi báo cáo trước ngày 10/06/2021.",
            "<p>Kính gửi <b>Phòng Y tế</b></p>", DateTimeOffset.UtcNow)
        { Kind = "nhac-truoc" };

        var enqueued = await outbox.EnqueueAsync(message, CancellationToken.None);
        Assert.True(enqueued.Created);

        var entry = await WaitAsync(() => outbox.GetAsync(message.Source, message.Key, CancellationToken.None), e => e?.Status.IsFinal() == true);
        Assert.Equal(MessageStatus.Sent, entry!.Status);
        var mime = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Assert.Single(smtp.ReceivedEmail).Data)));
        Assert.Equal("Nhắc nộp báo cáo 6 tháng đầu năm: còn 7 ngày", mime.Subject);
        Assert.Equal("Hệ thống giảm nghèo (thử nghiệm)", Assert.Single(mime.From.Mailboxes).Name);
        Assert.Equal(entry.MessageId + "@localhost", mime.MessageId);

        // Enqueued again (a retried activity): nothing more is sent.
        Assert.False((await outbox.EnqueueAsync(message, CancellationToken.None)).Created);
        await Task.Delay(1000);
        Assert.Single(smtp.ReceivedEmail);
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Still not done: {value}");
            await Task.Delay(100);
        }
    }
}
