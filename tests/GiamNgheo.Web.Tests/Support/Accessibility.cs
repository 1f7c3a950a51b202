using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GiamNgheo.Web.Tests.Support;

/// <summary>axe-core over the page as it stands: the issue asks for no serious or critical violation on any main screen
/// (WCAG 2.1 A and AA rules; moderate and minor findings are reported by the caller's output but do not fail).</summary>
public static class Accessibility
{
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string screen, ITestOutputHelper? output = null)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        foreach (var minor in result.Violations.Where(v => !FailingImpacts.Contains(v.Impact)))
            output?.WriteLine($"axe ({screen}, {minor.Impact}): {minor.Id} – {minor.Help} ({minor.Nodes.Length} element(s))");
        var serious = result.Violations.Where(v => FailingImpacts.Contains(v.Impact)).ToList();
        Assert.True(serious.Count == 0, $"axe found {serious.Count} serious or critical violation(s) on {screen}:\n" + string.Join("\n", serious.Select(Describe)));
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {screen}: was the page empty?");
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Impact} {violation.Id}: {violation.Help}\n" + string.Join("\n", violation.Nodes.Take(5).Select(n =>
            $"    {n.Target}: {n.Html} – {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"));
}
