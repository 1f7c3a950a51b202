using GiamNgheo.LocalHost.Functions;
using GiamNgheo.LocalHost.Tests.Support;
using GiamNgheo.LocalHost.Tests.Triggers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.LocalHost.Tests.Functions;

public sealed class FunctionCatalogTests
{
    [Fact]
    public void Http_function_gives_its_route_without_prefix_and_lower_case_methods()
    {
        var function = TestFunctions.Named("test-unit-summary");

        Assert.Equal(TriggerKind.Http, function.Kind);
        Assert.Equal("units/{year:int}/{unitCode}/summary/{page?}/{limit?}", function.Source);
        Assert.Equal(["get"], function.HttpMethods);
        Assert.Equal(typeof(HttpTestFunctions).GetMethod(nameof(HttpTestFunctions.UnitSummary)), function.Method);
    }

    [Fact]
    public void Http_function_without_route_or_methods_answers_get_and_post_on_its_name()
    {
        var function = TestFunctions.Named("test-default-route");

        Assert.Equal("test-default-route", function.Source);
        Assert.Equal(["get", "post"], function.HttpMethods);
        Assert.True(function.Method.IsStatic);
    }

    [Fact]
    public void Blob_queue_and_timer_functions_give_path_queue_and_schedule()
    {
        var blob = TestFunctions.Named(TestBlobFunction.Name);
        var queue = TestFunctions.Named(TestQueueFunction.Name);
        var hourly = TestFunctions.Named(TestTimerFunctions.Hourly);
        var startup = TestFunctions.Named(TestTimerFunctions.YearlyOnStartup);

        Assert.Equal((TriggerKind.Blob, "test-blobs/{year}/{communeCode}/{name}"), (blob.Kind, blob.Source));
        Assert.Equal((TriggerKind.Queue, "test-queue"), (queue.Kind, queue.Source));
        Assert.Equal((TriggerKind.Timer, "0 0 * * * *", false, true), (hourly.Kind, hourly.Source, hourly.RunOnStartup, hourly.UseMonitor));
        Assert.Equal(("0 0 0 1 1 *", true, false), (startup.Source, startup.RunOnStartup, startup.UseMonitor));
        Assert.All([blob, queue, hourly, startup], f => Assert.Empty(f.HttpMethods));
    }

    [Fact]
    public void Timer_without_use_monitor_leaves_the_choice_to_the_schedule_as_the_host_does()
    {
        // The host monitors schedules of a minute or more unless the attribute says otherwise; an attribute that does not set
        // UseMonitor must not turn monitoring on for an every-second timer (a status blob write per second).
        Assert.Null(TestFunctions.Named(TestTimerFunctions.EverySecond).UseMonitor);
    }

    [Fact]
    public void Functions_are_listed_by_name_with_every_declared_function()
    {
        var names = TestFunctions.Discovered.Select(f => f.Name).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("test-durable-client", names);
        Assert.Contains(TestTimerFunctions.EverySecond, names);
    }

    [Fact]
    public void Every_function_of_the_app_can_be_bound_and_its_storage_triggers_are_read()
    {
        // The local host serves the app's assembly; a binding it cannot serve must fail here rather than at start-up.
        var functions = FunctionCatalog.Discover(typeof(GiamNgheo.Functions.AppServices).Assembly).ToDictionary(f => f.Name);

        Assert.Equal((TriggerKind.Blob, "surveys/{year}/{communeCode}/{name}"), (functions["score-survey"].Kind, functions["score-survey"].Source));
        Assert.Equal((TriggerKind.Queue, "survey-rescore"), (functions["rescore-survey"].Kind, functions["rescore-survey"].Source));
        Assert.Equal((TriggerKind.Timer, "0 */5 * * * *"), (functions["sweep-submissions"].Kind, functions["sweep-submissions"].Source));
        Assert.Equal(TriggerKind.Http, functions["health"].Kind);
    }

    [Fact]
    public void Function_with_two_triggers_is_refused()
    {
        var assembly = EmittedFunctions.Assembly(("two-triggers", [EmittedParameter.Queue(typeof(string)), EmittedParameter.Timer(typeof(TimerInfo))]));

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Discover(assembly));
        Assert.Equal("Function 'two-triggers' has more than one trigger.", error.Message);
    }

    [Fact]
    public void Function_without_a_trigger_is_refused()
    {
        var assembly = EmittedFunctions.Assembly(("no-trigger", [new EmittedParameter(typeof(string), "name")]));

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Discover(assembly));
        Assert.Contains("'no-trigger' has no trigger the local host knows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(FunctionContext), "context")]
    [InlineData(typeof(DateTime), "when")]
    [InlineData(typeof(DurableTaskClient), "client")]
    public void Parameter_the_local_host_cannot_bind_is_refused_with_its_name_and_type(Type type, string name)
    {
        // A DurableTaskClient without [DurableClient] is not bound by the worker either.
        var assembly = EmittedFunctions.Assembly(("unbindable", [EmittedParameter.Queue(typeof(string)), new EmittedParameter(type, name)]));

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Discover(assembly));
        Assert.Equal($"Function 'unbindable': parameter '{name}' of type {type.Name} cannot be bound by the local host.", error.Message);
    }

    [Fact]
    public void Parameter_no_binding_data_would_fill_is_refused_instead_of_silently_getting_a_default()
    {
        // A queue trigger supplies no binding data locally, so a dequeue count parameter would always read 0.
        var assembly = EmittedFunctions.Assembly(("unbound", [EmittedParameter.Queue(typeof(string)), new EmittedParameter(typeof(long), "dequeueCount")]));

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Discover(assembly));
        Assert.Equal("Function 'unbound': parameter 'dequeueCount' names no route parameter or blob path token, so nothing would bind it.", error.Message);
    }

    public static TheoryData<EmittedParameter, string> WrongTriggerTypes => new()
    {
        { EmittedParameter.Queue(typeof(byte[])), "binds queue triggers as string" },
        { EmittedParameter.Blob(typeof(Stream)), "binds blob triggers as BlobClient" },
        { EmittedParameter.Timer(typeof(string)), "binds timer triggers as TimerInfo" },
        { EmittedParameter.Http(typeof(HttpResponse)), "binds HTTP triggers as HttpRequest" },
    };

    [Theory]
    [MemberData(nameof(WrongTriggerTypes))]
    public void Trigger_parameter_of_a_type_the_local_host_does_not_bind_is_refused(EmittedParameter trigger, string expected)
    {
        var assembly = EmittedFunctions.Assembly(("wrong-type", [trigger]));

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Discover(assembly));
        Assert.StartsWith("Function 'wrong-type': the local host ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_functions_of_the_same_name_are_refused_whatever_the_case()
    {
        var assembly = EmittedFunctions.Assembly(
            ("rescore", [EmittedParameter.Queue(typeof(string))]),
            ("Rescore", [EmittedParameter.Queue(typeof(string))]));

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Discover(assembly));
        Assert.Contains("Two functions are named", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Emitted_function_the_local_host_can_bind_is_discovered()
    {
        // Guards the refusals above: the emitted assemblies themselves are readable, so each refusal is the catalog's.
        var assembly = EmittedFunctions.Assembly(("fine", [EmittedParameter.Queue(typeof(string)), new EmittedParameter(typeof(CancellationToken), "cancellationToken")]));

        var function = Assert.Single(FunctionCatalog.Discover(assembly));
        Assert.Equal(("fine", TriggerKind.Queue, "rescore"), (function.Name, function.Kind, function.Source));
    }
}
