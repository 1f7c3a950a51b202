using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GiamNgheo.Functions.Http;
using GiamNgheo.Surveys.Reading;

namespace GiamNgheo.Functions.Tests.EndToEnd;

/// <summary>Requests the API cannot serve get a 4xx problem in Vietnamese that says why, never a 500: a year no standard
/// covers, a body over the upload limit, a body that arrives too slowly; a survey with hostile household codes is
/// rejected at its cells, never failed.</summary>
public sealed class WrongRequestTests : IClassFixture<AppFixture>
{
    private readonly AppUnderTest _app;

    public WrongRequestTests(AppFixture app) => _app = app.Instance;

    public static TheoryData<string, string> YearRequests()
    {
        var requests = new TheoryData<string, string>();
        foreach (var year in new[] { 0, 10000, 2021, 2100 })
        {
            requests.Add("GET", $"/api/units/{year}/00004/summary");
            requests.Add("GET", $"/api/units/{year}/01/summary");
            requests.Add("GET", $"/api/units/{year}/00004/households");
            requests.Add("GET", $"/api/exports/{year}/01");
            requests.Add("GET", $"/api/exports/{year}/01/builds/abc");
            requests.Add("GET", $"/api/exports/{year}/01/builds/abc/file");
            requests.Add("GET", $"/api/template?year={year}");
            requests.Add("POST", $"/api/surveys/{year}/00004");
            requests.Add("POST", $"/api/reviews/{year}/01");
            requests.Add("POST", $"/api/reviews/{year}/00004/steps/danh-sach");
            requests.Add("GET", $"/api/reviews/{year}/00004");
            requests.Add("GET", $"/api/reviews/{year}/01/progress");
        }

        return requests;
    }

    [Theory]
    [MemberData(nameof(YearRequests))]
    public async Task Regression_a_year_outside_the_standards_gave_500_or_404_instead_of_400_with_the_reason(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await _app.Client.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "nam-khong-ho-tro");
        Assert.Equal("Năm rà soát chưa được hỗ trợ", problem.GetProperty("title").GetString());
        Assert.Matches(@"^Chưa có chuẩn nghèo cho năm \d+; hệ thống hỗ trợ các năm 2022–2030\.$", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Regression_a_210_MB_upload_gave_500_instead_of_413()
    {
        const long size = 210L << 20;
        Assert.True(size > SurveyLimits.Default.MaxFileBytes);

        var (status, contentType, body) = await UploadRawAsync(size, async (network, cancellationToken) =>
        {
            var chunk = new byte[1 << 16];
            chunk.AsSpan().Fill((byte)'0');
            for (long sent = 0; sent < size; sent += chunk.Length)
                await network.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - sent)), cancellationToken);
        });

        var problem = Problem(status, contentType, body, HttpStatusCode.RequestEntityTooLarge, "tep-qua-lon");
        Assert.Equal("Tệp quá lớn", problem.GetProperty("title").GetString());
        Assert.Contains($"giới hạn {(SurveyLimits.Default.MaxFileBytes >> 20) + 1} MB của một lần gửi", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_a_body_that_stops_arriving_gave_500_instead_of_408()
    {
        var grace = RequestLimits.MinRequestBodyDataRate.GracePeriod;

        var (status, contentType, body) = await UploadRawAsync(1_000_000, async (network, cancellationToken) =>
        {
            await network.WriteAsync("PK\u0003\u0004"u8.ToArray(), cancellationToken);
            await Task.Delay(grace * 3, cancellationToken);
        });

        var problem = Problem(status, contentType, body, HttpStatusCode.RequestTimeout, "gui-qua-cham");
        Assert.Equal("Gửi dữ liệu quá chậm", problem.GetProperty("title").GetString());
        Assert.Contains("kết nối mạng", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_an_overlong_or_hidden_character_household_code_ended_failed_instead_of_rejected_at_its_cell()
    {
        var decomposed = "Hộ-02".Normalize(NormalizationForm.FormD);
        var households = string.Join("\n",
            "ma_ho,khu_vuc,so_nhan_khau,thu_nhap_binh_quan",
            $"{new string('X', 1100)},nong_thon,4,1200000",
            "Hộ-02,nong_thon,3,1400000",
            $"{decomposed},thanh_thi,2,2500000",
            "H\u202E04,nong_thon,4,1800000",
            "H\u000705,nong_thon,1,900000");
        var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("thong_tin.csv", "nam,ma_tinh,ma_xa,tong_so_ho,tong_so_nhan_khau\n2025,01,00004,100,400\n"), ("ho.csv", households + "\n") })
            {
                await using var entry = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                await entry.WriteAsync(text);
            }
        }

        var submission = await _app.WaitFinalAsync(await _app.UploadAcceptedAsync(2025, "00004", zip.ToArray()));

        Assert.Equal("rejected", submission.GetProperty("status").GetString());
        var errors = submission.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("sheet").GetString()} {e.GetProperty("row").GetInt32()} {e.GetProperty("column").GetString()} {e.GetProperty("key").GetString()}")
            .ToList();
        Assert.Equal(["ho.csv 2 1 ma_ho", "ho.csv 4 1 ma_ho", "ho.csv 5 1 ma_ho", "ho.csv 6 1 ma_ho"], errors);
        var messages = submission.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Contains("quá giới hạn 64 ký tự", messages[0], StringComparison.Ordinal);
        Assert.Contains("trùng với dòng 3", messages[1], StringComparison.Ordinal);
        Assert.Contains("U+202E", messages[2], StringComparison.Ordinal);
        Assert.Contains("U+0007", messages[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\n\r\nPK\u0003\u0004 and no closing boundary")]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"")]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\nX-Pad: {pad}\r\n\r\nPK\r\n--b--\r\n")]
    public async Task Regression_a_multipart_body_broken_off_or_with_oversized_headers_gave_500_instead_of_400(string body)
    {
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body.Replace("{pad}", new string('x', 20_000), StringComparison.Ordinal)));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        using var response = await _app.Client.PostAsync(new Uri("/api/surveys/2025/00004", UriKind.Relative), content);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "tai-len-khong-tron-ven");
        Assert.Contains("hãy tải lại tệp .xlsx", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Posts a survey upload over a socket of its own: the server answers these before the body is over, which
    /// HttpClient only reads once it has sent everything. Headers the app's client sends on every request go along.</summary>
    private async Task<(int Status, string? ContentType, string Body)> UploadRawAsync(long fileLength, Func<Stream, CancellationToken, Task> writeFile)
    {
        const string boundary = "ranh-gioi";
        var preamble = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"khao-sat.zip\"\r\nContent-Type: application/zip\r\n\r\n");
        var epilogue = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        var address = _app.Client.BaseAddress!;
        var head = new StringBuilder()
            .Append("POST /api/surveys/2025/00004 HTTP/1.1\r\n")
            .Append($"Host: {address.Authority}\r\n")
            .Append($"Content-Type: multipart/form-data; boundary={boundary}\r\n")
            .Append($"Content-Length: {preamble.Length + fileLength + epilogue.Length}\r\n");
        foreach (var (name, values) in _app.Client.DefaultRequestHeaders)
            head.Append($"{name}: {string.Join(", ", values)}\r\n");
        head.Append("\r\n");

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var network = tcp.GetStream();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var reading = ReadResponseAsync(network, stop.Token);
        try
        {
            await network.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stop.Token);
            await network.WriteAsync(preamble, stop.Token);
            await Task.WhenAny(reading, writeFile(network, stop.Token));
        }
        catch (IOException)
        {
            // The server stopped reading once it had answered.
        }

        var response = await reading;
        await stop.CancelAsync();
        return response;
    }

    private static async Task<(int Status, string? ContentType, string Body)> ReadResponseAsync(Stream network, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        try
        {
            while ((read = await network.ReadAsync(buffer, cancellationToken)) > 0)
                received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // A reset after the answer: what arrived before it is the answer.
        }

        var bytes = received.ToArray();
        var split = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(split > 0, $"No HTTP answer: {Encoding.UTF8.GetString(bytes)}");
        var lines = Encoding.ASCII.GetString(bytes, 0, split).Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = bytes[(split + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            body = Unchunk(body);
        return (int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers.GetValueOrDefault("Content-Type"), Encoding.UTF8.GetString(body));
    }

    private static byte[] Unchunk(byte[] chunked)
    {
        var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var end = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            var length = Convert.ToInt32(Encoding.ASCII.GetString(chunked, at, end - at), 16);
            if (length == 0)
                return body.ToArray();
            body.Write(chunked, end + 2, length);
            at = end + 2 + length + 2;
        }
    }

    private static JsonElement Problem(int status, string? contentType, string body, HttpStatusCode expected, string code)
    {
        Assert.True(status == (int)expected, $"{status}: {body}");
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(Problems.TypePrefix + code, problem.GetProperty("type").GetString());
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return problem;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(Problems.TypePrefix + code, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return problem;
    }
}
