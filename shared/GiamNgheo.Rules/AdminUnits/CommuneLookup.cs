namespace GiamNgheo.Rules.AdminUnits;

/// <summary>Result of resolving a commune code on a date, keeping the code the caller sent.</summary>
/// <param name="Unit">The commune version in force on the requested date.</param>
/// <param name="RequestedCode">The code as given; differs from <c>Unit.Code</c> when it was an alias.</param>
/// <param name="ViaAlias">True when the code is a known alternative spelling of the code (e.g. 06978 for 06970), so callers can store the canonical code and warn.</param>
public sealed record CommuneLookup(AdminUnit Unit, string RequestedCode, bool ViaAlias);
