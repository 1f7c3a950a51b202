using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GiamNgheo.Access.Callers;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Testing;
using GiamNgheo.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>The app under a clock on 10 December 2025 (inside that year's review window), so the demo's 2025 surveys can be reviewed.</summary>
public sealed class ReviewAppFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = VietnamTime.At(new DateOnly(2025, 12, 10), new TimeOnly(9, 0));

    public AppUnderTest Instance { get; private set; } = null!;

    public async Task InitializeAsync() => Instance = await AppUnderTest.StartAsync(services => services.AddSingleton<TimeProvider>(new ShiftedClock(Start)));

    public async Task DisposeAsync() => await Instance.DisposeAsync();
}

/// <summary>The annual review over HTTP on Azurite: start, every step of a commune with a real upload, the lock, reopening.</summary>
public sealed class ReviewTests(ReviewAppFixture fixture) : IClassFixture<ReviewAppFixture>
{
    private readonly AppUnderTest _app = fixture.Instance;

    [Fact]
    public async Task A_commune_walks_every_step_the_decision_refuses_uploads_with_409_and_after_reopening_an_upload_counts_again()
    {
        const string Commune = "00166";
        var started = await PostAsync("/api/reviews/2025/01", """
            {"postingWorkingDays": 3,
             "supervisor": {"id": "so-nnmt", "name": "Sở Nông nghiệp và Môi trường Hà Nội", "email": "giamngheo@example.invalid"},
             "contacts": [{"communeCode": "00166", "email": "xa00166@example.invalid"}]}
            """);
        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal("ra-soat-2025-01", started.Body.GetProperty("reviewId").GetString());
        Assert.Equal("2025-12-14", started.Body.GetProperty("milestones").GetProperty("quyet-dinh").GetString());
        Assert.True(started.Body.GetProperty("communes").GetInt32() > 100);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/reviews/2025/01", null)).Status);

        Assert.Equal(HttpStatusCode.OK, (await StepAsync(Commune, "danh-sach", "{}")).Status);
        var early = await StepAsync(Commune, "hop-dan", """{"thon":"Thôn 1","ngay":"2025-11-18","thamDu":60,"dongY":20}""");
        AssertProblem(early, HttpStatusCode.Conflict, "buoc-khong-hop-le",
            "Chưa thể ghi họp dân: xã chưa có tệp khảo sát nào được chấm điểm (bước khao-sat: tải tệp lên tại /api/surveys/2025/00166).");

        var demo = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Find(), "demo", "surveys", "2025-01", Commune + ".xlsx"));
        var first = await _app.UploadAcceptedAsync(2025, Commune, demo);
        Assert.Equal("scored", (await _app.WaitFinalAsync(first)).GetProperty("status").GetString());
        var surveyed = await _app.GetJsonAsync($"/api/reviews/2025/{Commune}");
        Assert.Equal(first, Step(surveyed, "khao-sat").GetProperty("facts").GetProperty("submissionId").GetString());
        Assert.Equal("hop-dan", surveyed.GetProperty("next").GetProperty("step").GetString());

        var open = await StepAsync(Commune, "hop-dan", """{"thon":"Thôn 1","ngay":"2025-11-18","thamDu":60,"dongY":20}""");
        Assert.Equal(HttpStatusCode.OK, open.Status);
        Assert.Equal(["Thôn 1"], Step(open.Body, "hop-dan").GetProperty("facts").GetProperty("villagesOpen").EnumerateArray().Select(v => v.GetString()));
        AssertProblem(await StepAsync(Commune, "niem-yet", """{"batDau":"2025-11-24"}"""), HttpStatusCode.Conflict, "buoc-khong-hop-le",
            "Chưa thể niêm yết: xã chưa họp dân xong (Thôn 1 chưa đạt 50 %).");
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(Commune, "hop-dan", """{"thon":"Thôn 1","ngay":"2025-11-20","thamDu":58,"dongY":29}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(Commune, "hop-dan", """{"thon":"Thôn 2","ngay":"2025-11-20","thamDu":40,"dongY":35}""")).Status);

        var posted = await StepAsync(Commune, "niem-yet", """{"batDau":"2025-11-24"}""");
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        var posting = Step(posted.Body, "niem-yet").GetProperty("facts");
        Assert.Equal("2025-11-26", posting.GetProperty("ketThuc").GetString());
        Assert.Equal(3, posting.GetProperty("soNgayLamViec").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(Commune, "phuc-tra", """{"soDon":1,"ngay":"2025-11-26","ketQua":"Giữ nguyên kết quả"}""")).Status);
        AssertProblem(await StepAsync(Commune, "quyet-dinh", """{"so":"125/QĐ-UBND","ngay":"2025-11-26"}"""), HttpStatusCode.Conflict, "buoc-khong-hop-le",
            "Chưa thể ra quyết định ngày 26/11/2025: niêm yết công khai kéo dài đến hết ngày 26/11/2025; quyết định công nhận phải sau khi hết thời gian niêm yết.");
        var decided = await StepAsync(Commune, "quyet-dinh", """{"so":"125/QĐ-UBND","ngay":"2025-11-28"}""");
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        Assert.True(decided.Body.GetProperty("locked").GetBoolean());
        Assert.Equal(["danh-sach", "hop-dan", "hop-dan", "hop-dan", "niem-yet", "phuc-tra", "quyet-dinh"], decided.Body.GetProperty("trail").EnumerateArray().Select(e => e.GetProperty("step").GetString()));

        using (var refused = await _app.UploadAsync(2025, Commune, AppUnderTest.Survey(Commune, 40, seed: 21)))
        {
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("urn:giamngheo:problem:xa-da-khoa", problem.GetProperty("type").GetString());
            Assert.Equal("Xã 00166 đã khóa số liệu năm 2025: quyết định số 125/QĐ-UBND ngày 28/11/2025 công nhận danh sách hộ nghèo, hộ cận nghèo. Không nhận thêm tệp khảo sát cho đến khi tỉnh mở lại (bước mo-lai).",
                problem.GetProperty("detail").GetString());
        }

        // A file put straight into the container while locked is scored by the blob trigger but does not count.
        var landed = AppUnderTest.Survey(Commune, 35, seed: 22);
        var key = new SubmissionKey(2025, Commune, Convert.ToHexStringLower(SHA256.HashData(landed)));
        await _app.Services.GetRequiredService<PipelineStorage>().Surveys.GetBlobClient(key.BlobName).UploadAsync(new BinaryData(landed));
        var notCounted = await WaitRecordedThenFinalAsync(key.Id);
        Assert.Equal("scored", notCounted.GetProperty("status").GetString());
        Assert.False(notCounted.GetProperty("counted").GetBoolean());
        Assert.StartsWith("Đã chấm điểm nhưng không được tính: xã đã khóa số liệu", notCounted.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(first, (await _app.GetJsonAsync($"/api/units/2025/{Commune}/summary")).GetProperty("submissionId").GetString());

        var reopened = await StepAsync(Commune, "mo-lai", """{"lyDo":"Phát hiện sai sót ở thôn 2"}""", principal: "can-bo-tinh@hanoi");
        Assert.Equal(HttpStatusCode.OK, reopened.Status);
        Assert.False(reopened.Body.GetProperty("locked").GetBoolean());
        Assert.Equal("can-bo-tinh@hanoi", reopened.Body.GetProperty("reopenings")[0].GetProperty("by").GetString());
        Assert.Equal("quyet-dinh", reopened.Body.GetProperty("next").GetProperty("step").GetString());

        var corrected = await _app.UploadAcceptedAsync(2025, Commune, AppUnderTest.Survey(Commune, 45, seed: 23));
        var scored = await _app.WaitFinalAsync(corrected);
        Assert.True(scored.GetProperty("counted").GetBoolean());
        await _app.WaitSummaryAsync(2025, Commune, s => s.GetProperty("submissionId").GetString() == corrected);

        var progress = await _app.GetJsonAsync("/api/reviews/2025/01/progress");
        var commune = progress.GetProperty("communes").EnumerateArray().Single(c => c.GetProperty("communeCode").GetString() == Commune);
        Assert.False(commune.GetProperty("locked").GetBoolean());
        Assert.Equal("quyet-dinh", commune.GetProperty("next").GetString());
        Assert.True(commune.GetProperty("steps").GetProperty("niem-yet").GetProperty("done").GetBoolean());
        Assert.Equal("2025-11-24", commune.GetProperty("steps").GetProperty("niem-yet").GetProperty("date").GetString());
        Assert.Equal(["danh-sach", "khao-sat", "hop-dan", "niem-yet"], OtherCommune(progress).GetProperty("lateMilestones").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, progress.GetProperty("steps").GetProperty("hop-dan").GetProperty("done").GetInt32());
        Assert.Equal("2025-12-10", progress.GetProperty("today").GetString());
    }

    [Fact]
    public async Task Bad_bodies_are_400_with_located_errors_unknown_steps_404_and_the_survey_step_is_automatic()
    {
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("/api/reviews/2025/79", null)).Status);
        const string Commune = "25747";

        var notJson = await StepAsync(Commune, "hop-dan", "{\"thon\": \"A\",");
        AssertProblem(notJson, HttpStatusCode.BadRequest, "yeu-cau-khong-hop-le", null);
        Assert.StartsWith("Nội dung yêu cầu không phải JSON hợp lệ", notJson.Body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var missing = await StepAsync(Commune, "hop-dan", """{"thon":"A","ngay":"2025-11-03","thamDu":10,"dongY":11}""");
        AssertProblem(missing, HttpStatusCode.BadRequest, "yeu-cau-khong-hop-le", null);
        Assert.Equal("dongY", missing.Body.GetProperty("errors")[0].GetProperty("location").GetString());

        var window = await PostAsync("/api/reviews/2025/79", """{"milestones":{"hop-dan":"2025-12-20"}}""");
        AssertProblem(window, HttpStatusCode.BadRequest, "yeu-cau-khong-hop-le", null);
        Assert.Equal("milestones.hop-dan", window.Body.GetProperty("errors")[0].GetProperty("location").GetString());

        AssertProblem(await StepAsync(Commune, "hop-thon", "{}"), HttpStatusCode.NotFound, "buoc-khong-ton-tai", null);
        AssertProblem(await StepAsync("99999", "danh-sach", "{}"), HttpStatusCode.NotFound, "ma-xa-khong-ton-tai", null);
        AssertProblem(await StepAsync(Commune, "khao-sat", "{}"), HttpStatusCode.Conflict, "buoc-tu-dong", null);
        AssertProblem(await StepAsync("00004", "danh-sach", "{}", year: 2024), HttpStatusCode.Conflict, "chua-bat-dau-ra-soat", null);
        using var unstarted = await _app.Client.GetAsync(new Uri("/api/reviews/2025/04/progress", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unstarted.StatusCode);
    }

    /// <summary>Waits for the blob trigger to record a file put straight into the container, then for its result.</summary>
    private async Task<JsonElement> WaitRecordedThenFinalAsync(string submissionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await _app.Client.GetAsync(new Uri($"/api/submissions/{submissionId}", UriKind.Relative));
            if (response.IsSuccessStatusCode)
                return await _app.WaitFinalAsync(submissionId);
            Assert.True(DateTime.UtcNow < deadline, $"The blob trigger never recorded {submissionId}.");
            await Task.Delay(100);
        }
    }

    private static JsonElement Step(JsonElement report, string step) =>
        report.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == step);

    private static JsonElement OtherCommune(JsonElement progress) =>
        progress.GetProperty("communes").EnumerateArray().First(c => c.GetProperty("communeCode").GetString() != "00166");

    private static void AssertProblem((HttpStatusCode Status, JsonElement Body) answer, HttpStatusCode status, string code, string? detail)
    {
        Assert.True(answer.Status == status, $"{(int)answer.Status}: {answer.Body}");
        Assert.Equal("urn:giamngheo:problem:" + code, answer.Body.GetProperty("type").GetString());
        if (detail is not null)
            Assert.Equal(detail, answer.Body.GetProperty("detail").GetString());
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> StepAsync(string commune, string step, string body, string? principal = null, int year = 2025) =>
        PostAsync($"/api/reviews/{year}/{commune}/steps/{step}", body, principal);

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string? body, string? principal = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (principal is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Shared.Issuer.Issue([Role.Admin], [], principal));
        using var response = await _app.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
