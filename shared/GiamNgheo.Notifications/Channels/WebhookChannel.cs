using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace GiamNgheo.Notifications;

/// <summary>Sends messages as a signed JSON POST (see <see cref="WebhookSignature"/>), so a province can relay them to its own
/// messaging (e.g. a Zalo OA). Any 2xx answer is success; anything else is a failed attempt.</summary>
/// <remarks>The body: <c>{"source", "key", "messageId", "kind", "recipient": {"id", "name", "address"}, "subject", "text",
/// "data": {…}, "labels": {…}, "dueAt"}</c> (UTF-8, <c>dueAt</c> ISO 8601 UTC). The HTTP client comes from
/// <see cref="IHttpClientFactory"/> under <see cref="HttpClientName"/>; register it without automatic redirects, so a
/// redirect is a failure instead of a POST silently turned into a GET.</remarks>
public sealed class WebhookChannel : IMessageChannel
{
    /// <summary>The named HTTP client the channel asks the factory for.</summary>
    public const string HttpClientName = "GiamNgheo.Webhook";

    // Vietnamese stays readable in the body; HTML-sensitive characters are still escaped.
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private readonly IHttpClientFactory _clients;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the channel with the HTTP client factory, the signing settings and the clock that stamps signatures.</summary>
    public WebhookChannel(IHttpClientFactory clients, WebhookOptions options, TimeProvider time)
    {
        _clients = clients;
        _options = options;
        _time = time;
    }

    /// <inheritdoc />
    public DeliveryChannel Channel => DeliveryChannel.Webhook;

    /// <summary>The exact body bytes sent (and signed) for <paramref name="message"/>.</summary>
    public static byte[] BuildBody(OutgoingMessage message, string messageId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            json.WriteString("source", message.Source);
            json.WriteString("key", message.Key);
            json.WriteString("messageId", messageId);
            json.WriteString("kind", message.Kind);
            json.WriteStartObject("recipient");
            json.WriteString("id", message.Recipient.Id);
            json.WriteString("name", message.Recipient.Name);
            json.WriteString("address", message.Recipient.Address);
            json.WriteEndObject();
            json.WriteString("subject", message.Subject);
            json.WriteString("text", message.TextBody);
            json.WritePropertyName("data");
            if (message.Data is null)
            {
                json.WriteStartObject();
                json.WriteEndObject();
            }
            else
            {
                message.Data.WriteTo(json);
            }

            json.WriteStartObject("labels");
            foreach (var (name, value) in message.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
                json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteString("dueAt", message.DueAt.UtcDateTime);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <inheritdoc />
    public async Task<ChannelResult> SendAsync(OutgoingMessage message, string messageId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.SigningKey))
            return ChannelResult.Transient("Chưa cấu hình khoá ký webhook (Webhook__SigningKey).");
        if (!Uri.TryCreate(message.Recipient.Address, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            return ChannelResult.Permanently($"Địa chỉ webhook không hợp lệ (cần một URL http hoặc https): {message.Recipient.Address}");

        var body = BuildBody(message, messageId);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_options.SigningKey, timestamp, body));
        request.Headers.Add(WebhookSignature.MessageIdHeader, messageId);

        // Only scheme and host in errors: a relay URL may carry a token in its path or query.
        var receiver = url.GetLeftPart(UriPartial.Authority);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var client = _clients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
                return ChannelResult.Success;
            var text = $"Webhook {receiver} trả lời {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}";
            // 410 Gone is the receiver saying it will never take this again; everything else may be fixed in time.
            return response.StatusCode == HttpStatusCode.Gone ? ChannelResult.Permanently(text) : ChannelResult.Transient(text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ChannelResult.Transient($"Webhook {receiver} không trả lời trong {_options.Timeout.TotalSeconds:0} giây.");
        }
        catch (HttpRequestException e)
        {
            return ChannelResult.Transient($"Không gọi được webhook {receiver}: {e.Message}");
        }
    }
}
