using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace GiamNgheo.Notifications;

/// <summary>Sends messages as email over SMTP with MailKit: UTF-8, multipart/alternative (plain text and HTML), a Message-Id
/// derived from (Source, Key).</summary>
/// <remarks>One connection per message: reminders come in tens per minute at most, and a fresh connection never inherits a
/// broken one's state.</remarks>
public sealed class EmailChannel : IMessageChannel
{
    /// <summary>Header naming the message's source, for a receiver's filters (non-ASCII is RFC 2047-encoded).</summary>
    public const string SourceHeader = "X-GiamNgheo-Source";

    /// <summary>Header naming the message's key within its source.</summary>
    public const string KeyHeader = "X-GiamNgheo-Key";

    private readonly SmtpOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the channel with the SMTP settings and the clock that dates messages.</summary>
    public EmailChannel(SmtpOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <inheritdoc />
    public DeliveryChannel Channel => DeliveryChannel.Email;

    /// <summary>The MIME message sent for <paramref name="message"/>; public so tests and tools can see exactly what goes out.</summary>
    /// <exception cref="ParseException">The recipient or sender address is not an email address.</exception>
    public static MimeMessage BuildMessage(OutgoingMessage message, string messageId, SmtpOptions options, DateTimeOffset now)
    {
        var sender = MailboxAddress.Parse(options.SenderAddress ?? string.Empty);
        sender.Name = options.SenderName;
        var recipient = MailboxAddress.Parse(message.Recipient.Address);
        recipient.Name = message.Recipient.Name;

        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = now,
            // A duplicate sent again after a crash (accepted, then not recorded) carries the same id, so a receiving server or
            // client that de-duplicates by Message-Id drops it.
            MessageId = messageId + "@" + (options.MessageIdDomain ?? sender.Domain),
        };
        mime.From.Add(sender);
        mime.To.Add(recipient);
        mime.Headers.Add(SourceHeader, Encoding.UTF8, message.Source);
        mime.Headers.Add(KeyHeader, Encoding.UTF8, message.Key);

        var text = Utf8Part("plain", message.TextBody);
        mime.Body = string.IsNullOrEmpty(message.HtmlBody)
            ? text
            : new MultipartAlternative { text, Utf8Part("html", message.HtmlBody) };
        return mime;
    }

    /// <inheritdoc />
    public async Task<ChannelResult> SendAsync(OutgoingMessage message, string messageId, CancellationToken cancellationToken)
    {
        if (!_options.IsConfigured)
            return ChannelResult.Transient("Chưa cấu hình máy chủ gửi thư (Smtp__Host, Smtp__SenderAddress).");

        MimeMessage mime;
        try
        {
            mime = BuildMessage(message, messageId, _options, _time.GetUtcNow());
        }
        catch (ParseException)
        {
            return MailboxAddress.TryParse(_options.SenderAddress, out _)
                ? ChannelResult.Permanently($"Địa chỉ email người nhận không hợp lệ: {message.Recipient.Address}")
                : ChannelResult.Transient($"Địa chỉ người gửi trong cấu hình không hợp lệ: {_options.SenderAddress}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, _options.Timeout.TotalMilliseconds) };
        var server = $"{_options.Host}:{_options.Port.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            await client.ConnectAsync(_options.Host!, _options.Port, ToMailKit(_options.Security), timeout.Token).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_options.UserName))
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? string.Empty, timeout.Token).ConfigureAwait(false);
            await client.SendAsync(mime, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ChannelResult.Transient($"Máy chủ gửi thư {server} không trả lời trong {_options.Timeout.TotalSeconds:0} giây.");
        }
        catch (SmtpCommandException e)
        {
            return Rejected(e);
        }
        catch (AuthenticationException e)
        {
            return ChannelResult.Transient($"Máy chủ gửi thư {server} từ chối đăng nhập (kiểm tra Smtp__UserName, Smtp__Password): {e.Message}");
        }
        catch (SslHandshakeException e)
        {
            return ChannelResult.Transient($"Không thiết lập được kết nối TLS với máy chủ gửi thư {server}: {FirstLine(e.Message)}");
        }
        catch (SocketException e)
        {
            return ChannelResult.Transient($"Không kết nối được máy chủ gửi thư {server}: {e.Message}");
        }
        catch (Exception e) when (e is TimeoutException || e.InnerException is TimeoutException)
        {
            // MailKit's own per-operation timeout (the same length) can fire just before the overall one.
            return ChannelResult.Transient($"Máy chủ gửi thư {server} không trả lời trong {_options.Timeout.TotalSeconds:0} giây.");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or ServiceNotConnectedException or NotSupportedException)
        {
            // NotSupportedException: e.g. StartTls required but the server does not offer it.
            return ChannelResult.Transient($"Lỗi giao tiếp với máy chủ gửi thư {server}: {e.Message}");
        }

        // The message is accepted: a failed QUIT, even a cancelled one, changes nothing for the recipient, and the success must
        // be recorded.
        try
        {
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
        }

        return ChannelResult.Success;
    }

    private static ChannelResult Rejected(SmtpCommandException e)
    {
        var code = (int)e.StatusCode;
        var permanent = code >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
        var what = e.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => "người nhận " + e.Mailbox?.Address,
            SmtpErrorCode.SenderNotAccepted => "người gửi " + e.Mailbox?.Address,
            SmtpErrorCode.MessageNotAccepted => "thư",
            _ => "lệnh",
        };
        var text = $"Máy chủ gửi thư từ chối {what} ({code.ToString(CultureInfo.InvariantCulture)}): {e.Message}";
        return permanent ? ChannelResult.Permanently(text) : ChannelResult.Transient(text);
    }

    private static TextPart Utf8Part(string subtype, string text)
    {
        var part = new TextPart(subtype);
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.Auto,
    };
}
