namespace GiamNgheo.Pipeline.Submissions;

/// <summary>Where a submission is in its life.</summary>
public enum SubmissionStatus
{
    /// <summary>Stored, waiting to be scored.</summary>
    Received,

    /// <summary>Being scored.</summary>
    Processing,

    /// <summary>Scored without errors; its households count when it is the commune's latest scored file.</summary>
    Scored,

    /// <summary>The file has errors the officer must fix; nothing of it counts.</summary>
    Rejected,

    /// <summary>Scoring kept failing for reasons outside the file (e.g. storage); the raw file is kept and can be resubmitted.</summary>
    Failed,
}

/// <summary>Stable codes of <see cref="SubmissionStatus"/> used in storage and the API.</summary>
public static class SubmissionStatuses
{
    /// <summary>The stable code.</summary>
    public static string Code(this SubmissionStatus status) => status switch
    {
        SubmissionStatus.Received => "received",
        SubmissionStatus.Processing => "processing",
        SubmissionStatus.Scored => "scored",
        SubmissionStatus.Rejected => "rejected",
        _ => "failed",
    };

    /// <summary>Parses a stable code.</summary>
    public static SubmissionStatus Parse(string code) => code switch
    {
        "received" => SubmissionStatus.Received,
        "processing" => SubmissionStatus.Processing,
        "scored" => SubmissionStatus.Scored,
        "rejected" => SubmissionStatus.Rejected,
        "failed" => SubmissionStatus.Failed,
        _ => throw new FormatException($"Unknown submission status '{code}'."),
    };

    /// <summary>True when nothing more will happen to the submission by itself.</summary>
    public static bool IsFinal(this SubmissionStatus status) => status is SubmissionStatus.Scored or SubmissionStatus.Rejected or SubmissionStatus.Failed;
}
