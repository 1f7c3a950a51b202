using System.Globalization;
using System.Text.Json;
using GiamNgheo.Testing;
using GiamNgheo.Web.Tests.Support;
using Microsoft.Playwright;

namespace GiamNgheo.Web.Tests;

/// <summary>What a commune officer's phone downloads from opening the app to seeing the first screen with data, measured by
/// the browser's Resource Timing (bytes on the wire, compressed, and decoded) over a fresh cache and again on a return visit.</summary>
[Collection(WebAppTests.Name)]
public sealed class PageWeightTests(WebApp app, ITestOutputHelper output)
{
    /// <summary>The budget of the first visit, compressed bytes on the wire; its reason (a weak rural 3G link) is in docs/web-app.md.</summary>
    private const long FirstVisitBudgetBytes = 150 * 1024;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const string ResourceTimings =
        """
        () => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map(e => ({
          name: e.name, initiator: e.initiatorType, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))
        """;

    [Fact]
    public async Task Commune_first_screen_weight_is_reported_and_within_its_budget()
    {
        await using var session = await app.OpenAsync(Screen.Phone, guarded: false);
        await session.SignInAsync(WebApp.FirstScreenOfficer);
        var first = await session.Page.EvaluateAsync<Timing[]>(ResourceTimings);
        await session.Page.ReloadAsync();
        await Assertions.Expect(session.Page.Locator("#noi-dung h1")).ToBeVisibleAsync();
        await session.WaitForQuietNetworkAsync();
        var again = await session.Page.EvaluateAsync<Timing[]>(ResourceTimings);

        var firstVisit = Weight.Of(first);
        var returnVisit = Weight.Of(again);
        output.WriteLine($"Commune officer's first screen ({session.Page.Url[session.Page.Url.IndexOf('#', StringComparison.Ordinal)..]}), phone, fresh cache:");
        foreach (var t in first)
            output.WriteLine($"  {t.Transfer,7} B wire {t.Decoded,7} B decoded  {t.Initiator,-15} {new Uri(t.Name).PathAndQuery}");
        output.WriteLine($"first visit: {firstVisit}");
        output.WriteLine($"return visit (reload, revalidated): {returnVisit}");
        await File.WriteAllTextAsync(Path.Combine(ArtifactsFolder(), "page-weight.json"), JsonSerializer.Serialize(new { firstVisit, returnVisit, requests = first }, Indented));

        session.AssertStayedOnItsOrigin();
        Assert.True(firstVisit.Requests > 3, $"Only {firstVisit.Requests} requests seen: the measurement missed the app's files.");
        Assert.True(firstVisit.Decoded > firstVisit.Encoded, $"Nothing came compressed: {firstVisit}.");
        Assert.True(firstVisit.Transferred <= FirstVisitBudgetBytes, $"The first visit moved {firstVisit.Transferred} bytes, over the budget of {FirstVisitBudgetBytes}.");
        Assert.True(returnVisit.Transferred < firstVisit.Transferred, $"The return visit moved as much as the first: {returnVisit} vs {firstVisit}.");
    }

    private static string ArtifactsFolder()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), ".artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>One Resource Timing entry (Playwright fills it by property names, hence settable).</summary>
    public sealed class Timing
    {
        public string Name { get; set; } = "";
        public string Initiator { get; set; } = "";
        public long Transfer { get; set; }
        public long Encoded { get; set; }
        public long Decoded { get; set; }
    }

    public sealed record Weight(int Requests, long Transferred, long Encoded, long Decoded)
    {
        public static Weight Of(IReadOnlyCollection<Timing> timings) =>
            new(timings.Count, timings.Sum(t => t.Transfer), timings.Sum(t => t.Encoded), timings.Sum(t => t.Decoded));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Requests} requests, {Transferred / 1024.0:0.0} KiB transferred (bodies {Encoded / 1024.0:0.0} KiB compressed, {Decoded / 1024.0:0.0} KiB decoded)");
    }
}
