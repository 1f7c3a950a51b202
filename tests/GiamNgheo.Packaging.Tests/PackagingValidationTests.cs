using System.IO.Compression;

namespace GiamNgheo.Packaging.Tests;

/// <summary>What the package builder refuses, on a small synthetic app so the rules do not depend on the real functions.</summary>
public sealed class PackagingValidationTests : IDisposable
{
    private const string HostJson = """
        {
          "version": "2.0",
          "customHandler": {
            "description": { "defaultExecutablePath": "handler/App", "workingDirectory": "handler" }
          }
        }
        """;

    private const string HttpFunction = """
        { "bindings": [
          { "type": "httpTrigger", "direction": "in", "name": "req", "methods": [ "get" ] },
          { "type": "http", "direction": "out", "name": "res" } ] }
        """;

    private readonly TempFolder _temp = new();

    public PackagingValidationTests()
    {
        AppRoot = _temp.Path("app");
        _temp.Write("app/host.json", HostJson);
        _temp.Write("app/functions/health/function.json", HttpFunction);
        _temp.Write("app/functions/Handler.Project/Handler.Project.csproj", "<Project />");
        _temp.Write("app/functions/Handler.Project/bin/Release/x.dll", "x");
        PublishDir = FakePublish.Create(_temp, "App");
        OutputZip = _temp.Path("out", "package.zip");
    }

    private string AppRoot { get; }

    private string PublishDir { get; }

    private string OutputZip { get; }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_valid_app_packages_and_skips_folders_that_are_not_function_names()
    {
        var result = DeploymentPackage.Build(AppRoot, PublishDir, OutputZip);

        Assert.Equal(["health"], result.Functions);
        using var zip = ZipFile.OpenRead(OutputZip);
        Assert.Contains(zip.Entries, e => e.FullName == "health/function.json");
        Assert.Contains(zip.Entries, e => e.FullName == "handler/App");
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("Handler.Project", StringComparison.Ordinal));
    }

    [Fact]
    public void Packaging_rejects_a_missing_handler()
    {
        File.Delete(Path.Combine(PublishDir, "App"));

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains("'App'", error.Message, StringComparison.Ordinal);
        Assert.Contains("handler/App", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(OutputZip));
    }

    [Fact]
    public void Packaging_rejects_a_missing_publish_folder()
    {
        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, _temp.Path("nowhere"), OutputZip));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packaging_rejects_a_function_folder_without_function_json()
    {
        Directory.CreateDirectory(Path.Combine(AppRoot, "functions", "score-survey"));

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains("functions/score-survey: the function folder has no function.json", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(OutputZip));
    }

    [Theory]
    [InlineData("Score.Survey")]
    [InlineData("1score")]
    [InlineData("score survey")]
    public void Packaging_rejects_a_folder_with_function_json_whose_name_the_host_rejects(string name)
    {
        _temp.Write($"app/functions/{name}/function.json", HttpFunction);

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains($"'{name}' is not a valid function name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("health", true)]
    [InlineData("score-survey", true)]
    [InlineData("refresh_summaries2", true)]
    [InlineData("Health", true)]
    [InlineData("host", false)]
    [InlineData("GiamNgheo.Functions", false)]
    [InlineData("-health", false)]
    [InlineData("", false)]
    public void Function_names_follow_the_host_rule(string name, bool valid)
    {
        Assert.Equal(valid, DeploymentPackage.IsValidFunctionName(name));
    }

    [Fact]
    public void Packaging_rejects_a_function_named_host()
    {
        _temp.Write("app/functions/host/function.json", HttpFunction);

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains("'host' is reserved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packaging_rejects_a_function_named_like_the_handler_folder()
    {
        _temp.Write("app/functions/handler/function.json", HttpFunction);

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains("same as the handler folder", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "bindings": [] }""", "non-empty \"bindings\" array")]
    [InlineData("""{ "bindings": [ { "type": "http", "direction": "out", "name": "res" } ] }""", "exactly one trigger binding, found 0")]
    [InlineData("""{ "bindings": [ { "type": "queueTrigger", "name": "a" }, { "type": "timerTrigger", "name": "b" } ] }""", "exactly one trigger binding, found 2")]
    [InlineData("""{ "bindings": [ { "type": "queueTrigger", "name": "my-message" } ] }""", "has name 'my-message'")]
    [InlineData("""{ "bindings": [ { "name": "message" } ] }""", "a binding has no \"type\"")]
    [InlineData("""{ "bindings": [ """, "not valid JSON")]
    public void Packaging_rejects_a_function_json_the_host_would_reject(string functionJson, string expected)
    {
        _temp.Write("app/functions/broken/function.json", functionJson);

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains("functions/broken/function.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_return_binding_name_is_accepted()
    {
        _temp.Write("app/functions/echo/function.json", """
            { "bindings": [
              { "type": "queueTrigger", "direction": "in", "name": "message", "queueName": "q" },
              { "type": "queue", "direction": "out", "name": "$return", "queueName": "r" } ] }
            """);

        Assert.Equal(["echo", "health"], DeploymentPackage.Build(AppRoot, PublishDir, OutputZip).Functions);
    }

    [Theory]
    [InlineData("App", "must name a file inside a handler folder")]
    [InlineData("../outside/App", "must not contain '..'")]
    [InlineData("/usr/bin/App", "must be relative to the app root")]
    [InlineData("", "is missing or empty")]
    public void Packaging_rejects_an_executable_path_outside_a_handler_folder(string executablePath, string expected)
    {
        _temp.Write("app/host.json", HostJson.Replace("handler/App", executablePath, StringComparison.Ordinal));

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packaging_rejects_host_json_without_a_custom_handler()
    {
        _temp.Write("app/host.json", """{ "version": "2.0" }""");

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains("no customHandler.description section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_json_keys_are_read_case_insensitively_like_the_host_does()
    {
        _temp.Write("app/host.json", """
            { "version": "2.0", // comments are allowed
              "CustomHandler": { "Description": { "DefaultExecutablePath": "./handler/App" } } }
            """);

        var layout = DeploymentPackage.ReadHandlerLayout(AppRoot);

        Assert.Equal(new HandlerLayout("handler", "App", null), layout);
    }

    [Fact]
    public void Packaging_rejects_a_working_directory_outside_the_handler_folder()
    {
        _temp.Write("app/host.json", HostJson.Replace("\"workingDirectory\": \"handler\"", "\"workingDirectory\": \"elsewhere\"", StringComparison.Ordinal));

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains("workingDirectory 'elsewhere'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packaging_rejects_an_output_zip_inside_the_publish_folder()
    {
        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, Path.Combine(PublishDir, "package.zip")));
        Assert.Contains("inside the publish folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packaging_lists_every_problem_at_once()
    {
        File.Delete(Path.Combine(PublishDir, "App"));
        Directory.CreateDirectory(Path.Combine(AppRoot, "functions", "empty"));
        _temp.Write("app/functions/Bad.Name/function.json", HttpFunction);

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains("'App'", error.Message, StringComparison.Ordinal);
        Assert.Contains("functions/empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Bad.Name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packaging_rejects_an_app_without_functions()
    {
        Directory.Delete(Path.Combine(AppRoot, "functions", "health"), recursive: true);

        var error = Assert.Throws<DeploymentPackageException>(() => DeploymentPackage.Build(AppRoot, PublishDir, OutputZip));
        Assert.Contains("No function folders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_zip_is_replaced()
    {
        _temp.Write("out/package.zip", "an old file that is not a zip");

        DeploymentPackage.Build(AppRoot, PublishDir, OutputZip);

        using var zip = ZipFile.OpenRead(OutputZip);
        Assert.Contains(zip.Entries, e => e.FullName == "host.json");
    }
}
