using System.Net.Http.Headers;
using GiamNgheo.Access.Callers;
using GiamNgheo.Access.Tokens;

namespace GiamNgheo.Testing;

/// <summary>The development issuer of a test process: its own key file, which every local host the tests start is given.</summary>
public sealed class TestTokens
{
    private TestTokens(string keyFile)
    {
        KeyFile = keyFile;
        Issuer = DevelopmentTokens.Open(keyFile, TimeProvider.System);
    }

    /// <summary>The one issuer of this test process.</summary>
    public static TestTokens Shared { get; } = new(Path.Combine(Path.GetTempPath(), "giamngheo-tests-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8], "dev-token-key"));

    /// <summary>The key file to give the local host (<c>LocalHostOptions.DevelopmentKeyFile</c>).</summary>
    public string KeyFile { get; }

    /// <summary>The issuer.</summary>
    public DevelopmentTokens Issuer { get; }

    /// <summary>A token of an administrator (every unit).</summary>
    public string Admin => Issuer.Issue([Role.Admin], [], "Quản trị thử");

    /// <summary>A token of one role over the units.</summary>
    public string For(Role role, params string[] units) => Issuer.Issue([role], units, $"{role.Code()} {string.Join(",", units)}");

    /// <summary>A client of the address that sends the token (an administrator's when none is given).</summary>
    /// <remarks>It does not follow redirects: HttpClient drops the Authorization header on every redirect, so a client of this API
    /// follows the export's 303 itself (as <c>AppUnderTest.DownloadExportAsync</c> does).</remarks>
    public HttpClient Client(Uri baseAddress, string? token = null, HttpMessageHandler? handler = null)
    {
        var client = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false });
        client.BaseAddress = baseAddress;
        client.Timeout = TimeSpan.FromMinutes(2);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Admin);
        return client;
    }
}
