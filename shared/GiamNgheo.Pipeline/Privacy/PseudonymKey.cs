using System.Security.Cryptography;

namespace GiamNgheo.Pipeline.Privacy;

/// <summary>The secret that keys household pseudonyms: at least 32 random bytes, given as base64.</summary>
/// <remarks>Whoever holds it can confirm a guessed household code, so it lives in Key Vault in Azure and never in a file
/// or an export. Changing it changes every pseudonym: households can then no longer be followed across the change.</remarks>
public sealed class PseudonymKey
{
    /// <summary>The shortest key accepted, in bytes: the output size of HMAC-SHA256.</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _bytes;

    private PseudonymKey(byte[] bytes)
    {
        _bytes = bytes;
        // Not secret: names the key in build fingerprints so that a new key means new workbooks, and tells nothing of it.
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(bytes, "giamngheo-pseudonym-key-id"u8))[..16];
    }

    /// <summary>A non-secret name of the key (16 hex digits), the same for the same key.</summary>
    public string Id { get; }

    internal ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Reads a key from its base64 text.</summary>
    /// <exception cref="FormatException">Not base64, or shorter than <see cref="MinimumBytes"/> bytes; the message never quotes it.</exception>
    public static PseudonymKey FromBase64(string text)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("The pseudonym key is not base64.");
        }

        return bytes.Length >= MinimumBytes
            ? new PseudonymKey(bytes)
            : throw new FormatException($"The pseudonym key has {bytes.Length} bytes; at least {MinimumBytes} random bytes are needed.");
    }

    /// <summary>A new random key (for tests and for an operator creating the secret).</summary>
    public static PseudonymKey Generate() => new(RandomNumberGenerator.GetBytes(MinimumBytes));

    /// <summary>The key as base64, as the setting holds it.</summary>
    public string ToBase64() => Convert.ToBase64String(_bytes);

    /// <inheritdoc />
    public override string ToString() => $"PseudonymKey {Id}";
}
