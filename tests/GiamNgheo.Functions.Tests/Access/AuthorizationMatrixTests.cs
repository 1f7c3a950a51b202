using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GiamNgheo.Access.Callers;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.LocalHost.Functions;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Testing;

namespace GiamNgheo.Functions.Tests.Access;

/// <summary>Every endpoint × every role × a unit inside and a unit outside the caller's scope: 403 exactly where the grants of
/// docs/access.md say no, never a 401 with a valid token, and 401 for every endpoint but health without one.</summary>
public sealed class AuthorizationMatrixTests : IClassFixture<AuthorizationMatrixTests.World>
{
    private const string P = "01";
    private const string Q = "04";
    private const string AgencyEmail = "so-y-te@matrix.example";

    private static readonly Role CO = Role.CommuneOfficer, PO = Role.ProvinceOfficer, AN = Role.Analyst, AG = Role.Agency, AD = Role.Admin;

    private readonly World _world;

    public AuthorizationMatrixTests(World world) => _world = world;

    /// <summary>One row of the matrix: a request to a function, the roles allowed inside the scope (outside: admin only).</summary>
    private sealed record Row(string Function, string Label, Role[] AllowedInside, Func<Role, bool, HttpRequestMessage> Request, bool Scoped = true);

    private static Role[] All => [CO, PO, AN, AG, AD];

    private IReadOnlyList<Row> Rows =>
    [
        new("template", "mẫu phiếu", All, (_, _) => Get("/api/template?year=2025"), Scoped: false),
        new("upload-survey", "tải phiếu", [CO, PO, AD], (_, inside) => Upload($"/api/surveys/2025/{Commune(inside)}")),
        new("get-submission", "lần nộp", [CO, PO, AD], (_, inside) => Get($"/api/submissions/{(inside ? _world.SubmissionInside : _world.SubmissionOutside)}")),
        new("unit-summary", "tổng hợp xã", [CO, PO, AN, AD], (_, inside) => Get($"/api/units/2025/{Commune(inside)}/summary")),
        new("unit-summary", "tổng hợp tỉnh", [PO, AN, AD], (_, inside) => Get($"/api/units/2025/{(inside ? P : Q)}/summary")),
        new("unit-report", "báo cáo mpi của tỉnh", [PO, AN, AD], (_, inside) => Get($"/api/units/2025/{(inside ? P : Q)}/reports/mpi")),
        new("unit-report", "báo cáo thiếu hụt của xã", [CO, PO, AN, AD], (_, inside) => Get($"/api/units/2025/{Commune(inside)}/reports/thieu-hut")),
        new("unit-report", "báo cáo biến động của xã", [CO, PO, AN, AD], (_, inside) => Get($"/api/units/2025/{Commune(inside)}/reports/bien-dong")),
        new("upload-start-list", "danh sách đầu kỳ", [CO, PO, AD], (_, inside) => Upload($"/api/units/2025/{Commune(inside)}/start-list")),
        new("upload-declared-changes", "khai báo biến động", [CO, PO, AD], (_, inside) => Upload($"/api/units/2025/{Commune(inside)}/changes")),
        new("unit-report", "báo cáo chỉ tiêu của tỉnh", [PO, AN, AD], (_, inside) => Get($"/api/units/2025/{(inside ? P : Q)}/reports/chi-tieu")),
        new("unit-reports-workbook", "sổ báo cáo của xã", [CO, PO, AN, AD], (_, inside) => Get($"/api/units/2025/{Commune(inside)}/reports.xlsx")),
        new("unit-households", "danh sách hộ", [CO, PO, AD], (_, inside) => Get($"/api/units/2025/{Commune(inside)}/households")),
        new("province-export", "trích xuất", [PO, AN, AD], (_, inside) => Get($"/api/exports/2025/{(inside ? P : Q)}")),
        new("export-build-status", "tiến độ trích xuất", [PO, AN, AD], (_, inside) => Get($"/api/exports/2025/{(inside ? P : Q)}/builds/0123456789abcdef0123456789abcdef")),
        new("export-build-file", "tệp trích xuất", [PO, AN, AD], (_, inside) => Get($"/api/exports/2025/{(inside ? P : Q)}/builds/0123456789abcdef0123456789abcdef/file")),
        new("review-start", "bắt đầu rà soát", [PO, AD], (_, inside) => Post($"/api/reviews/2025/{(inside ? P : Q)}", "{}")),
        new("review-step", "bước của xã", [CO, PO, AD], (_, inside) => Post($"/api/reviews/2025/{Commune(inside)}/steps/danh-sach", "{}")),
        new("review-step", "mở lại danh sách", [PO, AD], (_, inside) => Post($"/api/reviews/2025/{Commune(inside)}/steps/mo-lai", """{"lyDo":"thử"}""")),
        new("review-commune", "rà soát của xã", [CO, PO, AN, AD], (_, inside) => Get($"/api/reviews/2025/{Commune(inside)}")),
        new("review-progress", "tiến độ tỉnh", [PO, AN, AD], (_, inside) => Get($"/api/reviews/2025/{(inside ? P : Q)}/progress")),
        new("create-plan", "tạo kế hoạch", [PO, AD], (role, inside) => Post("/api/plans", PlanJson($"tao-{role.Code()}-{(inside ? "trong" : "ngoai")}-{Guid.NewGuid():N}"[..40], inside))),
        new("replace-plan", "sửa kế hoạch", [PO, AD], (_, inside) => Put($"/api/plans/{Plan(inside)}", PlanJson(Plan(inside), inside))),
        new("publish-plan", "công bố kế hoạch", [PO, AD], (_, inside) => Post($"/api/plans/{Plan(inside)}/publish", null)),
        new("get-plan", "xem kế hoạch", All, (_, inside) => Get($"/api/plans/{Plan(inside)}")),
        new("list-plans", "danh sách kế hoạch", All, (_, _) => Get("/api/plans?year=2025"), Scoped: false),
        new("plan-form-template", "mẫu kế hoạch", All, (_, _) => Get("/api/plan-form?year=2025"), Scoped: false),
        new("plan-form", "biểu mẫu kế hoạch", All, (_, inside) => Get($"/api/plans/{Plan(inside)}/form")),
        new("get-plan-period", "kỳ báo cáo", All, (_, inside) => Get($"/api/plans/{Plan(inside)}/periods/ky-1")),
        new("submit-period-report", "nộp báo cáo", [CO, PO, AG, AD], (role, inside) => Upload($"/api/plans/{Plan(inside)}/periods/ky-1/reports/{(role == AG ? "so-y-te" : "xa")}")),
        new("mark-period-report-received", "xác nhận đã nhận", [PO, AD], (_, inside) => Post($"/api/plans/{Plan(inside)}/periods/ky-1/reports/xa/received", null)),
        new("list-plan-reminders", "nhắc việc của kế hoạch", [PO, AN, AD], (_, inside) => Get($"/api/plans/{Plan(inside)}/reminders")),
        new("plan-reporting-rate", "tỉ lệ báo cáo", [PO, AN, AD], (_, inside) => Get($"/api/plans/{Plan(inside)}/reporting-rate")),
        new("audit-log", "nhật ký", [AD], (_, _) => Get("/api/audit"), Scoped: false),
    ];

    [Fact]
    public void The_matrix_covers_every_HTTP_function_but_the_anonymous_ones()
    {
        var served = _world.App.Host.Functions.Where(f => f.Kind == TriggerKind.Http).Select(f => f.Name).ToHashSet();
        served.ExceptWith(RequestAuthenticator.AnonymousFunctions);
        Assert.Equal(served.Order(), Rows.Select(r => r.Function).Distinct().Order());
    }

    [Fact]
    public async Task Each_role_is_refused_with_403_exactly_where_its_grants_or_scope_do_not_reach()
    {
        var wrong = new List<string>();
        foreach (var row in Rows)
        {
            foreach (var role in RoleCodes.All)
            {
                foreach (var inside in row.Scoped ? new[] { true, false } : [true])
                {
                    var allowed = inside ? row.AllowedInside.Contains(role) : role == AD;
                    using var request = row.Request(role, inside);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _world.Tokens[role]);
                    using var response = await _world.App.Client.SendAsync(request);
                    var status = (int)response.StatusCode;
                    var ok = allowed ? status is not (401 or 403) : status == 403;
                    if (!ok)
                        wrong.Add($"{row.Function} ({row.Label}) as {role.Code()} {(inside ? "inside" : "outside")}: {status} {await response.Content.ReadAsStringAsync()}");
                    else if (status == 403)
                        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task Every_endpoint_but_health_answers_401_without_a_token_or_with_a_forged_one()
    {
        var forged = DevelopmentIssuerOf(Path.Combine(Path.GetTempPath(), "giamngheo-forged-" + Guid.NewGuid().ToString("N"), "key")).Issue([AD], [], "Kẻ giả mạo");
        using var client = new HttpClient { BaseAddress = _world.App.Client.BaseAddress };
        foreach (var row in Rows)
        {
            foreach (var token in new string?[] { null, forged, "khong-phai-jwt" })
            {
                using var request = row.Request(AD, true);
                request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{row.Function} with {(token is null ? "no token" : token[..8])}: {(int)response.StatusCode}");
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.First().Scheme);
            }
        }

        using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Regression_a_client_set_principal_header_is_not_what_the_audit_records()
    {
        using var request = Get($"/api/units/2025/{Commune(true)}/households");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Shared.Issuer.Issue([PO], [P], "Cán bộ thật"));
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "ke-gia-mao@example");
        using var response = await _world.App.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var audit = await _world.App.GetJsonAsync($"/api/audit?unitCode={Commune(true)}");
        var names = audit.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "households.list").Select(e => e.GetProperty("principal").GetString()).ToList();
        Assert.Contains("Cán bộ thật", names);
        Assert.DoesNotContain("ke-gia-mao@example", names);
    }

    [Fact]
    public async Task A_province_officers_plan_listing_shows_its_province_and_a_commune_officer_sees_the_plan_it_reports_under()
    {
        var officer = await ListAsync(_world.Tokens[PO]);
        Assert.Contains(_world.PlanInside, officer);
        Assert.DoesNotContain(_world.PlanOutside, officer);
        var commune = await ListAsync(_world.Tokens[CO]);
        Assert.Contains(_world.PlanInside, commune);
        Assert.DoesNotContain(_world.PlanOutside, commune);
    }

    private async Task<List<string>> ListAsync(string token)
    {
        using var request = Get("/api/plans?year=2025");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _world.App.Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. body.GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
    }

    private string Commune(bool inside) => inside ? _world.CommuneInside : _world.CommuneOutside;

    private string Plan(bool inside) => inside ? _world.PlanInside : _world.PlanOutside;

    private string PlanJson(string id, bool inside) => World.PlanJson(id, inside ? P : Q, Commune(inside), inside ? AgencyEmail : "khac@matrix.example");

    private static GiamNgheo.Access.Tokens.DevelopmentTokens DevelopmentIssuerOf(string keyFile) => GiamNgheo.Access.Tokens.DevelopmentTokens.Open(keyFile, TimeProvider.System);

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(path, UriKind.Relative));

    private static HttpRequestMessage Post(string path, string? json) => new(HttpMethod.Post, new Uri(path, UriKind.Relative))
    {
        Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
    };

    private static HttpRequestMessage Put(string path, string json) => new(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Upload(string path)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent("không phải bảng tính"u8.ToArray()), "file", "tep.xlsx" } };
        return new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = form };
    }

    /// <summary>The app with a counted submission and a plan in province 01 (inside every scoped token) and in province 04 (outside).</summary>
    public sealed class World : IAsyncLifetime
    {
        public AppUnderTest App { get; private set; } = null!;

        public string CommuneInside { get; } = AdminUnitCatalog.Default.CommunesOf(P, new DateOnly(2025, 9, 1))[0].Code;

        public string CommuneOutside { get; } = AdminUnitCatalog.Default.CommunesOf(Q, new DateOnly(2025, 9, 1))[0].Code;

        public string PlanInside => "ma-tran-trong";

        public string PlanOutside => "ma-tran-ngoai";

        public string SubmissionInside { get; private set; } = "";

        public string SubmissionOutside { get; private set; } = "";

        public Dictionary<Role, string> Tokens { get; } = [];

        public async Task InitializeAsync()
        {
            App = await AppUnderTest.StartAsync();
            SubmissionInside = await App.UploadAcceptedAsync(2025, CommuneInside, AppUnderTest.Survey(CommuneInside, 20, seed: 71));
            SubmissionOutside = await App.UploadAcceptedAsync(2025, CommuneOutside, AppUnderTest.Survey(CommuneOutside, 20, seed: 72));
            await App.WaitFinalAsync(SubmissionInside);
            await App.WaitFinalAsync(SubmissionOutside);
            foreach (var (id, province, commune, email) in new[] { (PlanInside, P, CommuneInside, AgencyEmail), (PlanOutside, Q, CommuneOutside, "khac@matrix.example") })
            {
                using var created = await App.Client.PostAsync(new Uri("/api/plans", UriKind.Relative), new StringContent(PlanJson(id, province, commune, email), Encoding.UTF8, "application/json"));
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }

            Tokens[CO] = TestTokens.Shared.Issuer.Issue([CO], [CommuneInside], "Cán bộ xã");
            Tokens[PO] = TestTokens.Shared.Issuer.Issue([PO], [P], "Cán bộ tỉnh");
            Tokens[AN] = TestTokens.Shared.Issuer.Issue([AN], [P], "Chuyên viên");
            Tokens[AG] = TestTokens.Shared.Issuer.Issue([AG], [P], "Sở Y tế", AgencyEmail);
            Tokens[AD] = TestTokens.Shared.Admin;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();

        public static string PlanJson(string id, string province, string commune, string agencyEmail) => $$"""
            {"id": "{{id}}", "title": "Kế hoạch ma trận quyền", "year": 2025, "unitCode": "{{province}}",
             "supervisor": {"id": "so", "name": "Sở Nông nghiệp và Môi trường", "email": "so@matrix.example"},
             "reporters": [{"id": "xa", "name": "UBND xã", "unitCode": "{{commune}}", "email": "xa@matrix.example"},
                           {"id": "so-y-te", "name": "Sở Y tế", "email": "{{agencyEmail}}"}],
             "periods": [{"id": "ky-1", "label": "Năm", "due": "2025-12-10"}]}
            """;
    }
}
