using System.Net;
using GiamNgheo.Access.Callers;
using GiamNgheo.Testing;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The analysts' reports over HTTP, computed from what the pipeline counted.</summary>
public sealed partial class ReportTests : IClassFixture<AppFixture>
{
    private readonly AppUnderTest _app;

    public ReportTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task An_analyst_reads_the_provinces_mpi_and_deprivations_that_agree_with_its_summary()
    {
        var communes = SurveyPipelineTests.CommunesOf("15").Take(2).ToList();
        foreach (var (commune, i) in communes.Select((c, i) => (c, i)))
            await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 120, seed: 1500 + i)));
        var summary = await _app.WaitSummaryAsync(2025, "15", s => s.GetProperty("communesReported").GetInt32() == 2);

        using var analyst = _app.ClientWith(TestTokens.Shared.For(Role.Analyst, "15"));
        var mpi = await _app.GetJsonAsync("/api/units/2025/15/reports/mpi", analyst);
        Assert.Equal(240, mpi.GetProperty("households").GetInt64());
        var (h, a, m0) = (mpi.GetProperty("H").GetDouble(), mpi.GetProperty("A").GetDouble(), mpi.GetProperty("M0").GetDouble());
        Assert.InRange(h, 0, 1);
        Assert.InRange(a, 0, 1);
        Assert.Equal(h * a, m0, 12);
        Assert.Equal(2, mpi.GetProperty("subgroups").GetProperty("commune").EnumerateObject().Count());

        var deprivations = await _app.GetJsonAsync("/api/units/2025/15/reports/thieu-hut", analyst);
        Assert.Equal(summary.GetProperty("poorHouseholds").GetInt64(), deprivations.GetProperty("poor").GetProperty("households").GetInt64());
        Assert.Equal(summary.GetProperty("nearPoorHouseholds").GetInt64(), deprivations.GetProperty("nearPoor").GetProperty("households").GetInt64());

        using var unknown = await analyst.GetAsync(new Uri("/api/units/2025/15/reports/khong-co", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
