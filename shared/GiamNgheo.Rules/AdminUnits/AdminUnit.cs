namespace GiamNgheo.Rules.AdminUnits;

/// <summary>One version of an administrative unit: a code with the name, type and parents it had over a date range.</summary>
/// <param name="Level">Tier of the unit.</param>
/// <param name="Code">Zero-padded digit string (2 digits for provinces, 3 for districts, 5 for communes).</param>
/// <param name="Name">Official name including the type prefix, e.g. "Phường Ba Đình". For display only; never join on it.</param>
/// <param name="Type">ASCII type code: tinh, thanh_pho, quan, huyen, thi_xa, thanh_pho_thuoc_tinh, phuong, xa, thi_tran or dac_khu.</param>
/// <param name="ProvinceCode">Province the unit belongs to in this version; a province's own code for provinces.</param>
/// <param name="DistrictCode">Parent district of a pre-reform commune; null for provinces, districts and two-tier communes.</param>
/// <param name="ValidFrom">First day of this version, inclusive; null when the start is unknown (the legacy list is a snapshot, not a history).</param>
/// <param name="ValidTo">Last day of this version, inclusive; null while still in force.</param>
public sealed record AdminUnit(
    AdminLevel Level,
    string Code,
    string Name,
    string Type,
    string ProvinceCode,
    string? DistrictCode,
    DateOnly? ValidFrom,
    DateOnly? ValidTo)
{
    /// <summary>Whether this version was in force on <paramref name="date"/> (both ends inclusive).</summary>
    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is not { } from || date >= from) && (ValidTo is not { } to || date <= to);
}
