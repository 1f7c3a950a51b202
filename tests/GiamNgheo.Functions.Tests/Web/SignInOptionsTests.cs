using System.Text.Json;
using GiamNgheo.Functions.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Functions.Tests.Web;

/// <summary>What <c>GET /api/sign-in-options</c> tells the web app, from the app settings the Bicep sets.</summary>
public sealed class SignInOptionsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static readonly (string, string)[] Azure =
    [
        ("Auth:Authority", "https://login.microsoftonline.com/8f0c7a3e-1111-4222-8333-944445555666/v2.0"),
        ("Auth:UnitsClaim", "extn.giamngheoUnits"),
        ("WebApp:ClientId", "0b7e5c1d-aaaa-4bbb-8ccc-dddddddddddd"),
        ("WebApp:ApiScope", "api://giamngheo/access_as_user"),
    ];

    [Fact]
    public void With_the_web_app_settings_it_answers_the_tenant_endpoints_without_the_issuer_suffix_the_client_and_the_api_scope_first()
    {
        var options = SignInOptions.From(Settings(Azure));

        Assert.Equal("entra", options.Mode);
        Assert.Equal("https://login.microsoftonline.com/8f0c7a3e-1111-4222-8333-944445555666", options.Authority);
        Assert.Equal("https://login.microsoftonline.com/8f0c7a3e-1111-4222-8333-944445555666/oauth2/v2.0/authorize", options.AuthorizeEndpoint);
        Assert.Equal("https://login.microsoftonline.com/8f0c7a3e-1111-4222-8333-944445555666/oauth2/v2.0/token", options.TokenEndpoint);
        Assert.Equal("0b7e5c1d-aaaa-4bbb-8ccc-dddddddddddd", options.ClientId);
        Assert.Equal(["api://giamngheo/access_as_user", "openid", "profile"], options.Scopes);
        Assert.Equal("extn.giamngheoUnits", options.UnitsClaim);
        Assert.Equal("https://login.microsoftonline.com", options.TokenOrigin);
    }

    [Theory]
    [InlineData("WebApp:ClientId")]
    [InlineData("WebApp:ApiScope")]
    [InlineData("Auth:Authority")]
    public void Without_one_of_its_settings_it_answers_development_so_the_page_offers_the_local_sign_in(string missing)
    {
        var options = SignInOptions.From(Settings([.. Azure.Where(s => s.Item1 != missing)]));

        Assert.Equal(SignInOptions.Development, options);
        Assert.Null(options.TokenOrigin);
    }

    [Fact]
    public void An_authority_over_plain_http_is_not_offered()
    {
        var options = SignInOptions.From(Settings([.. Azure.Where(s => s.Item1 != "Auth:Authority"), ("Auth:Authority", "http://login.example/tenant/v2.0")]));

        Assert.Equal("development", options.Mode);
    }

    [Fact]
    public async Task The_function_answers_the_options_as_camel_case_json()
    {
        var function = new SignInOptionsFunction(SignInOptions.Development);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await function.Run(context.Request).ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("development", json.RootElement.GetProperty("mode").GetString());
    }
}
