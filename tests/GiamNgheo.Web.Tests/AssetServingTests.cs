using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GiamNgheo.Web.Tests.Support;

namespace GiamNgheo.Web.Tests;

/// <summary>How the app's files travel to a phone on a slow connection: compressed, validated by ETag, never mistaken for
/// the API.</summary>
[Collection(WebAppTests.Name)]
public sealed class AssetServingTests(WebApp app)
{
    [Theory]
    [InlineData("")]
    [InlineData("app.css")]
    [InlineData("js/main.js")]
    public async Task App_file_is_sent_brotli_compressed_with_a_strong_etag_and_revalidates_to_304(string path)
    {
        using var client = Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + path);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var compressed = await response.Content.ReadAsByteArrayAsync();
        var text = Brotli(compressed);
        Assert.True(compressed.Length < Encoding.UTF8.GetByteCount(text), $"{path}: {compressed.Length} compressed bytes for {text.Length} characters.");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/" + path);
        again.Headers.AcceptEncoding.ParseAdd("br");
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Root_is_the_vietnamese_app_page_with_a_policy_that_allows_only_its_own_origin()
    {
        using var client = Anonymous();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"vi\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("khong-co-trang-nay")]
    [InlineData("js/khong-co.js")]
    [InlineData("api/khong-co")]
    [InlineData("api/surveys")]
    [InlineData("api")]
    public async Task Unknown_path_or_api_path_is_a_404_problem_never_the_app_page(string path)
    {
        using var client = Anonymous();
        using var response = await client.GetAsync(new Uri("/" + path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
    }

    private HttpClient Anonymous() =>
        new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    private static string Brotli(byte[] compressed)
    {
        using var input = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
