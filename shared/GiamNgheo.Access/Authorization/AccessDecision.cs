namespace GiamNgheo.Access.Authorization;

/// <summary>Whether a request may go ahead, and if not why, in Vietnamese.</summary>
/// <param name="Allowed">True when the caller may do it.</param>
/// <param name="Reason">Why not (null when allowed).</param>
public readonly record struct AccessDecision(bool Allowed, string? Reason)
{
    /// <summary>The request may go ahead.</summary>
    public static AccessDecision Allow { get; } = new(true, null);

    /// <summary>The request is refused for this reason.</summary>
    public static AccessDecision Deny(string reason) => new(false, reason);
}
