using System.Diagnostics;
using System.Reflection;
using GiamNgheo.Functions.Tests.EndToEnd;
using GiamNgheo.Pipeline;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace GiamNgheo.Functions.Tests.Telemetry;

/// <summary>Each scoring and each step of an export build is a span tagged with what it works on, and the function app
/// exports those spans with the worker's own.</summary>
public sealed class TracingTests : IClassFixture<AppFixture>
{
    private readonly AppUnderTest _app;

    public TracingTests(AppFixture app) => _app = app.Instance;

    [Fact]
    public void The_function_app_exports_the_pipeline_spans()
    {
        var exported = new List<Activity>();
        var entry = Assembly.GetEntryAssembly();
        Assembly.SetEntryAssembly(typeof(FunctionApp).Assembly);
        try
        {
            var builder = FunctionApp.Configure(FunctionsApplication.CreateBuilder([]));
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
            using var host = builder.Build();
            var provider = host.Services.GetRequiredService<TracerProvider>();

            using (PipelineTelemetry.Source.StartActivity("probe")?.SetTag(PipelineTelemetry.SubmissionTag, "2025-00001-probe"))
            {
            }

            provider.ForceFlush();
            Assert.Contains(exported, a => a.DisplayName == "probe" && (string?)a.GetTagItem(PipelineTelemetry.SubmissionTag) == "2025-00001-probe");
        }
        finally
        {
            Assembly.SetEntryAssembly(entry);
        }
    }

    [Fact]
    public async Task Scoring_and_export_steps_are_traced_by_submission_and_build()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PipelineTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                    spans.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        var commune = SurveyPipelineTests.CommunesOf("44")[0];
        var id = await _app.UploadAcceptedAsync(2025, commune, AppUnderTest.Survey(commune, 30, seed: 500));
        await _app.WaitFinalAsync(id);
        await _app.DownloadExportAsync(2025, "44");

        Activity[] recorded;
        lock (spans)
            recorded = [.. spans];
        Assert.Contains(recorded, a => a.DisplayName == "score-survey" && (string?)a.GetTagItem(PipelineTelemetry.SubmissionTag) == id);
        // The listener sees every build in the test process; other test classes build other provinces at the same time.
        var builds = recorded
            .Where(a => a.DisplayName is "export.extract-commune" or "export.assemble")
            .Select(a => (string?)a.GetTagItem(PipelineTelemetry.ExportBuildTag))
            .Where(b => b?.StartsWith("export-2025-44-", StringComparison.Ordinal) == true)
            .Distinct()
            .ToList();
        Assert.Single(builds);
        Assert.Contains(recorded, a => a.DisplayName == "export.extract-commune" && (string?)a.GetTagItem(PipelineTelemetry.CommuneTag) == commune);
    }
}
