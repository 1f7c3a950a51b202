using GiamNgheo.Functions.Durable;
using GiamNgheo.Functions.Http;
using GiamNgheo.Functions.Http.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GiamNgheo.Functions;

/// <summary>How the Functions worker is configured: Program.cs runs it, and the contract tests build the same app to read
/// what it declares to the host.</summary>
public static class FunctionApp
{
    /// <summary>Adds ASP.NET Core integration with the request-body limits, the problem middleware, the app's services, telemetry and the Durable tasks.</summary>
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.Services.Configure<KestrelServerOptions>(RequestLimits.Apply);
        builder.UseWhen<ProblemMiddleware>(ProblemMiddleware.AppliesTo);
        builder.UseWhen<AuthenticationMiddleware>(ProblemMiddleware.AppliesTo);
        builder.Services.AddGiamNgheo(builder.Configuration);
        builder.Services.AddGiamNgheoTelemetry(builder.Configuration);
        builder.ConfigureDurableWorker().AddTasks(DurableTasks.Register);
        return builder;
    }
}
