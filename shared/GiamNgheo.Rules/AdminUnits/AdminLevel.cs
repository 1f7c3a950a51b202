namespace GiamNgheo.Rules.AdminUnits;

/// <summary>Tier of an administrative unit; districts exist only before the 2025-07-01 reform.</summary>
public enum AdminLevel
{
    Province,
    District,
    Commune,
}
