using GiamNgheo.LocalHost.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.LocalHost.Tests.Functions;

/// <summary>What <see cref="HttpTestFunctions.UnitSummary"/> was bound to.</summary>
public sealed record UnitSummaryArguments(int Year, string UnitCode, string? Page, long Limit);

/// <summary>A scoped service, to see that each call gets its own scope as in the worker.</summary>
public sealed class PerCallScope
{
    public Guid Id { get; } = Guid.NewGuid();
}

/// <summary>HTTP functions the catalog and invoker tests read and call; shaped like the app's (route constraints, leading zeros).</summary>
public sealed class HttpTestFunctions(Deliveries deliveries, PerCallScope scope)
{
    public Guid ScopeId => scope.Id;

    [Function("test-unit-summary")]
    public UnitSummaryArguments UnitSummary(
        [HttpTrigger(AuthorizationLevel.Anonymous, "GET", Route = "units/{year:int}/{unitCode}/summary/{page?}/{limit?}")] HttpRequest request,
        int year,
        string unitCode,
        string? page,
        long limit) => new(year, unitCode, page, limit);

    [Function("test-default-route")]
    public static void DefaultRoute([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequest request)
    {
    }

    [Function("test-this")]
    public HttpTestFunctions This([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => this;

    [Function("test-no-result")]
    public async Task NoResultAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest request)
    {
        // Completes asynchronously, as real work does: the task the caller gets is then a state machine box.
        await Task.Yield();
    }

    [Function("test-result")]
    public async Task<int> ResultAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest request)
    {
        await Task.Yield();
        return 42;
    }

    [Function("test-throws")]
    public void Throws([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest request) =>
        throw new InvalidDataException("thrown before any await");

    [Function("test-throws-async")]
    public async Task ThrowsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest request)
    {
        await Task.Yield();
        throw new InvalidDataException("thrown after an await");
    }

    [Function("test-works-until-cancelled")]
    public async Task WorksUntilCancelledAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest request, CancellationToken cancellationToken)
    {
        await deliveries.RecordAsync(new Delivery("test-works-until-cancelled", "started", new Dictionary<string, string>()), cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [Function("test-durable-client")]
    public DurableTaskClient DurableClient(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "exports/{provinceCode}")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => client;
}
