using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;

namespace GiamNgheo.Pipeline.Exports;

/// <summary>Writes the province's Power BI model for analysts: as one workbook with a named Excel table per entity (the
/// earlier <c>HoGiaDinh</c>, <c>DonVi</c>, <c>ThieuHut</c> unchanged, new columns at their end) and as one Parquet file per
/// entity (<see cref="PowerBiModel"/>, docs/power-bi.md).</summary>
/// <remarks>Streams row by row, so memory does not grow with the province. Households carry a keyed pseudonym
/// (<c>ma_ho_an_danh</c>) instead of their code, and results whose explanations name no one; never a name or a citizen ID.</remarks>
public sealed class ProvinceWorkbook
{
    private readonly PowerBiModel _model;

    /// <summary>Creates the writer.</summary>
    public ProvinceWorkbook(AdminUnitCatalog units, StandardCatalog standards, HouseholdPseudonymiser pseudonymiser)
    {
        _model = new PowerBiModel(units, standards, pseudonymiser);
    }

    /// <summary>Writes the workbook of a manifest: every commune's households (as <paramref name="households"/> yields them, in
    /// manifest order, twice) and the other tables of the model.</summary>
    public Task WriteAsync(Stream output, ExportManifest manifest, Func<ExportCommune, IAsyncEnumerable<HouseholdRecord>> households, CancellationToken cancellationToken) =>
        WriteAsync(output, null, manifest, households, cancellationToken);

    /// <summary>Writes the workbook to <paramref name="output"/> and, when <paramref name="parquet"/> is given, the same model as
    /// Parquet files into that folder.</summary>
    public async Task WriteAsync(Stream output, ParquetStarOutput? parquet, ExportManifest manifest, Func<ExportCommune, IAsyncEnumerable<HouseholdRecord>> households, CancellationToken cancellationToken)
    {
        var workbook = await XlsxStarOutput.CreateAsync(output, cancellationToken).ConfigureAwait(false);
        await _model.WriteAsync(manifest, households, workbook, parquet, cancellationToken).ConfigureAwait(false);
        await workbook.FinishAsync(cancellationToken).ConfigureAwait(false);
    }
}
