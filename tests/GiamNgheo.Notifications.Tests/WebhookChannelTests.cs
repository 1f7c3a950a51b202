using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace GiamNgheo.Notifications.Tests;

/// <summary>The webhook channel posting to a real local HTTP receiver, and the signature a receiver checks.</summary>
public sealed class WebhookChannelTests : IDisposable
{
    private const string Key = "khoá-bí-mật-của-tỉnh";
    private static readonly DateTimeOffset Now = new(2021, 6, 3, 1, 0, 5, TimeSpan.Zero);
    private readonly NoRedirectClients _clients = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _clients.Dispose();

    private WebhookChannel Channel(string? key = Key) => new(_clients, new WebhookOptions { SigningKey = key }, _time);

    [Fact]
    public async Task Webhook_posts_the_message_as_json_with_a_signature_the_receiver_verifies()
    {
        using var receiver = new WebhookReceiver();

        var result = await Channel().SendAsync(Messages.Webhook("thanh-liem-2021", "6-thang|phong-y-te|nhac-truoc|7", receiver.Url), "gn-77", CancellationToken.None);

        Assert.Equal(ChannelResult.Success, result);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/relay/zalo?token=bi-mat", request.PathAndQuery);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers[WebhookSignature.TimestampHeader]);
        Assert.Equal("gn-77", request.Headers[WebhookSignature.MessageIdHeader]);
        Assert.Matches("^sha256=[0-9a-f]{64}$", request.Headers[WebhookSignature.SignatureHeader]);
        Assert.True(WebhookSignature.Verify(Key, request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader], request.Body, Now.AddSeconds(3)));

        var json = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("thanh-liem-2021", json.GetProperty("source").GetString());
        Assert.Equal("6-thang|phong-y-te|nhac-truoc|7", json.GetProperty("key").GetString());
        Assert.Equal("nhac-truoc", json.GetProperty("kind").GetString());
        Assert.Equal("phong-y-te", json.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal("Phòng Y tế huyện Thanh Liêm", json.GetProperty("recipient").GetProperty("name").GetString());
        Assert.Equal(Messages.Subject, json.GetProperty("subject").GetString());
        Assert.Equal(Messages.Text, json.GetProperty("text").GetString());
        Assert.Equal("2021-06-10", json.GetProperty("data").GetProperty("due").GetString());
        Assert.Equal(7, json.GetProperty("data").GetProperty("daysBefore").GetInt32());
        Assert.Equal("6-thang", json.GetProperty("labels").GetProperty("periodId").GetString());
        Assert.Equal("2021-06-03T01:00:00Z", json.GetProperty("dueAt").GetString());
        // Vietnamese is written as UTF-8, not as \u escapes, so a relay's logs stay readable.
        Assert.Contains("Phòng Y tế", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_body_a_wrong_key_or_an_old_timestamp_does_not_verify()
    {
        using var receiver = new WebhookReceiver();
        await Channel().SendAsync(Messages.Webhook("s", "k", receiver.Url), "gn-1", CancellationToken.None);
        var request = Assert.Single(receiver.Requests);
        var timestamp = request.Headers[WebhookSignature.TimestampHeader];
        var signature = request.Headers[WebhookSignature.SignatureHeader];

        var tampered = (byte[])request.Body.Clone();
        var at = Array.IndexOf(tampered, (byte)'7');
        tampered[at] = (byte)'9';

        Assert.True(WebhookSignature.Verify(Key, timestamp, signature, request.Body, Now));
        Assert.False(WebhookSignature.Verify(Key, timestamp, signature, tampered, Now));
        Assert.False(WebhookSignature.Verify("khoá-khác", timestamp, signature, request.Body, Now));
        Assert.False(WebhookSignature.Verify(Key, (long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), signature, request.Body, Now));
        Assert.False(WebhookSignature.Verify(Key, timestamp, signature, request.Body, Now.AddMinutes(6)));
        Assert.False(WebhookSignature.Verify(Key, timestamp, "sha256=zz", request.Body, Now));
        Assert.False(WebhookSignature.Verify(Key, null, signature, request.Body, Now));
    }

    [Fact]
    public void The_signature_is_the_hmac_of_timestamp_dot_body_as_documented()
    {
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Key));
        var expected = "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes("1622682005.{\"a\":1}")));

        Assert.Equal(expected, WebhookSignature.Sign(Key, 1622682005, body));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Gone, true)]
    public async Task A_non_2xx_answer_is_a_failed_attempt(HttpStatusCode answer, bool permanent)
    {
        using var receiver = new WebhookReceiver(answer);

        var result = await Channel().SendAsync(Messages.Webhook("s", "k", receiver.Url), "gn-1", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(permanent, result.Permanent);
        Assert.StartsWith($"Webhook http://127.0.0.1:", result.Error, StringComparison.Ordinal);
        Assert.Contains($"trả lời {(int)answer}", result.Error, StringComparison.Ordinal);
        // The relay's token stays out of the outbox.
        Assert.DoesNotContain("bi-mat", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_a_failed_attempt_not_a_post_turned_into_a_get()
    {
        using var target = new WebhookReceiver();
        using var receiver = new WebhookReceiver(HttpStatusCode.Found, target.Url);

        var result = await Channel().SendAsync(Messages.Webhook("s", "k", receiver.Url), "gn-1", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task A_receiver_that_is_down_is_a_failure_worth_retrying()
    {
        string url;
        using (var gone = new WebhookReceiver())
            url = gone.Url;

        var result = await Channel().SendAsync(Messages.Webhook("s", "k", url), "gn-1", CancellationToken.None);

        Assert.False(result.Permanent);
        Assert.StartsWith("Không gọi được webhook http://127.0.0.1:", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relay.example/zalo")]
    [InlineData("ftp://relay.example/zalo")]
    [InlineData("phong-y-te@thanhliem.example")]
    public async Task An_address_that_is_no_http_url_fails_for_good(string address)
    {
        var result = await Channel().SendAsync(Messages.Webhook("s", "k", address), "gn-1", CancellationToken.None);

        Assert.True(result.Permanent);
        Assert.StartsWith("Địa chỉ webhook không hợp lệ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_signing_key_nothing_is_sent_and_the_attempt_can_be_retried()
    {
        using var receiver = new WebhookReceiver();

        var result = await Channel(key: null).SendAsync(Messages.Webhook("s", "k", receiver.Url), "gn-1", CancellationToken.None);

        Assert.False(result.Permanent);
        Assert.Contains("Webhook__SigningKey", result.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }
}
