using System.Text;

namespace GiamNgheo.Surveys.Reading;

/// <summary>Whether an issue stops the survey from being scored.</summary>
public enum IssueSeverity
{
    /// <summary>The survey is rejected; nothing is scored or counted.</summary>
    Error,

    /// <summary>The survey is scored; the officer should check the row.</summary>
    Warning,
}

/// <summary>A problem found in a survey, located by sheet, row and column, with a Vietnamese message.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Sheet">Sheet name (xlsx) or file name (CSV); null for the file as a whole.</param>
/// <param name="Row">Row number as the officer sees it in Excel (the header is row 1).</param>
/// <param name="Column">Column letter (xlsx) or number (CSV).</param>
/// <param name="Key">The column's machine key, when known.</param>
/// <param name="Message">What is wrong and how to fix it, in Vietnamese.</param>
public sealed record SurveyIssue(IssueSeverity Severity, string? Sheet, int? Row, string? Column, string? Key, string Message)
{
    /// <summary>One line: "Lỗi — sheet ho, dòng 5, cột G (thu_nhap_binh_quan): …".</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Severity == IssueSeverity.Error ? "Lỗi" : "Cảnh báo");
        var place = new List<string>(3);
        if (Sheet is not null)
            place.Add($"sheet {Sheet}");
        if (Row is not null)
            place.Add($"dòng {Row}");
        if (Column is not null || Key is not null)
            place.Add(Key is null ? $"cột {Column}" : Column is null ? $"cột {Key}" : $"cột {Column} ({Key})");
        if (place.Count > 0)
            text.Append(" — ").AppendJoin(", ", place);
        return text.Append(": ").Append(Message).ToString();
    }
}

/// <summary>The issues of one survey: counts of everything, details of the first few thousand.</summary>
/// <remarks>A broken 200,000-row file can produce millions of errors; the officer needs the first ones and the totals.</remarks>
public sealed class SurveyIssues
{
    private readonly List<SurveyIssue> _listed = [];

    /// <summary>Creates a list that keeps at most <paramref name="maxListed"/> issues of each severity.</summary>
    public SurveyIssues(int maxListed = 1000) => MaxListed = maxListed;

    /// <summary>How many issues of each severity are kept in detail.</summary>
    public int MaxListed { get; }

    /// <summary>All errors found.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>All warnings found.</summary>
    public int WarningCount { get; private set; }

    /// <summary>Whether the survey must be rejected.</summary>
    public bool HasErrors => ErrorCount > 0;

    /// <summary>The issues kept in detail, in the order found.</summary>
    public IReadOnlyList<SurveyIssue> Listed => _listed;

    /// <summary>The errors kept in detail.</summary>
    public IEnumerable<SurveyIssue> Errors => _listed.Where(i => i.Severity == IssueSeverity.Error);

    /// <summary>The warnings kept in detail.</summary>
    public IEnumerable<SurveyIssue> Warnings => _listed.Where(i => i.Severity == IssueSeverity.Warning);

    /// <summary>Records an issue.</summary>
    public void Add(SurveyIssue issue)
    {
        var count = issue.Severity == IssueSeverity.Error ? ++ErrorCount : ++WarningCount;
        if (count <= MaxListed)
            _listed.Add(issue);
    }

    /// <summary>Records an error.</summary>
    public void Error(string? sheet, int? row, string? column, string? key, string message) =>
        Add(new SurveyIssue(IssueSeverity.Error, sheet, row, column, key, message));

    /// <summary>Records the error that stopped the file from being read, at its place.</summary>
    public void Error(SurveyFormatException unreadable) =>
        Error(unreadable.Sheet, unreadable.Row, unreadable.Column, null, unreadable.Message);

    /// <summary>Records a warning.</summary>
    public void Warning(string? sheet, int? row, string? column, string? key, string message) =>
        Add(new SurveyIssue(IssueSeverity.Warning, sheet, row, column, key, message));

    /// <summary>A line saying how many issues were not listed, or null.</summary>
    public string? OmittedSummary()
    {
        var errors = Math.Max(0, ErrorCount - MaxListed);
        var warnings = Math.Max(0, WarningCount - MaxListed);
        return errors + warnings == 0 ? null : $"… và {errors} lỗi, {warnings} cảnh báo khác không liệt kê.";
    }
}

/// <summary>The file cannot be read as a survey (not a workbook, corrupt, over a limit); the message is Vietnamese and the place is given when known.</summary>
public sealed class SurveyFormatException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The sheet (xlsx) or CSV file at fault, when the failure is inside one.</summary>
    public string? Sheet { get; init; }

    /// <summary>The row as Excel shows it, when known.</summary>
    public int? Row { get; init; }

    /// <summary>The column letter (xlsx) or number (CSV), when known.</summary>
    public string? Column { get; init; }
}
