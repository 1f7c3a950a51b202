using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GiamNgheo.Functions.Http;
using GiamNgheo.Functions.Http.Description;
using GiamNgheo.Functions.Http.Security;
using GiamNgheo.LocalHost.Functions;
using GiamNgheo.LocalHost.OpenApi;
using GiamNgheo.Testing;

namespace GiamNgheo.Functions.Tests.Contract;

/// <summary>The API description (ADR 0013): every HTTP function is in the generated OpenAPI 3.1 document with its method, route,
/// Vietnamese summary, parameters and responses, every problem code is listed, the bearer scheme guards what needs a sign-in, the
/// checked-in copy the function app serves is the generated one, and the reference page loads nothing from the internet.</summary>
public sealed partial class OpenApiDocumentTests : IClassFixture<AppFixture>
{
    /// <summary>Set to 1 to write the generated document over the checked-in one instead of failing.</summary>
    private const string UpdateVariable = "GIAMNGHEO_UPDATE_OPENAPI";

    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    /// <summary>Where problems are answered: the HTTP functions and the refusals of intake and the review they pass on.</summary>
    private static readonly string[] ProblemSources = ["functions/GiamNgheo.Functions/Http", "shared/GiamNgheo.Pipeline/Submissions", "shared/GiamNgheo.Workflows/Review"];

    private readonly AppUnderTest _app;

    public OpenApiDocumentTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task Every_http_function_is_described_with_its_method_route_vietnamese_summary_parameters_and_responses()
    {
        var paths = (await GeneratedAsync())["paths"]!.AsObject();
        var http = _app.Host.Functions.Where(f => f.Kind == TriggerKind.Http).ToList();

        foreach (var function in http)
        {
            var path = "/" + RouteConstraint().Replace(function.Source, "{$1}");
            Assert.True(paths.ContainsKey(path), $"{function.Name}: {path} is not in the document.");
            foreach (var method in function.HttpMethods)
            {
                var operation = paths[path]![method]?.AsObject();
                Assert.True(operation is not null, $"{function.Name}: {method.ToUpperInvariant()} {path} is not in the document.");
                Assert.Equal(function.Name, operation["operationId"]?.GetValue<string>());
                var summary = operation["summary"]?.GetValue<string>() ?? "";
                Assert.True(summary.Any(c => c > '\u007f'), $"{function.Name}: summary \"{summary}\" is not Vietnamese.");
                Assert.NotEmpty(operation["tags"]!.AsArray());

                var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
                foreach (var name in RouteParameter().Matches(function.Source).Select(m => m.Groups[1].Value))
                {
                    var parameter = parameters.SingleOrDefault(p => p["name"]!.GetValue<string>() == name && p["in"]!.GetValue<string>() == "path");
                    Assert.True(parameter?["description"] is not null, $"{function.Name}: path parameter {name} is not described.");
                }

                var responses = operation["responses"]!.AsObject();
                Assert.Contains(responses, r => r.Key[0] is '2' or '3');
                Assert.All(responses, r => Assert.False(string.IsNullOrWhiteSpace(r.Value!["description"]?.GetValue<string>()), $"{function.Name}: response {r.Key} has no description."));
                Assert.True(responses.ContainsKey("500"), $"{function.Name}: the 500 problem is not described.");
                if (!RequestAuthenticator.AnonymousFunctions.Contains(function.Name))
                    Assert.True(responses.ContainsKey("401") && responses.ContainsKey("403"), $"{function.Name}: 401 and 403 are not described.");
            }
        }

        var described = paths.SelectMany(p => Methods.Where(m => p.Value![m] is not null)).Count();
        Assert.Equal(http.Sum(f => f.HttpMethods.Count), described);
    }

    [Fact]
    public async Task Query_parameters_and_upload_bodies_are_described()
    {
        var paths = (await GeneratedAsync())["paths"]!;

        var template = paths["/api/template"]!["get"]!["parameters"]!.AsArray().Single()!;
        Assert.Equal("year", template["name"]!.GetValue<string>());
        Assert.Equal("query", template["in"]!.GetValue<string>());
        Assert.True(template["required"]!.GetValue<bool>());
        var upload = paths["/api/surveys/{year}/{communeCode}"]!["post"]!;
        Assert.Equal("binary", upload["requestBody"]!["content"]![ApiMediaTypes.Multipart]!["schema"]!["properties"]!["file"]!["format"]!.GetValue<string>());
        Assert.NotNull(upload["responses"]!["409"]!["content"]![ApiMediaTypes.Problem]!["examples"]!["xa-da-khoa"]);
    }

    [Fact]
    public async Task Every_problem_code_the_sources_answer_is_listed_and_in_the_document()
    {
        var root = RepositoryRoot.Find();
        var answered = ProblemSources
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .SelectMany(f => ProblemCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        var document = await GeneratedAsync();
        var types = document["components"]!["schemas"]!["Problem"]!["properties"]!["type"]!["enum"]!.AsArray().Select(t => t!.GetValue<string>());

        Assert.Empty(answered.Except(ProblemTypes.All.Select(p => p.Code)));
        Assert.Equal(ProblemTypes.All.Select(p => p.Type).Order(StringComparer.Ordinal), types.Order(StringComparer.Ordinal));
        var examples = document["paths"]!.AsObject().SelectMany(p => Methods.Select(m => p.Value![m]).OfType<JsonNode>())
            .SelectMany(o => o["responses"]!.AsObject().Select(r => r.Value!["content"]?[ApiMediaTypes.Problem]?["examples"]).OfType<JsonNode>())
            .SelectMany(e => e.AsObject().Select(x => x.Key))
            .ToHashSet();
        Assert.Empty(ProblemTypes.All.Select(p => p.Code).Except(examples));
    }

    [Fact]
    public async Task The_bearer_scheme_guards_every_operation_but_the_anonymous_ones()
    {
        var document = await GeneratedAsync();
        var scheme = document["components"]!["securitySchemes"]!["bearer"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        Assert.Equal("JWT", scheme["bearerFormat"]!.GetValue<string>());
        Assert.Contains("Entra ID", scheme["description"]!.GetValue<string>(), StringComparison.Ordinal);

        foreach (var operation in document["paths"]!.AsObject().SelectMany(p => Methods.Select(m => p.Value![m]).OfType<JsonNode>()))
        {
            var name = operation["operationId"]!.GetValue<string>();
            var guarded = operation["security"]?.AsArray().Any(r => r!.AsObject().ContainsKey("bearer")) ?? false;
            Assert.True(guarded != RequestAuthenticator.AnonymousFunctions.Contains(name), $"{name}: bearer requirement is {guarded}.");
        }
    }

    [Fact]
    public async Task The_document_is_OpenAPI_3_1()
    {
        var document = await GeneratedAsync();

        Assert.StartsWith("3.1.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("/", document["servers"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_function_app_serves_the_generated_document_without_a_token()
    {
        var generated = await GeneratedTextAsync();
        using var anonymous = new HttpClient { BaseAddress = _app.Host.BaseAddress };
        using var served = await anonymous.GetAsync(new Uri("/api/openapi.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        if (JsonNode.DeepEquals(JsonNode.Parse(generated), JsonNode.Parse(await served.Content.ReadAsStringAsync())))
            return;

        var checkedIn = Path.Combine(RepositoryRoot.Find(), "functions/GiamNgheo.Functions/Http/openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(checkedIn, generated.ReplaceLineEndings("\n").TrimEnd() + "\n");
            return;
        }

        Assert.Fail($"The API description changed: {checkedIn} (embedded and served at /api/openapi.json) is not what the local host generates. " +
            $"Run `{UpdateVariable}=1 dotnet test tests/GiamNgheo.Functions.Tests -c Release --filter FullyQualifiedName~OpenApiDocumentTests`, " +
            "rebuild, and commit the file.");
    }

    [Fact]
    public async Task The_reference_page_and_its_scripts_come_from_the_host_and_name_no_other_origin()
    {
        using var anonymous = new HttpClient { BaseAddress = _app.Host.BaseAddress };
        using var page = await anonymous.GetAsync(new Uri(ApiReference.PagePath + "/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Empty(Origin().Matches(html).Select(m => m.Value));
        // The script names scalar.com for these when they are left at their defaults.
        foreach (var off in new[] { "\"withDefaultFonts\":false", "\"telemetry\":false", "\"agent\":{\"disabled\":true}", "\"proxyUrl\":\"\"" })
            Assert.Contains(off, html, StringComparison.Ordinal);
        var sources = Source().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            using var asset = await anonymous.GetAsync(new Uri(new Uri(_app.Host.BaseAddress, ApiReference.PagePath + "/"), source));
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{source}: {(int)asset.StatusCode}");
        }
    }

    private async Task<JsonNode> GeneratedAsync() => JsonNode.Parse(await GeneratedTextAsync())!;

    private async Task<string> GeneratedTextAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = _app.Host.BaseAddress };
        return await anonymous.GetStringAsync(new Uri(ApiReference.DocumentPath, UriKind.Relative));
    }

    [GeneratedRegex(@"\{\*?([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"\{\*?([A-Za-z_][A-Za-z0-9_]*)[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex RouteParameter();

    /// <summary>A code as the sources answer it: a kebab-case literal followed by a status, a refusal kind or a Vietnamese title.</summary>
    [GeneratedRegex(@"""([a-z]+(?:-[a-z]+)+)"",\s*(?:\d{3}\b|StatusCodes\.|IntakeRefusal\.|ReviewRefusalKind\.|kind\b|\$?""\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemCode();

    [GeneratedRegex(@"https?://[^\s""'<>)]+", RegexOptions.CultureInvariant)]
    private static partial Regex Origin();

    [GeneratedRegex(@"(?:src|href)\s*=\s*""([^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex Source();
}
