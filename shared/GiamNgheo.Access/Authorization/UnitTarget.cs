using GiamNgheo.Rules.Calendar;

namespace GiamNgheo.Access.Authorization;

/// <summary>The administrative unit a request touches, in the year whose reference date resolves which units contain it.</summary>
/// <param name="Code">Province (2 digits), pre-2025 district (3) or commune (5).</param>
/// <param name="Year">The review year: a scope covers the communes inside it on this year's reference date.</param>
public readonly record struct UnitTarget(string Code, ReviewYear Year);
