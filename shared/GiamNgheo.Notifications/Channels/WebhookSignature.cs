using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GiamNgheo.Notifications;

/// <summary>The webhook's HMAC-SHA256 signature (Stripe-style: the timestamp is signed with the body, so a captured request cannot
/// be replayed later). Receivers verify with <see cref="Verify"/> or its few lines in any language.</summary>
/// <remarks>
/// How a receiver verifies a request:
/// <list type="number">
/// <item>Read the raw body bytes exactly as received (before any JSON parsing) and the headers <c>X-GiamNgheo-Timestamp</c>
/// (Unix seconds) and <c>X-GiamNgheo-Signature</c> (<c>sha256=</c> and 64 lowercase hex digits).</item>
/// <item>Compute HMAC-SHA256 with the shared key (its UTF-8 bytes) over the ASCII timestamp, a dot, then the body bytes:
/// <c>HMAC(key, timestamp + "." + body)</c>; hex-encode it in lowercase.</item>
/// <item>Compare with the header's hex in constant time; refuse a mismatch, and refuse a timestamp more than 5 minutes from
/// the receiver's clock.</item>
/// <item>Drop duplicates by <c>X-GiamNgheo-Message-Id</c>: after a crash between the receiver's 2xx and the outbox's record,
/// the same message is sent again with the same id (and a new timestamp and signature).</item>
/// </list>
/// </remarks>
public static class WebhookSignature
{
    /// <summary>The signature header: <c>sha256=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-GiamNgheo-Signature";

    /// <summary>The timestamp header: Unix seconds when the request was signed.</summary>
    public const string TimestampHeader = "X-GiamNgheo-Timestamp";

    /// <summary>The message's stable id, the same for every attempt of one message.</summary>
    public const string MessageIdHeader = "X-GiamNgheo-Message-Id";

    /// <summary>The largest clock difference <see cref="Verify"/> accepts by default.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string Prefix = "sha256=";

    /// <summary>The signature header value for a body signed at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string key, long timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Mac(key, timestamp, body));

    /// <summary>True when the signature matches the key, timestamp and exact body, and the timestamp is within
    /// <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string key, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(key) || signatureHeader is null || !signatureHeader.StartsWith(Prefix, StringComparison.Ordinal)
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > (tolerance ?? DefaultTolerance).TotalSeconds)
            return false;

        byte[] given;
        try
        {
            given = Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(key, timestamp, body));
    }

    private static byte[] Mac(string key, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(key));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
