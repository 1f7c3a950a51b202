using Azure.Monitor.OpenTelemetry.Exporter;
using GiamNgheo.Functions.Configuration;
using GiamNgheo.Pipeline;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace GiamNgheo.Functions;

/// <summary>Telemetry the way isolated apps send it to Application Insights: OpenTelemetry with the worker's defaults
/// (host.json <c>telemetryMode</c>) plus the pipeline's own spans, tagged with submission and build ids.</summary>
public static class Telemetry
{
    /// <summary>Adds tracing; exports to Azure Monitor only when Application Insights is configured.</summary>
    public static IServiceCollection AddGiamNgheoTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otel = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(PipelineTelemetry.SourceName, "Microsoft.DurableTask"));
        if (!string.IsNullOrWhiteSpace(configuration[AppSettings.ApplicationInsightsConnectionString.Name]))
            otel.UseAzureMonitorExporter();
        return services;
    }
}
