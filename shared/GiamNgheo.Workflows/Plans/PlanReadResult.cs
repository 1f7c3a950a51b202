using System.Diagnostics.CodeAnalysis;
using GiamNgheo.Rules.AdminUnits;

namespace GiamNgheo.Workflows.Plans;

/// <summary>What reading a plan (JSON or xlsx form) gave: the valid plan, or every problem found.</summary>
/// <param name="Plan">The plan when it is valid; null when there is any issue.</param>
/// <param name="Issues">Every problem, located and explained in Vietnamese; empty when the plan is valid.</param>
public sealed record PlanReadResult(ReportingPlan? Plan, IReadOnlyList<PlanIssue> Issues)
{
    /// <summary>Whether the plan was read and is valid.</summary>
    [MemberNotNullWhen(true, nameof(Plan))]
    public bool IsValid => Plan is not null;

    /// <summary>A result with one problem and no plan (the input could not be read at all).</summary>
    internal static PlanReadResult Failed(string location, string message) => new(null, [new PlanIssue(location, message)]);
}

/// <summary>The problems a reader finds while mapping its input to a plan, joined with the validator's.</summary>
/// <remarks>A reader maps what it can and puts a placeholder where a value cannot be mapped (an empty string, a default
/// date), reporting the problem at that value's JSON path. The validator then runs over the whole draft, so a plan with a
/// bad date and an unknown commune code reports both; its issues at a path the reader already reported (or under it) are
/// dropped, since they would only complain about the placeholder.</remarks>
internal sealed class PlanIssueCollector
{
    /// <summary>Most issues listed: a hostile document could otherwise make an answer of millions of lines.</summary>
    public const int MaxListed = 1000;

    private readonly List<(string? Path, string? Location, string Message)> _issues = [];
    private readonly HashSet<string> _mapped = new(StringComparer.Ordinal);

    /// <summary>Reports a value that could not be mapped; validator issues at the path or under it are dropped.</summary>
    public void Unmapped(string path, string message)
    {
        _issues.Add((path, null, message));
        _mapped.Add(path);
    }

    /// <summary>Drops validator issues at the path or under it without reporting anything (the reader reported it elsewhere).</summary>
    public void Suppress(string path) => _mapped.Add(path);

    /// <summary>Reports a problem at a JSON path that leaves the validator's findings there intact (e.g. too many rows).</summary>
    public void At(string path, string message) => _issues.Add((path, null, message));

    /// <summary>Reports a problem with a location of the input's own (a header row of the form) and no JSON path.</summary>
    public void Located(string location, string message) => _issues.Add((null, location, message));

    /// <summary>Validates the draft and returns the plan, or every issue with its location given by <paramref name="locate"/>.</summary>
    public PlanReadResult Finish(ReportingPlan draft, AdminUnitCatalog? units, Func<string, string> locate)
    {
        var issues = _issues.Select(i => new PlanIssue(i.Location ?? locate(i.Path!), i.Message)).ToList();
        foreach (var issue in PlanValidator.Validate(draft, units))
        {
            if (!IsUnmapped(issue.Location))
                issues.Add(new PlanIssue(locate(issue.Location), issue.Message));
        }

        if (issues.Count > MaxListed)
            issues = [.. issues.Take(MaxListed), new PlanIssue("$", $"… và {issues.Count - MaxListed} lỗi khác không liệt kê.")];
        return issues.Count == 0 ? new PlanReadResult(draft, []) : new PlanReadResult(null, issues);
    }

    private bool IsUnmapped(string path)
    {
        // Walk up the path: periods[1].due → periods[1] → periods.
        while (true)
        {
            if (_mapped.Contains(path))
                return true;
            var cut = path.LastIndexOfAny(['.', '[']);
            if (cut <= 0)
                return false;
            path = path[..cut];
        }
    }
}
