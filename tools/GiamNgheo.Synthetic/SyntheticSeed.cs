namespace GiamNgheo.Synthetic;

/// <summary>Derives independent <see cref="Random"/> seeds from the user's seed.</summary>
internal static class SyntheticSeed
{
    /// <summary>The commune's traits.</summary>
    public const int ProfileStream = 0;

    /// <summary>Household sizes alone, so the header's person total can be summed before any row is written.</summary>
    public const int SizeStream = 1;

    /// <summary>Everything else about the households.</summary>
    public const int DetailStream = 2;

    /// <summary>A seed for stream <paramref name="salt"/> of <paramref name="seed"/>.</summary>
    /// <remarks>SplitMix64 finalizer: <see cref="Random"/> seeded with neighbouring integers starts with correlated draws,
    /// and communes and streams are exactly neighbouring integers. Unlike <see cref="HashCode"/> it is the same in every process.</remarks>
    public static int Derive(int seed, int salt)
    {
        var z = (((ulong)(uint)seed << 32) | (uint)salt) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
