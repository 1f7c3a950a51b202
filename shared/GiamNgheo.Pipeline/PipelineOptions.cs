namespace GiamNgheo.Pipeline;

/// <summary>Operational limits of the pipeline.</summary>
public sealed record PipelineOptions
{
    /// <summary>The defaults used in Azure.</summary>
    public static PipelineOptions Default { get; } = new();

    /// <summary>Scoring attempts before a submission is marked failed; matches the host's default for blob and queue triggers.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>A submission received or processing with no change for this long is scored again by the sweeper.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Household batches written at once while a survey is scored.</summary>
    public int WriteParallelism { get; init; } = 4;

    /// <summary>Communes' household digests read at once for a report: enough that the next blob read overlaps the parsing
    /// of the current one (docs/benchmarks.md, reports), while memory holds at most this many communes' digests.</summary>
    public int ReportReadParallelism { get; init; } = 8;
}
