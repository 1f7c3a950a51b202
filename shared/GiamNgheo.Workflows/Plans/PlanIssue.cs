namespace GiamNgheo.Workflows.Plans;

/// <summary>A problem in a plan, located and explained in Vietnamese.</summary>
/// <param name="Location">Where: a JSON path (<c>periods[1].due</c>) or an xlsx place (<c>sheet KyBaoCao, dòng 5, cột C</c>).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record PlanIssue(string Location, string Message)
{
    /// <summary>"periods[1].due: …".</summary>
    public override string ToString() => $"{Location}: {Message}";
}
