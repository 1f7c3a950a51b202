using System.Net;
using GiamNgheo.Functions.Api;
using GiamNgheo.Functions.Configuration;
using GiamNgheo.Functions.HostProtocol;
using GiamNgheo.Functions.LocalHost;
using GiamNgheo.Functions.Triggers;
using GiamNgheo.Pipeline;
using GiamNgheo.Pipeline.Audit;
using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Recovery;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Functions;

/// <summary>Builds the handler: an ASP.NET Core app serving the forwarded HTTP API under <c>/api</c> and one POST endpoint per trigger function.</summary>
public static class HandlerApp
{
    /// <summary>Creates the app; <paramref name="configure"/> lets tests add configuration or replace services.</summary>
    public static WebApplication Create(HandlerOptions options, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        var limits = SurveyLimits.Default;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The host always calls 127.0.0.1; the port is never public.
            kestrel.Listen(IPAddress.Loopback, options.Port);
            // A blob trigger carries the whole file base64-encoded (+33 %) inside JSON.
            kestrel.Limits.MaxRequestBodySize = (limits.MaxFileBytes / 3 * 4) + (4 << 20);
        });
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options.Pipeline);
        services.AddSingleton(limits);
        services.AddSingleton(StandardCatalog.Default);
        services.AddSingleton(AdminUnitCatalog.Default);
        services.AddSingleton(sp => StorageClients.Create(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => sp.GetRequiredService<PipelineStorage>().Blobs);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineStorage>().Queues);
        services.AddSingleton(sp => new SurveyScorer(sp.GetRequiredService<StandardCatalog>(), sp.GetRequiredService<AdminUnitCatalog>(), sp.GetRequiredService<SurveyLimits>()));
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<SubmissionReportStore>();
        services.AddSingleton<HouseholdStore>();
        services.AddSingleton<SummaryStore>();
        services.AddSingleton<SubmissionIntake>();
        services.AddSingleton<SurveyProcessor>();
        services.AddSingleton<SubmissionSweeper>();
        services.AddSingleton<ProvinceExporter>();
        services.AddSingleton<AuditLog>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);

        if (options.LocalHost)
        {
            services.AddHostedService<LocalStorageSetup>();
            services.AddLocalTriggerRunner(new LocalHostOptions
            {
                AppRoot = options.AppRoot ?? throw new InvalidOperationException("Local-host mode needs the app root (the folder with host.json)."),
                BlobPollInterval = options.PollInterval,
                QueuePollInterval = options.PollInterval,
            });
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            var payloadError = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is InvocationPayloadException;
            var result = payloadError
                ? Problems.Create("payload-khong-hop-le", 400, "Dữ liệu từ Functions host không hợp lệ", "Nội dung lời gọi trigger không đúng định dạng của Functions host.")
                : Problems.Create("loi-he-thong", 500, "Lỗi hệ thống", "Hệ thống gặp lỗi khi xử lý yêu cầu; dữ liệu đã nhận không bị mất. Hãy thử lại sau ít phút.");
            await result.ExecuteAsync(context);
        }));

        // The host polls GET / until the handler answers, then pings it: any answer means ready.
        app.MapGet("/", () => Results.Text("GiamNgheo handler"));
        var api = app.MapGroup("/api");
        api.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        SurveyEndpoints.Map(api, limits.MaxFileBytes);
        UnitEndpoints.Map(api);
        ExportEndpoints.Map(api);
        TriggerEndpoints.Map(app);
        return app;
    }

    /// <summary>Creates the containers, tables and queues on startup in local-host mode (in Azure the infrastructure does).</summary>
    private sealed class LocalStorageSetup(PipelineStorage storage) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
