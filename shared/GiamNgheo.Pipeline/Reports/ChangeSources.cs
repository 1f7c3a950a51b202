using GiamNgheo.Pipeline.Changes;
using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Pipeline.Reports;

/// <summary>Which communes have the chairman's decision (<c>quyet-dinh</c>) on their list recorded for a year: the review
/// workflow knows, the reports only ask.</summary>
public interface IDecisionRecords
{
    /// <summary>The codes of the province's communes whose decision for the year is in force.</summary>
    Task<IReadOnlySet<string>> DecidedCommunesAsync(int year, string provinceCode, CancellationToken cancellationToken);
}

/// <summary>What the <c>bien-dong</c> report reads besides the counted lists: uploaded start lists and declarations, the
/// administrative units with the 2025 commune mapping, and the recorded decisions.</summary>
/// <param name="Lists">Uploaded start-of-period lists and declared changes.</param>
/// <param name="Units">The catalogue, for the 2025 mapping and the provinces of pre-2025 communes.</param>
/// <param name="Decisions">The recorded chairman's decisions.</param>
public sealed record ChangeSources(ChangeListStore Lists, AdminUnitCatalog Units, IDecisionRecords Decisions);
