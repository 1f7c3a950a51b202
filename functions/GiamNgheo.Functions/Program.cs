using GiamNgheo.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

await FunctionApp.Configure(FunctionsApplication.CreateBuilder(args)).Build().RunAsync();
