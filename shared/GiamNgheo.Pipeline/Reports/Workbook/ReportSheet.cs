namespace GiamNgheo.Pipeline.Reports.Workbook;

/// <summary>One sheet of the reports workbook: a report laid out as a printable Vietnamese form (docs/reports.md).</summary>
/// <remarks>A sheet only says what its table holds; <see cref="ReportWorkbook"/> adds the title block, the signature blocks
/// and the print setup, the same for every sheet. Adding a report to the workbook is one subclass and one line in
/// <see cref="ReportWorkbook.Sheets"/>.</remarks>
public abstract class ReportSheet
{
    /// <summary>The sheet's name: the report's name in <c>/reports/{report}</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The form's title, upper case as official forms print it.</summary>
    public abstract string Title { get; }

    /// <summary>Which official form the layout follows, and how sure that is.</summary>
    public abstract ReportForm Form { get; }

    /// <summary>The table of the unit's report, or null when the report has nothing for the year (no national standard).</summary>
    public abstract Task<SheetTable?> TableAsync(ReportWorkbookContext context, CancellationToken cancellationToken);
}

/// <summary>The identity of the form a sheet's layout follows.</summary>
/// <param name="Number">What is printed in the form-number corner, e.g. "Biểu thiếu hụt".</param>
/// <param name="Source">The legal or methodological source of the layout.</param>
/// <param name="Unconfirmed">What of the layout is not confirmed against the source text; null when everything is.</param>
public sealed record ReportForm(string Number, string Source, string? Unconfirmed);

/// <summary>The content of a report sheet.</summary>
/// <param name="Units">The units of measure line, e.g. "hộ, %".</param>
/// <param name="Facts">Label–value lines printed above the table (totals, headline measures).</param>
/// <param name="Columns">The table's columns.</param>
/// <param name="Rows">One list of cell values per row, in column order (text, numbers or null).</param>
/// <param name="Notes">Definitions and caveats printed under the table.</param>
public sealed record SheetTable(
    string Units,
    IReadOnlyList<SheetFact> Facts,
    IReadOnlyList<SheetColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    IReadOnlyList<string> Notes);

/// <summary>A label and its value above a table.</summary>
/// <param name="Label">Vietnamese label.</param>
/// <param name="Value">The value (a number or text).</param>
/// <param name="Format">Excel number format of the value; null for text or a whole number.</param>
public sealed record SheetFact(string Label, object Value, string? Format = null);

/// <summary>A column of a report table.</summary>
/// <param name="Header">Vietnamese header, with its unit where the column has one.</param>
/// <param name="Width">Width in characters (set explicitly: ClosedXML cannot measure text on Linux).</param>
/// <param name="Format">Excel number format; null for text.</param>
public sealed record SheetColumn(string Header, double Width, string? Format = null);

/// <summary>What the sheets of one workbook are computed from.</summary>
/// <param name="Reports">The reports service.</param>
/// <param name="Unit">The unit.</param>
/// <param name="UnitName">Its official name, e.g. "Xã Đắk Tờ Re".</param>
/// <param name="Plans">The unit's published plans of the year (for <c>chi-tieu</c>).</param>
/// <param name="Changes">What the start of the period is read from (for <c>bien-dong</c> and <c>chi-tieu</c>).</param>
public sealed record ReportWorkbookContext(UnitReports Reports, ReportUnit Unit, string UnitName, IReadOnlyList<ReportPlan> Plans, ChangeSources Changes)
{
    private Task<ChangeReport?>? _changeReport;

    /// <summary>The unit's <c>bien-dong</c> report, computed once for the two sheets that need it (changes, and the targets'
    /// start of the period).</summary>
    public Task<ChangeReport?> ChangeReportAsync(CancellationToken cancellationToken) =>
        _changeReport ??= Reports.ChangesAsync(Unit, Changes, cancellationToken);
}

/// <summary>Number formats shared by the sheets.</summary>
internal static class SheetFormats
{
    public const string Count = "#,##0";
    public const string Percent = "0.00";
    public const string Fraction = "0.0000";
}
