namespace GiamNgheo.Rules.Standards;

/// <summary>Where a household lives for the purpose of the income line: rural or urban.</summary>
/// <remarks>Stored per household, never derived from the commune type: after 2025 the thị trấn are gone and
/// the rule for classifying areas is unconfirmed (rule book §6.2).</remarks>
public enum AreaType
{
    /// <summary>Khu vực nông thôn (survey code <c>nong_thon</c>).</summary>
    Rural,

    /// <summary>Khu vực thành thị / đô thị (survey code <c>thanh_thi</c>).</summary>
    Urban,
}

/// <summary>A pair of values, one for rural and one for urban areas.</summary>
public sealed record ByArea<T>(T Rural, T Urban)
{
    /// <summary>The value for the given area.</summary>
    public T For(AreaType area) => area == AreaType.Urban ? Urban : Rural;
}

/// <summary>An income band open below and closed above: <c>Above &lt; x ≤ UpTo</c> ("trên X đến Y").</summary>
public sealed record IncomeBand(long Above, long UpTo)
{
    /// <summary>Whether the value lies inside the band, compared exactly.</summary>
    public bool Contains(decimal value) => value > Above && value <= UpTo;
}
