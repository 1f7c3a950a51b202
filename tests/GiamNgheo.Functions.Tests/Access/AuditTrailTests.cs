using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GiamNgheo.Access.Callers;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Testing;

namespace GiamNgheo.Functions.Tests.Access;

/// <summary>A scripted day of a province (upload, reads, export, review steps, a lock and a reopening, a plan and a report, refused
/// attempts) leaves exactly that trail in the audit log, each entry with the verified person, unit and outcome.</summary>
public sealed class AuditTrailTests : IClassFixture<AppFixture>
{
    private const string Province = "08";
    private readonly AppUnderTest _app;

    public AuditTrailTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task A_scripted_day_is_recorded_entry_by_entry_with_who_where_and_how_it_ended()
    {
        var commune = AdminUnitCatalog.Default.CommunesOf(Province, new DateOnly(2025, 9, 1))[0].Code;
        var other = AdminUnitCatalog.Default.CommunesOf(Province, new DateOnly(2025, 9, 1))[1].Code;
        var tokens = TestTokens.Shared.Issuer;
        using var communeOfficer = _app.ClientWith(tokens.Issue([Role.CommuneOfficer], [commune], "Cán bộ xã A"));
        using var provinceOfficer = _app.ClientWith(tokens.Issue([Role.ProvinceOfficer], [Province], "Cán bộ Sở B"));
        using var analyst = _app.ClientWith(tokens.Issue([Role.Analyst], [Province], "Chuyên viên C"));

        await Send(provinceOfficer, HttpMethod.Post, $"/api/reviews/2025/{Province}", "{}", HttpStatusCode.Created);
        await Send(communeOfficer, HttpMethod.Post, $"/api/reviews/2025/{commune}/steps/danh-sach", "{}", HttpStatusCode.OK);
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(AppUnderTest.Survey(commune, 30, seed: 801)), "file", "khao-sat.xlsx" } })
        {
            using var upload = await communeOfficer.PostAsync(new Uri($"/api/surveys/2025/{commune}", UriKind.Relative), form);
            var body = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            await _app.WaitFinalAsync(body.GetProperty("submissionId").GetString()!);
        }

        await Send(communeOfficer, HttpMethod.Get, $"/api/units/2025/{commune}/households", null, HttpStatusCode.OK);
        await Send(communeOfficer, HttpMethod.Get, $"/api/units/2025/{other}/households", null, HttpStatusCode.Forbidden);
        await Send(analyst, HttpMethod.Get, $"/api/units/2025/{commune}/households", null, HttpStatusCode.Forbidden);
        await Send(communeOfficer, HttpMethod.Post, $"/api/reviews/2025/{commune}/steps/mo-lai", """{"lyDo":"thử"}""", HttpStatusCode.Forbidden);
        using (var export = await analyst.GetAsync(new Uri($"/api/exports/2025/{Province}", UriKind.Relative)))
            Assert.True(export.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, export.StatusCode.ToString());

        var audit = await _app.GetJsonAsync($"/api/audit?unitCode={Province}");
        var trail = audit.GetProperty("entries").EnumerateArray()
            .Select(e => $"{e.GetProperty("principal").GetString()} | {e.GetProperty("action").GetString()} | {e.GetProperty("unitCode").GetString()} | {e.GetProperty("outcome").GetString()}")
            .Reverse()
            .ToList();
        Assert.Equal(
        [
            $"Cán bộ Sở B | review.start | {Province} | ok",
            $"Cán bộ xã A | review.danh-sach | {commune} | ok",
            $"Cán bộ xã A | survey.upload | {commune} | ok",
            $"Cán bộ xã A | households.list | {commune} | ok",
            $"Cán bộ xã A | households.list | {other} | tu-choi",
            $"Chuyên viên C | households.list | {commune} | tu-choi",
            $"Cán bộ xã A | review.mo-lai | {commune} | tu-choi",
        ], trail.Where(t => !t.StartsWith("Quản trị", StringComparison.Ordinal)).Take(7));
        Assert.All(audit.GetProperty("entries").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("principalId").GetString())));

        using var notAdmin = await provinceOfficer.GetAsync(new Uri("/api/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
    }

    private static async Task Send(HttpClient client, HttpMethod method, string path, string? json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{method} {path} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
