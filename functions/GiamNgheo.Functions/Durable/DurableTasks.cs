using GiamNgheo.Pipeline.Exports;
using GiamNgheo.Workflows.Reminders;
using Microsoft.DurableTask;

namespace GiamNgheo.Functions.Durable;

/// <summary>The one registry of orchestrations and activities: the Functions worker, the local host and the tests all register from here.</summary>
public static class DurableTasks
{
    /// <summary>Adds every orchestrator and activity of the app.</summary>
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<ProvinceExportOrchestration>()
        .AddActivity<ExtractCommuneActivity>()
        .AddActivity<AssembleWorkbookActivity>()
        .AddOrchestrator<ReminderOrchestration>()
        .AddActivity<ReminderRoundActivity>();
}
