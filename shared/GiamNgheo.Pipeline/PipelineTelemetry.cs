using System.Diagnostics;

namespace GiamNgheo.Pipeline;

/// <summary>The pipeline's trace source: every scoring and export step is a span tagged with what it works on, so a
/// submission or a build can be followed across triggers, orchestrations and retries in Application Insights.</summary>
public static class PipelineTelemetry
{
    /// <summary>Name of the <see cref="ActivitySource"/> the hosts subscribe to.</summary>
    public const string SourceName = "GiamNgheo.Pipeline";

    /// <summary>Tag carrying the submission id.</summary>
    public const string SubmissionTag = "giamngheo.submission_id";

    /// <summary>Tag carrying the export build's orchestration instance id.</summary>
    public const string ExportBuildTag = "giamngheo.export_build";

    /// <summary>Tag carrying a commune code.</summary>
    public const string CommuneTag = "giamngheo.commune";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
