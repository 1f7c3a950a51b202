using System.Reflection;
using GiamNgheo.Functions.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GiamNgheo.Functions.Tests.Contract;

/// <summary>Both hosts' web servers judge a slow body by the same minimum rate: the worker's Kestrel in Azure, built by
/// <see cref="FunctionApp.Configure"/> as Program.cs builds it, and the local host's.</summary>
public sealed class RequestLimitsTests : IClassFixture<AppFixture>
{
    private readonly AppUnderTest _app;

    public RequestLimitsTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public void The_worker_s_Kestrel_refuses_bodies_slower_than_the_documented_rate()
    {
        // The worker finds its generated startup code through the entry assembly, which under a test runner is the runner.
        var entry = Assembly.GetEntryAssembly();
        Assembly.SetEntryAssembly(typeof(FunctionApp).Assembly);
        try
        {
            using var host = FunctionApp.Configure(FunctionsApplication.CreateBuilder([])).Build();

            Assert.Same(RequestLimits.MinRequestBodyDataRate, host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate);
        }
        finally
        {
            Assembly.SetEntryAssembly(entry);
        }
    }

    [Fact]
    public void The_local_host_s_Kestrel_refuses_bodies_slower_than_the_documented_rate() =>
        Assert.Same(RequestLimits.MinRequestBodyDataRate, _app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate);

    [Fact]
    public void The_rate_lets_a_slow_mobile_connection_through()
    {
        var rate = RequestLimits.MinRequestBodyDataRate;

        // EDGE moves about 4 KB/s; a radio stall of 15 s when the upload starts must not end it.
        Assert.True(rate.BytesPerSecond <= 4000 / 2, $"{rate.BytesPerSecond} B/s would cut off a commune on EDGE");
        Assert.True(rate.GracePeriod >= TimeSpan.FromSeconds(15));
    }
}
