using GiamNgheo.Pipeline.Exports;
using Microsoft.DurableTask;

namespace GiamNgheo.Functions.Durable;

/// <summary>The one registry of orchestrations and activities: the Functions worker, the local host and the tests all register from here.</summary>
public static class DurableTasks
{
    /// <summary>Adds every orchestrator and activity of the app.</summary>
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<ProvinceExportOrchestration>()
        .AddActivity<ExtractCommuneActivity>()
        .AddActivity<AssembleWorkbookActivity>();
}
