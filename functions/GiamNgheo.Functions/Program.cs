using GiamNgheo.Functions;
using GiamNgheo.Functions.Durable;
using GiamNgheo.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseWhen<ProblemMiddleware>(ProblemMiddleware.AppliesTo);
builder.Services.AddGiamNgheo(builder.Configuration);
builder.Services.AddGiamNgheoTelemetry(builder.Configuration);
builder.ConfigureDurableWorker().AddTasks(DurableTasks.Register);
await builder.Build().RunAsync();
