using Microsoft.DurableTask;

namespace GiamNgheo.Pipeline.Exports;

/// <summary>Input of a workbook build generation: which build, the communes to extract, and how far the build got.</summary>
/// <param name="Build">The build.</param>
/// <param name="Communes">Every commune of the manifest, in its order.</param>
/// <param name="Next">Index of the first commune this generation extracts.</param>
/// <param name="Rows">Households extracted by earlier generations.</param>
public sealed record ExportBuildInput(ExportBuildId Build, IReadOnlyList<string> Communes, int Next = 0, long Rows = 0);

/// <summary>What a build produced.</summary>
/// <param name="Households">Household rows in the workbook.</param>
/// <param name="Bytes">Size of the workbook.</param>
public sealed record ExportBuildResult(long Households, long Bytes);

/// <summary>Progress of a build, published as the orchestration's custom status.</summary>
/// <param name="Phase"><c>communes</c> while extracting, <c>assembling</c> while writing the workbook.</param>
/// <param name="CommunesDone">Communes extracted.</param>
/// <param name="CommunesTotal">Communes in the build.</param>
public sealed record ExportProgress(string Phase, int CommunesDone, int CommunesTotal)
{
    /// <summary>Extracting communes.</summary>
    public const string Extracting = "communes";

    /// <summary>Writing the workbook.</summary>
    public const string Assembling = "assembling";
}

/// <summary>Builds one province workbook: one activity per commune, at most <see cref="Window"/> at a time, then one that
/// assembles the workbook. One instance per province and content fingerprint, however many people ask.</summary>
/// <remarks>A generation extracts at most <see cref="CommunesPerGeneration"/> communes, then continues as new with its cursor,
/// so the history (and the memory of replaying it) stays bounded whatever the size of the province. Activities are
/// idempotent, so a replay after a restart finishes the build without repeating finished work.</remarks>
public sealed class ProvinceExportOrchestration : TaskOrchestrator<ExportBuildInput, ExportBuildResult?>
{
    /// <summary>Commune extracts in flight at once.</summary>
    public const int Window = 8;

    /// <summary>Communes extracted by one generation before it continues as new.</summary>
    public const int CommunesPerGeneration = 64;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    /// <inheritdoc />
    public override async Task<ExportBuildResult?> RunAsync(TaskOrchestrationContext context, ExportBuildInput input)
    {
        var total = input.Communes.Count;
        var end = Math.Min(total, input.Next + CommunesPerGeneration);
        var rows = input.Rows;
        var done = input.Next;
        var next = input.Next;
        var inFlight = new List<Task<long>>(Window);
        context.SetCustomStatus(new ExportProgress(ExportProgress.Extracting, done, total));
        while (next < end || inFlight.Count > 0)
        {
            while (inFlight.Count < Window && next < end)
                inFlight.Add(context.CallActivityAsync<long>(nameof(ExtractCommuneActivity), new CommuneExtractRequest(input.Build, input.Communes[next++]), Retry));
            var finished = await Task.WhenAny(inFlight);
            inFlight.Remove(finished);
            rows += await finished;
            context.SetCustomStatus(new ExportProgress(ExportProgress.Extracting, ++done, total));
        }

        if (end < total)
        {
            context.ContinueAsNew(input with { Next = end, Rows = rows });
            return null;
        }

        context.SetCustomStatus(new ExportProgress(ExportProgress.Assembling, total, total));
        var bytes = await context.CallActivityAsync<long>(nameof(AssembleWorkbookActivity), input.Build, Retry);
        return new ExportBuildResult(rows, bytes);
    }
}

/// <summary>Input of <see cref="ExtractCommuneActivity"/>.</summary>
/// <param name="Build">The build.</param>
/// <param name="CommuneCode">The commune to extract.</param>
public sealed record CommuneExtractRequest(ExportBuildId Build, string CommuneCode);

/// <summary>Extracts one commune's counted households for a build; returns the household count.</summary>
public sealed class ExtractCommuneActivity(ProvinceWorkbookBuilder builder) : TaskActivity<CommuneExtractRequest, long>
{
    /// <inheritdoc />
    public override Task<long> RunAsync(TaskActivityContext context, CommuneExtractRequest input) =>
        builder.ExtractCommuneAsync(input.Build, input.CommuneCode, CancellationToken.None);
}

/// <summary>Assembles and stores the workbook of a build; returns its size.</summary>
public sealed class AssembleWorkbookActivity(ProvinceWorkbookBuilder builder) : TaskActivity<ExportBuildId, long>
{
    /// <inheritdoc />
    public override Task<long> RunAsync(TaskActivityContext context, ExportBuildId input) =>
        builder.AssembleAsync(input, CancellationToken.None);
}
