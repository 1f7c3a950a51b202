using GiamNgheo.Access.Callers;

namespace GiamNgheo.Access.Tokens;

/// <summary>The outcome of checking a bearer token: the verified caller, or why the token is refused (Vietnamese).</summary>
/// <param name="Caller">The caller when the token is valid.</param>
/// <param name="Failure">Why it is not, for the 401 answer; never the token or key material.</param>
public readonly record struct TokenCheck(Caller? Caller, string? Failure)
{
    /// <summary>A valid token's caller.</summary>
    public static TokenCheck Valid(Caller caller) => new(caller, null);

    /// <summary>A refused token.</summary>
    public static TokenCheck Refused(string failure) => new(null, failure);
}
