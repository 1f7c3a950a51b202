using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace GiamNgheo.Pipeline.Privacy;

/// <summary>Gives each household the key analysts see instead of its code: HMAC-SHA256 under <see cref="PseudonymKey"/> of
/// the commune code and the household code (<c>ma_ho</c>).</summary>
/// <remarks>
/// The same household gets the same pseudonym every year its commune keeps its code and the household its <c>ma_ho</c>,
/// so it can be followed from year to year; without the key the pseudonym cannot be turned back into a code, nor checked
/// against a guessed one. The commune code is that of the review year (after aliases), not the province's: a commune code
/// is unique in the country, and province codes changed in 2025 for communes that did not. Across the 2025 reform every
/// commune got a new code, so households are followed within 2022–2024 and from 2025 on, not across (ADR 0009).
/// </remarks>
public sealed class HouseholdPseudonymiser(PseudonymKey key)
{
    /// <summary>Hex digits of a pseudonym: 128 bits, collision-free in practice for every household of every year.</summary>
    public const int Length = 32;

    // Versioned so that another identity (say, with a household link across 2025) never collides with these pseudonyms.
    private const string Domain = "giamngheo-ho-v1";

    private const byte Separator = 0x1F;

    // Messages up to this many bytes are built on the stack; household codes are far shorter.
    private const int StackMessageBytes = 256;

    // One keyed HMAC kept between calls: a one-shot HMAC sets the key up again for every household (half of its cost at
    // a million households, docs/benchmarks.md). Taken out while in use, so concurrent callers never share it.
    private IncrementalHash? _idle;

    /// <summary>The key's non-secret name, for build fingerprints.</summary>
    public string KeyId => key.Id;

    /// <summary>The pseudonym of household <paramref name="householdCode"/> of commune <paramref name="communeCode"/>.</summary>
    public string Pseudonymise(string communeCode, string householdCode)
    {
        // The commune code has a fixed length, so no two (commune, household) pairs share a message.
        var household = householdCode.Normalize(NormalizationForm.FormC);
        var maxLength = Domain.Length + 2 + Encoding.UTF8.GetMaxByteCount(communeCode.Length + household.Length);
        byte[]? rented = null;
        var message = maxLength <= StackMessageBytes ? stackalloc byte[StackMessageBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        var length = Encoding.UTF8.GetBytes(Domain, message);
        message[length++] = Separator;
        length += Encoding.UTF8.GetBytes(communeCode, message[length..]);
        message[length++] = Separator;
        length += Encoding.UTF8.GetBytes(household, message[length..]);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var hmac = Interlocked.Exchange(ref _idle, null) ?? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Bytes);
        hmac.AppendData(message[..length]);
        hmac.GetHashAndReset(mac);
        if (Interlocked.CompareExchange(ref _idle, hmac, null) is not null)
            hmac.Dispose();
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
        return Convert.ToHexStringLower(mac[..(Length / 2)]);
    }
}
