using GiamNgheo.Pipeline.Reports;

namespace GiamNgheo.Workflows.Review;

/// <summary>The communes whose chairman's decision is in force, from the review's stored state (for the <c>bien-dong</c> report).</summary>
public sealed class ReviewDecisions(ReviewStore reviews) : IDecisionRecords
{
    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> DecidedCommunesAsync(int year, string provinceCode, CancellationToken cancellationToken)
    {
        var communes = await reviews.CommunesAsync(year, provinceCode, cancellationToken).ConfigureAwait(false);
        return communes.Where(c => c.Decision is not null).Select(c => c.CommuneCode).ToHashSet(StringComparer.Ordinal);
    }
}
