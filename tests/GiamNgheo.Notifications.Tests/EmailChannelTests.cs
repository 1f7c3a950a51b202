using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace GiamNgheo.Notifications.Tests;

/// <summary>The email channel talking real SMTP to netDumbster, an SMTP server in the test process.</summary>
public sealed class EmailChannelTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2021, 6, 3, 1, 0, 5, TimeSpan.Zero);
    private readonly SimpleSmtpServer _server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    public void Dispose() => _server.Dispose();

    private SmtpOptions Options => new()
    {
        Host = "127.0.0.1",
        Port = _server.Configuration.Port,
        Security = SmtpSecurity.None,
        SenderAddress = "giamngheo@hanam.example",
        SenderName = "Sở Nông nghiệp và Môi trường tỉnh Hà Nam",
    };

    [Fact]
    public async Task Email_arrives_with_the_vietnamese_subject_both_parts_in_utf8_and_a_message_id_from_source_and_key()
    {
        var channel = new EmailChannel(Options, new FakeTimeProvider(Now));

        var result = await channel.SendAsync(Messages.Email("thanh-liem-2021", "6-thang|phong-y-te|nhac-truoc|7"), "gn-0123abcd", CancellationToken.None);

        Assert.Equal(ChannelResult.Success, result);
        var mime = Received(Assert.Single(_server.ReceivedEmail));
        Assert.Equal(Messages.Subject, mime.Subject);
        Assert.Equal("gn-0123abcd@hanam.example", mime.MessageId);
        Assert.Equal("phong-y-te@thanhliem.example", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Equal("Phòng Y tế huyện Thanh Liêm", Assert.Single(mime.To.Mailboxes).Name);
        Assert.Equal("Sở Nông nghiệp và Môi trường tỉnh Hà Nam", Assert.Single(mime.From.Mailboxes).Name);
        Assert.Equal(Now, mime.Date);
        Assert.Equal("thanh-liem-2021", mime.Headers[EmailChannel.SourceHeader]);
        Assert.Equal("6-thang|phong-y-te|nhac-truoc|7", mime.Headers[EmailChannel.KeyHeader]);

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        var parts = alternative.OfType<TextPart>().ToList();
        Assert.Equal(["plain", "html"], parts.Select(p => p.ContentType.MediaSubtype));
        Assert.All(parts, p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));
        Assert.Equal(Messages.Text, parts[0].Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
        Assert.Equal(Messages.Html, parts[1].Text.TrimEnd('\r', '\n'));
    }

    [Fact]
    public async Task The_subject_travels_encoded_so_any_server_carries_the_diacritics()
    {
        var channel = new EmailChannel(Options, new FakeTimeProvider(Now));

        await channel.SendAsync(Messages.Email("s", "k"), "gn-1", CancellationToken.None);

        var raw = Assert.Single(_server.ReceivedEmail).Data;
        var subjectLine = raw.Split("\r\n").Single(l => l.StartsWith("Subject:", StringComparison.Ordinal));
        Assert.Contains("=?utf-8?", subjectLine, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_message_without_html_is_a_single_plain_text_part()
    {
        var channel = new EmailChannel(Options, new FakeTimeProvider(Now));

        await channel.SendAsync(Messages.Email("s", "k", html: null), "gn-1", CancellationToken.None);

        var part = Assert.IsType<TextPart>(Received(Assert.Single(_server.ReceivedEmail)).Body);
        Assert.True(part.IsPlain);
        Assert.Contains("Phòng Y tế", part.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_message_is_built_with_the_same_message_id_every_time()
    {
        var message = Messages.Email("thanh-liem-2021", "nam|phong-y-te|qua-han|1");

        var first = EmailChannel.BuildMessage(message, "gn-42", Options, Now);
        var second = EmailChannel.BuildMessage(message, "gn-42", Options, Now.AddHours(2));

        Assert.Equal(first.MessageId, second.MessageId);
    }

    [Fact]
    public async Task An_invalid_recipient_address_fails_for_good_without_connecting()
    {
        var channel = new EmailChannel(Options, new FakeTimeProvider(Now));

        var result = await channel.SendAsync(Messages.Email("s", "k", address: "không phải địa chỉ"), "gn-1", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(result.Permanent);
        Assert.StartsWith("Địa chỉ email người nhận không hợp lệ", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.ReceivedEmail);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_failure_worth_retrying()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var channel = new EmailChannel(Options with { Port = port }, new FakeTimeProvider(Now));

        var result = await channel.SendAsync(Messages.Email("s", "k"), "gn-1", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Permanent);
        Assert.StartsWith($"Không kết nối được máy chủ gửi thư 127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_without_a_configured_server_is_a_failure_worth_retrying()
    {
        var channel = new EmailChannel(new SmtpOptions(), new FakeTimeProvider(Now));

        var result = await channel.SendAsync(Messages.Email("s", "k"), "gn-1", CancellationToken.None);

        Assert.False(result.Permanent);
        Assert.Contains("Smtp__Host", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_for_good_fails_for_good()
    {
        await using var server = await RefusingSmtpServer.StartAsync("550 5.1.1 <phong-y-te@thanhliem.example>: Recipient address rejected");
        var channel = new EmailChannel(Options with { Port = server.Port }, new FakeTimeProvider(Now));

        var result = await channel.SendAsync(Messages.Email("s", "k"), "gn-1", CancellationToken.None);

        Assert.True(result.Permanent);
        Assert.StartsWith("Máy chủ gửi thư từ chối người nhận phong-y-te@thanhliem.example (550)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_for_now_is_a_failure_worth_retrying()
    {
        await using var server = await RefusingSmtpServer.StartAsync("451 4.3.0 Try again later");
        var channel = new EmailChannel(Options with { Port = server.Port }, new FakeTimeProvider(Now));

        var result = await channel.SendAsync(Messages.Email("s", "k"), "gn-1", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Permanent);
        Assert.Contains("(451)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_a_failure_worth_retrying()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var channel = new EmailChannel(Options with { Port = port, Timeout = TimeSpan.FromMilliseconds(500) }, TimeProvider.System);

        var result = await channel.SendAsync(Messages.Email("s", "k"), "gn-1", CancellationToken.None);

        Assert.False(result.Permanent);
        Assert.Contains("không trả lời", result.Error, StringComparison.Ordinal);
    }

    private static MimeMessage Received(netDumbster.smtp.SmtpMessage message) =>
        MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(message.Data)));
}
