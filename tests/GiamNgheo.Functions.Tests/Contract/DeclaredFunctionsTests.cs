using System.Reflection;
using System.Text.Json;
using GiamNgheo.LocalHost.Functions;
using GiamNgheo.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.Functions.Tests.Contract;

/// <summary>The local host serves exactly what the built function app declares to the Functions host: every HTTP function's
/// route and methods, every trigger and its source, every orchestration and activity.</summary>
/// <remarks>"Declared" is read two ways: the <c>functions.metadata</c> file the build writes (what the deployment package
/// carries), and the list the isolated worker reports when it starts (the generated metadata provider plus the Durable
/// extension's transformer, which adds the class-based orchestrators and activities), obtained by building the app with
/// <see cref="FunctionApp.Configure"/>, the method Program.cs runs.</remarks>
public sealed class DeclaredFunctionsTests : IClassFixture<AppFixture>
{
    private readonly AppUnderTest _app;

    public DeclaredFunctionsTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public async Task The_worker_declares_what_the_built_functions_metadata_lists_plus_the_durable_tasks()
    {
        var declared = await WorkerDeclaredAsync();
        var built = BuiltMetadata();

        Assert.Equal(built.Keys.Order(StringComparer.Ordinal), declared.Where(d => !IsDurableTask(d.Value)).Select(d => d.Key).Order(StringComparer.Ordinal));
        foreach (var (name, trigger) in built)
            Assert.Equal(Describe(trigger), Describe(declared[name]));
        Assert.Contains(declared.Values, IsDurableTask);
    }

    [Fact]
    public async Task The_local_host_serves_every_http_function_on_its_route_and_methods_and_nothing_else()
    {
        var declared = (await WorkerDeclaredAsync()).Where(d => Type(d.Value) == "httpTrigger")
            .Select(d => $"{d.Key} {string.Join(',', d.Value.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order(StringComparer.Ordinal))} {d.Value.GetProperty("route").GetString()}")
            .Order(StringComparer.Ordinal);
        // The local host's own development sign-in (GET /dev/sign-in) is the one endpoint that is no function of the app.
        var served = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/dev/", StringComparison.Ordinal))
            .Select(e => $"{e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName} {string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Order(StringComparer.Ordinal))} {e.RoutePattern.RawText!.TrimStart('/')}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, served);
    }

    [Fact]
    public async Task The_local_host_listens_to_every_blob_queue_and_timer_trigger_with_its_source()
    {
        var declared = (await WorkerDeclaredAsync()).Where(d => Type(d.Value) is "blobTrigger" or "queueTrigger" or "timerTrigger")
            .Select(d => $"{d.Key} {Type(d.Value)} {Source(d.Value)}")
            .Order(StringComparer.Ordinal);
        var listened = _app.Host.Functions.Where(f => f.Kind != TriggerKind.Http)
            .Select(f => $"{f.Name} {f.Kind.ToString().ToLowerInvariant()}Trigger {f.Source}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, listened);
    }

    [Fact]
    public async Task The_local_durable_worker_runs_every_orchestration_and_activity_the_app_declares()
    {
        var declared = (await WorkerDeclaredAsync()).Where(d => IsDurableTask(d.Value)).Select(d => d.Key).Order(StringComparer.Ordinal);

        Assert.Equal(declared, _app.Host.DurableTasks);
    }

    [Fact]
    public async Task The_score_survey_blob_trigger_runs_from_event_grid_as_flex_consumption_requires()
    {
        var score = (await WorkerDeclaredAsync())["score-survey"];

        Assert.Equal("EventGrid", score.GetProperty("source").GetString());
        Assert.Equal("AzureWebJobsStorage", score.GetProperty("connection").GetString());
    }

    /// <summary>The functions the isolated worker reports to the host, by name, as their trigger binding.</summary>
    private static async Task<Dictionary<string, JsonElement>> WorkerDeclaredAsync()
    {
        // The worker finds its generated startup code through the entry assembly, which under a test runner is the runner.
        var entry = Assembly.GetEntryAssembly();
        Assembly.SetEntryAssembly(typeof(FunctionApp).Assembly);
        try
        {
            using var host = FunctionApp.Configure(FunctionsApplication.CreateBuilder([])).Build();
            var functions = (await host.Services.GetRequiredService<IFunctionMetadataProvider>().GetFunctionMetadataAsync(AppContext.BaseDirectory)).ToList();
            foreach (var transformer in host.Services.GetServices<IFunctionMetadataTransformer>())
                transformer.Transform(functions);
            return functions.ToDictionary(f => f.Name!, f => TriggerOf(f.RawBindings!.Select(b => JsonDocument.Parse(b).RootElement)));
        }
        finally
        {
            Assembly.SetEntryAssembly(entry);
        }
    }

    /// <summary>The functions.metadata the build wrote next to the app, by name, as their trigger binding.</summary>
    private static Dictionary<string, JsonElement> BuiltMetadata()
    {
        // The tests run from bin/<configuration>/net10.0: read the app built in the same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(RepositoryRoot.Find(), "functions", "GiamNgheo.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => TriggerOf(f.GetProperty("bindings").EnumerateArray()).Clone());
    }

    private static JsonElement TriggerOf(IEnumerable<JsonElement> bindings) =>
        bindings.Single(b => Type(b).EndsWith("Trigger", StringComparison.Ordinal));

    private static string Type(JsonElement binding) => binding.GetProperty("type").GetString()!;

    private static bool IsDurableTask(JsonElement trigger) => Type(trigger) is "orchestrationTrigger" or "activityTrigger" or "entityTrigger";

    private static string? Source(JsonElement trigger) => Type(trigger) switch
    {
        "blobTrigger" => trigger.GetProperty("path").GetString(),
        "queueTrigger" => trigger.GetProperty("queueName").GetString(),
        "timerTrigger" => trigger.GetProperty("schedule").GetString(),
        _ => null,
    };

    private static string Describe(JsonElement trigger)
    {
        var parts = new List<string> { Type(trigger) };
        foreach (var key in new[] { "route", "authLevel", "path", "source", "connection", "queueName", "schedule" })
        {
            if (trigger.TryGetProperty(key, out var value))
                parts.Add($"{key}={value.GetString()}");
        }

        if (trigger.TryGetProperty("methods", out var methods))
            parts.Add("methods=" + string.Join(',', methods.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal)));
        return string.Join(' ', parts);
    }
}
