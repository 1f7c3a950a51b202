namespace GiamNgheo.Access.Authorization;

/// <summary>What a request asks to do; <see cref="AccessPolicy"/> grants each to roles over units.</summary>
public enum Operation
{
    /// <summary>Blank forms (survey template, plan form): any signed-in person.</summary>
    ReadForms,

    /// <summary>Upload a commune's survey.</summary>
    UploadSurvey,

    /// <summary>Read a submission's status and row errors (its messages quote cells of the survey).</summary>
    ReadSubmission,

    /// <summary>Read a commune's household list (codes, classes, explanations).</summary>
    ReadHouseholds,

    /// <summary>See the head of household's name in that list (the public posting needs it).</summary>
    ReadHeadNames,

    /// <summary>Read the counts of a commune, district or province.</summary>
    ReadSummary,

    /// <summary>Download a province's pseudonymised extract.</summary>
    DownloadExport,

    /// <summary>Read a commune's review steps or a province's review progress.</summary>
    ReadReview,

    /// <summary>Record a commune's ordinary review step (list, survey, meeting, posting, appeal).</summary>
    RecordReviewStep,

    /// <summary>Start a province's review, lock a commune's lists by the decision, reopen them.</summary>
    ControlReview,

    /// <summary>Read a plan, its periods and who reported.</summary>
    ReadPlan,

    /// <summary>Create, edit and publish plans; mark a report received.</summary>
    ManagePlans,

    /// <summary>Read a plan's reminders (with recipients' addresses) and reporting rates.</summary>
    ReadPlanReports,

    /// <summary>Submit a period report for a reporter of a plan.</summary>
    SubmitReport,

    /// <summary>Read the audit log.</summary>
    ReadAudit,
}
