using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Workflows.Plans;

/// <summary>A reporting plan as an xlsx form an officer fills in: the template (blank or pre-filled) and the reader.</summary>
/// <remarks>
/// Sheets: <c>HuongDan</c> (instructions), <c>KeHoach</c> (one row per plan field: label, value, help), <c>DonViBaoCao</c>
/// (one reporter per row), <c>KyBaoCao</c> (one period per row) and <c>ChiTieu</c> (targets, optional). Headers are
/// Vietnamese with the machine key in parentheses, "Hạn nộp * (due)", the survey template's convention, and the reader
/// finds columns by that key. Reading gives the same <see cref="ReportingPlan"/> as the JSON, checked by the same
/// <see cref="PlanValidator"/>, with every problem located as "sheet KyBaoCao, dòng 5, cột C (due)" (rows as Excel shows
/// them). A plan written to the form and read back is the same plan.
/// </remarks>
public static class PlanForm
{
    /// <summary>Largest form accepted, in bytes: a full plan is a few tens of kilobytes.</summary>
    public const int MaxFileBytes = 5 << 20;

    /// <summary>Writes the blank form to <paramref name="output"/> (left open), with the year filled in when given and the default reminders.</summary>
    public static void WriteTemplate(Stream output, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        PlanFormWriter.Write(output, null, year);
    }

    /// <summary>Writes the form pre-filled with <paramref name="plan"/>, for an officer to correct and upload again.</summary>
    public static void Write(Stream output, ReportingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        PlanFormWriter.Write(output, plan, plan.Year);
    }

    /// <summary>Reads a filled-in form; a stream that cannot seek is buffered (up to <see cref="MaxFileBytes"/>).</summary>
    /// <param name="input">The xlsx file.</param>
    /// <param name="units">The administrative units; <see cref="AdminUnitCatalog.Default"/> when null.</param>
    public static PlanReadResult Read(Stream input, AdminUnitCatalog? units = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.CanSeek)
            return PlanFormReader.Read(input, units);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes)
                return PlanFormReader.TooLarge();
        }

        buffer.Position = 0;
        return PlanFormReader.Read(buffer, units);
    }

    /// <summary>Reads a filled-in form from a stream that may not seek (an HTTP upload), buffering it without blocking.</summary>
    public static async Task<PlanReadResult> ReadAsync(Stream input, AdminUnitCatalog? units = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes)
                return PlanFormReader.TooLarge();
        }

        buffer.Position = 0;
        return PlanFormReader.Read(buffer, units);
    }
}
