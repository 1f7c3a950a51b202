using GiamNgheo.Functions.HostProtocol;

namespace GiamNgheo.Functions.Tests.FunctionDefinitions;

public sealed class FunctionAppDefinitionTests : IDisposable
{
    private const string QueueFunction = """
        { "bindings": [ { "type": "queueTrigger", "direction": "in", "name": "message", "queueName": "jobs", "connection": "AzureWebJobsStorage" } ] }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("giamngheo-definition-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Repository_layout_reads_function_folders_under_functions_and_ignores_folders_without_function_json()
    {
        Write("host.json", """{ "version": "2.0" }""");
        Write("functions/rescore/function.json", QueueFunction);
        Write("functions/GiamNgheo.Functions/Program.cs", "// the handler project, not a function");

        var app = FunctionAppDefinition.Load(_root);

        var function = Assert.Single(app.Functions);
        Assert.Equal("rescore", function.Name);
        Assert.Equal("jobs", function.Trigger!.QueueName);
        Assert.Equal("AzureWebJobsStorage", function.Trigger.Connection);
    }

    [Fact]
    public void Deployed_layout_reads_function_folders_next_to_host_json()
    {
        Write("host.json", """{ "version": "2.0" }""");
        Write("rescore/function.json", QueueFunction);
        Write("handler/GiamNgheo.Functions.dll", "");

        Assert.Equal(["rescore"], FunctionAppDefinition.Load(_root).Functions.Select(f => f.Name));
    }

    [Fact]
    public void Missing_host_json_keys_take_the_hosts_defaults()
    {
        Write("host.json", """{ "version": "2.0" }""");

        var app = FunctionAppDefinition.Load(_root);

        Assert.Equal(QueueMessageWireEncoding.Base64, app.Queues.MessageEncoding);
        Assert.Equal(5, app.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, app.Queues.VisibilityTimeout);
        Assert.Equal(16, app.Queues.BatchSize);
        Assert.Equal(8 * Environment.ProcessorCount, app.Blobs.MaxDegreeOfParallelism);
        Assert.Equal("api", app.RoutePrefix);
        Assert.Null(app.FunctionTimeout);
        Assert.Null(app.CustomHandler);
        Assert.Empty(app.Functions);
    }

    [Fact]
    public void Host_json_settings_are_read_ignoring_key_case_with_comments_and_string_numbers()
    {
        Write("host.json", """
            {
              // comments are allowed, as the host allows them
              "Version": "2.0",
              "functionTimeout": "-1",
              "extensions": {
                "http": { "routePrefix": "" },
                "queues": { "messageEncoding": "None", "MaxDequeueCount": "3", "visibilityTimeout": "00:00:30", "batchSize": 8 },
                "blobs": { "maxDegreeOfParallelism": 2 }
              },
              "customHandler": { "description": { "defaultExecutablePath": "handler/app", "arguments": [ "--x" ] }, "enableForwardingHttpRequest": "true" },
            }
            """);

        var app = FunctionAppDefinition.Load(_root);

        Assert.Equal("2.0", app.Version);
        Assert.Equal(Timeout.InfiniteTimeSpan, app.FunctionTimeout);
        Assert.Equal("", app.RoutePrefix);
        Assert.Equal(QueueMessageWireEncoding.None, app.Queues.MessageEncoding);
        Assert.Equal(3, app.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(30), app.Queues.VisibilityTimeout);
        Assert.Equal(8, app.Queues.BatchSize);
        Assert.Equal(2, app.Blobs.MaxDegreeOfParallelism);
        Assert.Equal("handler/app", app.CustomHandler!.DefaultExecutablePath);
        Assert.Equal(["--x"], app.CustomHandler.Arguments);
        Assert.True(app.CustomHandler.EnableForwardingHttpRequest);
    }

    [Fact]
    public void Http_function_with_one_trigger_in_and_one_http_out_is_forwardable()
    {
        Write("host.json", """{ "version": "2.0" }""");
        Write("functions/health/function.json", """
            { "bindings": [
              { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "anonymous", "methods": [ "get", "head" ], "route": "health" },
              { "type": "http", "direction": "out", "name": "res" } ] }
            """);
        Write("functions/export/function.json", """
            { "bindings": [
              { "type": "httpTrigger", "direction": "in", "name": "req", "methods": [ "get" ], "route": "export" },
              { "type": "http", "direction": "out", "name": "res" },
              { "type": "queue", "direction": "out", "name": "next", "queueName": "jobs" } ] }
            """);

        var app = FunctionAppDefinition.Load(_root);

        var health = app.FindFunction("HEALTH")!;
        Assert.True(health.IsHttpInAndOut);
        Assert.Equal(["get", "head"], health.Trigger!.Methods);
        Assert.Equal("anonymous", health.Trigger.AuthLevel);
        Assert.False(app.FindFunction("export")!.IsHttpInAndOut);
    }

    [Fact]
    public void Function_with_two_triggers_has_no_trigger()
    {
        Write("host.json", """{ "version": "2.0" }""");
        Write("functions/twice/function.json", """
            { "bindings": [
              { "type": "queueTrigger", "direction": "in", "name": "a", "queueName": "a" },
              { "type": "timerTrigger", "direction": "in", "name": "b", "schedule": "0 * * * * *", "runOnStartup": true } ] }
            """);

        var function = Assert.Single(FunctionAppDefinition.Load(_root).Functions);

        Assert.Null(function.Trigger);
        Assert.True(function.Bindings[1].RunOnStartup);
    }

    [Fact]
    public void Same_function_in_both_layouts_is_an_error_naming_both_files()
    {
        Write("host.json", """{ "version": "2.0" }""");
        Write("functions/rescore/function.json", QueueFunction);
        Write("rescore/function.json", QueueFunction);

        var error = Assert.Throws<FunctionAppDefinitionException>(() => FunctionAppDefinition.Load(_root));

        Assert.Contains(Path.Combine("functions", "rescore", "function.json"), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "bindings": [ { "type": "queueTrigger", "direction": "in", "name": "m", "queueName": "q" }, ] ]""", "is not valid JSON")]
    [InlineData("""{ "bindings": {} }""", "\"bindings\" must be an array")]
    [InlineData("""{ "bindings": [ { "type": "queueTrigger", "direction": "in" } ] }""", "bindings[0] has no \"name\"")]
    [InlineData("""{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "t", "runOnStartup": "soon" } ] }""", "bindings[0].runOnStartup")]
    public void Invalid_function_json_is_reported_with_its_path(string json, string problem)
    {
        Write("host.json", """{ "version": "2.0" }""");
        Write("functions/broken/function.json", json);

        var error = Assert.Throws<FunctionAppDefinitionException>(() => FunctionAppDefinition.Load(_root));

        Assert.Contains(Path.Combine(_root, "functions", "broken", "function.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_message_encoding_is_reported()
    {
        Write("host.json", """{ "version": "2.0", "extensions": { "queues": { "messageEncoding": "utf8" } } }""");

        var error = Assert.Throws<FunctionAppDefinitionException>(() => FunctionAppDefinition.Load(_root));

        Assert.Contains("messageEncoding 'utf8'", error.Message, StringComparison.Ordinal);
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
