namespace GiamNgheo.Rules.AdminUnits;

/// <summary>One (pre-reform commune → 2025 commune) pair of the 2025 reorganisation.</summary>
/// <param name="OldCode">Legacy commune code (valid up to 2025-06-30).</param>
/// <param name="NewCode">Two-tier commune code (valid from 2025-07-01).</param>
/// <param name="Kind">
/// split (the old commune was divided; one row per receiving unit, shares unknown),
/// merge (wholly absorbed into a unit formed from several), unchanged, or rename (one-to-one with a new name or type).
/// </param>
public sealed record CommuneMapping(string OldCode, string NewCode, string Kind);
