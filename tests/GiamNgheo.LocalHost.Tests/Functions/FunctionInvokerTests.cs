using GiamNgheo.LocalHost.Functions;
using GiamNgheo.LocalHost.Tests.Support;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GiamNgheo.LocalHost.Tests.Functions;

public sealed class FunctionInvokerTests
{
    private static readonly IReadOnlyDictionary<string, string> NoBindingData = new Dictionary<string, string>();

    private readonly Deliveries _deliveries = new();

    [Fact]
    public async Task Route_values_are_bound_by_parameter_name_to_int_and_string_keeping_leading_zeros()
    {
        var bindingData = new Dictionary<string, string> { ["year"] = "2025", ["unitCode"] = "00004", ["page"] = "b64-token" };

        var bound = await InvokeAsync("test-unit-summary", bindingData);

        Assert.Equal(new UnitSummaryArguments(2025, "00004", "b64-token", 0), bound);
    }

    [Fact]
    public async Task Parameters_without_binding_data_get_their_default()
    {
        var bound = await InvokeAsync("test-unit-summary", new Dictionary<string, string> { ["limit"] = "9000000000" });

        Assert.Equal(new UnitSummaryArguments(0, null!, null, 9_000_000_000), bound);
    }

    [Fact]
    public async Task Every_call_gets_a_new_instance_from_a_new_scope()
    {
        var invoker = Invoker();

        var first = (HttpTestFunctions)(await invoker.InvokeAsync(TestFunctions.Named("test-this"), Request(), NoBindingData, CancellationToken.None))!;
        var second = (HttpTestFunctions)(await invoker.InvokeAsync(TestFunctions.Named("test-this"), Request(), NoBindingData, CancellationToken.None))!;

        Assert.NotSame(first, second);
        Assert.NotEqual(first.ScopeId, second.ScopeId);
    }

    [Fact]
    public async Task Static_function_is_invoked_without_an_instance()
    {
        Assert.Null(await InvokeAsync("test-default-route", NoBindingData));
    }

    [Fact]
    public async Task Awaited_result_of_a_task_is_returned_and_a_plain_task_gives_nothing()
    {
        Assert.Equal(42, await InvokeAsync("test-result", NoBindingData));
        // An async Task method hands back a Task<VoidTaskResult> at run time; that internal placeholder is no result.
        Assert.Null(await InvokeAsync("test-no-result", NoBindingData));
    }

    [Theory]
    [InlineData("test-throws", "thrown before any await")]
    [InlineData("test-throws-async", "thrown after an await")]
    public async Task Exception_of_the_function_surfaces_as_thrown_not_wrapped_by_reflection(string function, string message)
    {
        // The listeners log and count what the function threw; a TargetInvocationException would hide it.
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => InvokeAsync(function, NoBindingData));

        Assert.Equal(message, error.Message);
        Assert.Contains(nameof(HttpTestFunctions), error.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_callers_token_cancels_the_function()
    {
        using var caller = new CancellationTokenSource();
        var invocation = Invoker().InvokeAsync(TestFunctions.Named("test-works-until-cancelled"), Request(), NoBindingData, caller.Token);
        await _deliveries.WaitForAsync(1, "the function to start");

        await caller.CancelAsync();

        // Without the token the function would wait forever: the bounded wait turns that into a failure.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invocation.WaitAsync(Eventually.Deadline));
    }

    [Fact]
    public async Task Function_running_longer_than_the_host_json_function_timeout_is_cancelled()
    {
        var settings = TestFunctions.Settings with { FunctionTimeout = TimeSpan.FromMilliseconds(100) };

        var invocation = Invoker(settings).InvokeAsync(TestFunctions.Named("test-works-until-cancelled"), Request(), NoBindingData, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invocation.WaitAsync(Eventually.Deadline));
    }

    [Fact]
    public async Task Durable_client_parameter_gets_the_registered_client()
    {
        // Never contacted: the channel only has to exist for the client to be built.
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:9");
        var services = new ServiceCollection();
        services.AddLogging().AddSingleton(_deliveries).AddScoped<PerCallScope>();
        services.AddDurableTaskClient(client => client.UseGrpc(channel));
        await using var provider = services.BuildServiceProvider();
        var invoker = new FunctionInvoker(provider, TestFunctions.Settings);

        var client = await invoker.InvokeAsync(TestFunctions.Named("test-durable-client"), Request(), new Dictionary<string, string> { ["provinceCode"] = "01" }, CancellationToken.None);

        Assert.Same(provider.GetRequiredService<DurableTaskClient>(), client);
    }

    private FunctionInvoker Invoker(HostSettings? settings = null) =>
        TestFunctions.Invoker(settings ?? TestFunctions.Settings, _deliveries, services => services.AddScoped<PerCallScope>());

    private Task<object?> InvokeAsync(string function, IReadOnlyDictionary<string, string> bindingData) =>
        Invoker().InvokeAsync(TestFunctions.Named(function), Request(), bindingData, CancellationToken.None);

    private static HttpRequest Request() => new DefaultHttpContext().Request;
}
