using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GiamNgheo.Workflows.Plans;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The plan endpoints as an officer uses them: the xlsx form, JSON, located errors, edits, listings.</summary>
public sealed class PlanApiTests : IClassFixture<AppFixture>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private readonly AppUnderTest _app;

    public PlanApiTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task An_example_plan_filled_in_the_xlsx_form_is_created_as_a_draft_and_comes_back_as_the_same_form()
    {
        var plan = ExamplePlans.Load("thanh-liem-2021");
        using var form = new MemoryStream();
        PlanForm.Write(form, plan);

        using var created = await PostFormAsync("/api/plans", form.ToArray());
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.Equal("nhap", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("2021-06-10", body.GetProperty("periods")[0].GetProperty("due").GetString());

        using var download = await _app.Client.GetAsync(new Uri("/api/plans/thanh-liem-2021/form", UriKind.Relative));
        Assert.Equal(XlsxType, download.Content.Headers.ContentType?.MediaType);
        var read = PlanForm.Read(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        Assert.True(read.IsValid, string.Join("; ", read.Issues));
        Assert.Equal(plan.Reporters, read.Plan.Reporters);

        var listed = await _app.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/plans?unitCode=351&year=2021", UriKind.Relative));
        Assert.Contains(listed.GetProperty("plans").EnumerateArray(), p => p.GetProperty("id").GetString() == "thanh-liem-2021");
    }

    [Fact]
    public async Task The_blank_form_of_a_year_downloads_as_xlsx()
    {
        using var response = await _app.Client.GetAsync(new Uri("/api/plan-form?year=2026", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("mau-ke-hoach-2026.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task A_plan_with_errors_is_refused_with_every_error_located_in_Vietnamese()
    {
        const string json = """
            {"id": "Sai Ma", "title": "Kế hoạch", "year": 2026, "unitCode": "01",
             "supervisor": {"id": "so", "name": "Sở", "email": "khong-phai-email"},
             "reporters": [{"id": "a", "name": "A", "email": "a@example.invalid"}],
             "periods": [{"id": "nam", "label": "Cả năm", "due": "2026-02-30"}]}
            """;

        using var response = await _app.Client.PostAsync(new Uri("/api/plans", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("urn:giamngheo:problem:ke-hoach-khong-hop-le", problem.GetProperty("type").GetString());
        var locations = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("location").GetString()).ToList();
        Assert.Contains("id", locations);
        Assert.Contains("supervisor.email", locations);
        Assert.Contains("periods[0].due", locations);
    }

    [Fact]
    public async Task An_edit_adds_a_version_and_cannot_rename_the_plan_or_move_it_to_another_unit()
    {
        var plan = ExamplePlans.Load("dak-to-re-2024");
        using (var created = await PostJsonAsync("/api/plans", plan))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var edited = await PutJsonAsync("/api/plans/dak-to-re-2024", plan with { Title = plan.Title + " (sửa)" });
        using var renamed = await PutJsonAsync("/api/plans/dak-to-re-2024", plan with { Id = "khac" });
        using var again = await PostJsonAsync("/api/plans", plan);

        Assert.Equal(2, JsonDocument.Parse(await edited.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await _app.Client.GetAsync(new Uri("/api/plans/khong-co/periods/nam", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, ReportingPlan plan) =>
        _app.Client.PostAsync(new Uri(path, UriKind.Relative), new ByteArrayContent(PlanDocument.ToUtf8Bytes(plan)) { Headers = { ContentType = new("application/json") } });

    private Task<HttpResponseMessage> PutJsonAsync(string path, ReportingPlan plan) =>
        _app.Client.PutAsync(new Uri(path, UriKind.Relative), new ByteArrayContent(PlanDocument.ToUtf8Bytes(plan)) { Headers = { ContentType = new("application/json") } });

    private async Task<HttpResponseMessage> PostFormAsync(string path, byte[] xlsx)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(xlsx), "file", "ke-hoach.xlsx" } };
        return await _app.Client.PostAsync(new Uri(path, UriKind.Relative), form);
    }
}
