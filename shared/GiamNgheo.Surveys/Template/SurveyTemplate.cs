using ClosedXML.Excel;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Schema;

namespace GiamNgheo.Surveys.Template;

/// <summary>Writes the blank survey workbook (.xlsx) that commune officers download, fill in and upload for one review year.</summary>
/// <remarks>
/// The workbook has the sheets <c>huong_dan</c> (instructions and the standard of the year), <c>thong_tin</c>, <c>ho</c> and
/// <c>thanh_vien</c>. The <c>ho</c> sheet offers only the indicator flags of that year's national standard, and Excel data
/// validation catches at typing time most of what the upload would reject.
/// </remarks>
public static class SurveyTemplate
{
    /// <summary>Writes the template of <paramref name="year"/> to <paramref name="output"/>, which is left open.</summary>
    /// <exception cref="ArgumentException">No national standard of <paramref name="standards"/> covers the year.</exception>
    public static void Write(Stream output, int year, StandardCatalog standards)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(standards);
        var standard = standards.NationalFor(year) ?? throw new ArgumentException(NoStandardMessage(year, standards), nameof(year));

        var sheets = TemplateLayout.SheetsFor(standard, year);
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"Mẫu phiếu rà soát hộ nghèo, hộ cận nghèo năm {year}";
        InstructionsSheet.Write(workbook.AddWorksheet(TemplateLayout.InstructionsSheet), year, standard, standards, sheets);
        foreach (var sheet in sheets)
            DataSheetWriter.Write(workbook.AddWorksheet(sheet.Name), sheet, year);

        // Prefilled so that a forgotten year or review kind cannot silently mismatch the upload.
        var info = workbook.Worksheet(SurveySchema.InfoSheet);
        info.Cell(2, ColumnNumber(SurveySchema.Info, "nam")).SetValue(year);
        info.Cell(2, ColumnNumber(SurveySchema.Info, "ky_ra_soat")).SetValue("dinh_ky");

        workbook.SaveAs(output);
    }

    private static string NoStandardMessage(int year, StandardCatalog standards)
    {
        var years = standards.NationalYears().ToList();
        return years.Count == 0
            ? $"No national poverty standard covers review year {year}: the catalog has no national standard."
            : $"No national poverty standard covers review year {year}; the catalog covers {years.Min()}–{years.Max()}.";
    }

    private static int ColumnNumber(SurveySheet sheet, string key) =>
        sheet.Columns.ToList().FindIndex(c => c.Key == key) + 1;
}
