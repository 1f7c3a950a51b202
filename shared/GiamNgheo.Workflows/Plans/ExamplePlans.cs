namespace GiamNgheo.Workflows.Plans;

/// <summary>The reporting plans of the five seed documents, shipped as embedded JSON (<c>Plans/Examples/*.json</c>).</summary>
/// <remarks>Deadlines the documents do not give are assumed and say so in each plan's <see cref="ReportingPlan.Note"/>;
/// contact addresses are fictional, under the reserved <c>.example</c> domain (RFC 2606). docs/plans.md lists what each
/// plan takes from its document.</remarks>
public static class ExamplePlans
{
    private const string ResourcePrefix = "GiamNgheo.Workflows.Plans.Examples.";
    private const string ResourceSuffix = ".json";

    private static readonly Lazy<IReadOnlyList<string>> LazyIds = new(() =>
        [.. typeof(ExamplePlans).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^ResourceSuffix.Length])
            .Order(StringComparer.Ordinal)]);

    /// <summary>The ids of the example plans, sorted.</summary>
    public static IReadOnlyList<string> Ids => LazyIds.Value;

    /// <summary>The JSON of an example plan, as shipped.</summary>
    /// <exception cref="KeyNotFoundException">No example has that id.</exception>
    public static Stream OpenJson(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return typeof(ExamplePlans).Assembly.GetManifestResourceStream(ResourcePrefix + id + ResourceSuffix)
            ?? throw new KeyNotFoundException($"There is no example plan '{id}'; the examples are {string.Join(", ", Ids)}.");
    }

    /// <summary>An example plan, read and validated like any other.</summary>
    /// <exception cref="KeyNotFoundException">No example has that id.</exception>
    /// <exception cref="InvalidOperationException">The shipped example does not validate (a broken build; a test prevents it).</exception>
    public static ReportingPlan Load(string id)
    {
        using var json = OpenJson(id);
        var result = PlanDocument.Read(json);
        return result.IsValid
            ? result.Plan
            : throw new InvalidOperationException($"Example plan '{id}' is invalid: {string.Join("; ", result.Issues)}");
    }

    /// <summary>Every example plan, in id order.</summary>
    public static IReadOnlyList<ReportingPlan> All() => [.. Ids.Select(Load)];
}
