using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Pipeline.Exports.PowerBi;
using GiamNgheo.Pipeline.Privacy;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Standards;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GiamNgheo.Pipeline.Exports;

/// <summary>Where a request for a province workbook stands.</summary>
public abstract record ExportState(ExportBuildId Build);

/// <summary>The workbook exists (and the Parquet files before it): download either.</summary>
/// <param name="Build">The build.</param>
/// <param name="Workbook">The stored workbook.</param>
/// <param name="ParquetZip">The zip of the build's Parquet files.</param>
public sealed record ExportReady(ExportBuildId Build, BlobClient Workbook, BlobClient ParquetZip) : ExportState(Build);

/// <summary>The workbook is being built.</summary>
/// <param name="Build">The build.</param>
/// <param name="Progress">How far it got, when the build has started.</param>
public sealed record ExportBuilding(ExportBuildId Build, ExportProgress? Progress) : ExportState(Build);

/// <summary>The build failed; asking for the workbook again starts it anew.</summary>
/// <param name="Build">The build.</param>
/// <param name="Reason">Why, as the orchestration reported it.</param>
public sealed record ExportFailed(ExportBuildId Build, string Reason) : ExportState(Build);

/// <summary>The front door of province workbooks: answers at once with the workbook when it is current, otherwise makes
/// sure exactly one build of the current content runs and says how far it is (async request-reply).</summary>
/// <remarks>
/// Exactly one build per content: the request that first creates the build's manifest blob (If-None-Match) starts the
/// orchestration; a failed or lost build is restarted only by the request that wins a conditional (If-Match) write of the
/// same blob. Scheduling also names the statuses an instance must not be replaced in, so a late start cannot reset a running
/// build. The orchestration's instance id is derived from the content, so every host and every request agrees on it.
/// </remarks>
public sealed class ProvinceExportJobs
{
    /// <summary>How long a manifest without an orchestration is left to the request that wrote it before another takes over.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(30);

    private const string ClaimedAtMetadata = "claimedat";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly IReadOnlyList<OrchestrationRuntimeStatus> NotReplaceable =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended, OrchestrationRuntimeStatus.Completed];

    private readonly PipelineStorage _storage;
    private readonly SummaryStore _summaries;
    private readonly IndicatorCatalog _indicators;
    private readonly HouseholdPseudonymiser _pseudonymiser;
    private readonly TimeProvider _clock;
    private readonly IReportingTimelinessSource? _timeliness;

    /// <summary>Creates the front door; without a <paramref name="timeliness"/> source the model's timeliness fact is empty.</summary>
    public ProvinceExportJobs(PipelineStorage storage, SummaryStore summaries, StandardCatalog standards, HouseholdPseudonymiser pseudonymiser, TimeProvider clock, IReportingTimelinessSource? timeliness = null)
    {
        _storage = storage;
        _summaries = summaries;
        _indicators = standards.Indicators;
        _pseudonymiser = pseudonymiser;
        _clock = clock;
        _timeliness = timeliness;
    }

    /// <summary>The workbook of what counts now in the province, or the build that is making it (started if needed).</summary>
    public async Task<ExportState> RequestAsync(ReviewYear year, string provinceCode, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var communes = await _summaries.CommunesAsync(year.Value, provinceCode, cancellationToken).ConfigureAwait(false);
        var timeliness = _timeliness is null ? null : await _timeliness.ReadAsync(year.Value, provinceCode, cancellationToken).ConfigureAwait(false);
        var manifest = ExportManifest.Create(year, provinceCode, communes, _indicators, _pseudonymiser.KeyId, timeliness);
        var build = manifest.Build;
        var (known, instance) = await ReadyOrUnderWayAsync(build, durable, cancellationToken).ConfigureAwait(false);
        if (known is not null)
            return known;
        if (await ClaimAsync(build, manifest, instanceKnown: instance is not null, cancellationToken).ConfigureAwait(false))
            await StartAsync(build, manifest, instance, durable, cancellationToken).ConfigureAwait(false);
        return new ExportBuilding(build, null);
    }

    /// <summary>Where a build stands; null when no such build was ever requested.</summary>
    public async Task<ExportState?> StatusAsync(ExportBuildId build, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (known, instance) = await ReadyOrUnderWayAsync(build, durable, cancellationToken).ConfigureAwait(false);
        if (known is not null)
            return known;
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated })
            return new ExportFailed(build, instance.FailureDetails?.ErrorMessage ?? instance.RuntimeStatus.ToString());

        var manifestBlob = _storage.Exports.GetBlobClient(build.ManifestBlobName);
        if (!await manifestBlob.ExistsAsync(cancellationToken).ConfigureAwait(false))
            return null;

        // Requested, but the request that claimed it never started the orchestration (it crashed in between), or built once
        // and its workbook since deleted by retention: take over.
        if ((instance is null || IsExpired(instance)) && await ClaimAsync(build, null, instanceKnown: instance is not null, cancellationToken).ConfigureAwait(false))
        {
            var manifest = ExportManifest.Parse((await manifestBlob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content);
            await StartAsync(build, manifest, instance, durable, cancellationToken).ConfigureAwait(false);
        }

        return new ExportBuilding(build, null);
    }

    /// <summary>Ready when the workbook is stored, building when its orchestration runs; otherwise neither, with the instance
    /// (failed, terminated, completed but expired, or null when never started) for the caller to decide.</summary>
    private async Task<(ExportState? State, OrchestrationMetadata? Instance)> ReadyOrUnderWayAsync(ExportBuildId build, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var workbook = _storage.Exports.GetBlobClient(build.WorkbookBlobName);
        var ready = new ExportReady(build, workbook, _storage.Exports.GetBlobClient(build.ParquetZipBlobName));
        if (await workbook.ExistsAsync(cancellationToken).ConfigureAwait(false))
            return (ready, null);
        var instance = await durable.GetInstanceAsync(build.InstanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
        {
            // The build stores the workbook before it completes: a completed build without one either completed between the
            // two reads (the workbook is there now) or had it deleted by retention (build it again).
            return await workbook.ExistsAsync(cancellationToken).ConfigureAwait(false) ? (ready, null) : (null, instance);
        }

        return IsUnderWay(instance) ? (new ExportBuilding(build, ProgressOf(instance!)), instance) : (null, instance);
    }

    private static bool IsUnderWay(OrchestrationMetadata? instance) => instance?.RuntimeStatus is
        OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended
        or OrchestrationRuntimeStatus.Completed;

    /// <summary>A build that completed and whose workbook retention has deleted since (see <see cref="ReadyOrUnderWayAsync"/>).</summary>
    private static bool IsExpired(OrchestrationMetadata instance) => instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed;

    private static ExportProgress? ProgressOf(OrchestrationMetadata instance)
    {
        if (instance.SerializedCustomStatus is not { Length: > 0 } status)
            return null;
        try
        {
            return JsonSerializer.Deserialize<ExportProgress>(status, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when this request won the right to start the build.</summary>
    /// <param name="build">The build.</param>
    /// <param name="manifest">The manifest to store when none exists yet; null to only take over an existing one.</param>
    /// <param name="instanceKnown">True when an orchestration of the build exists (failed or terminated): restart at once.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    private async Task<bool> ClaimAsync(ExportBuildId build, ExportManifest? manifest, bool instanceKnown, CancellationToken cancellationToken)
    {
        var blob = _storage.Exports.GetBlobClient(build.ManifestBlobName);
        if (manifest is not null)
        {
            try
            {
                await blob.UploadAsync(manifest.ToBinaryData(), new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Metadata = ClaimMetadata(),
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another request stored it first.
            }
        }

        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }

        if (!instanceKnown && _clock.GetUtcNow() - ClaimedAt(properties) < ClaimTimeout)
            return false;
        try
        {
            await blob.SetMetadataAsync(ClaimMetadata(), new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private Dictionary<string, string> ClaimMetadata() =>
        new() { [ClaimedAtMetadata] = _clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>When the manifest was last claimed, by the clock that claimed it; the blob's own time when it carries none.</summary>
    /// <remarks>The age of a claim is measured with the clock that wrote it: comparing this host's clock with the storage
    /// server's <c>Last-Modified</c> would let a host whose clock runs ahead see a fresh claim as expired.</remarks>
    private static DateTimeOffset ClaimedAt(BlobProperties properties) =>
        properties.Metadata.TryGetValue(ClaimedAtMetadata, out var text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var claimedAt)
            ? claimedAt
            : properties.LastModified;

    private static async Task StartAsync(ExportBuildId build, ExportManifest manifest, OrchestrationMetadata? previous, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        // A completed instance is not replaced (so that a late start cannot redo a finished build), except one whose workbook
        // retention deleted: this request holds the claim to build it again.
        var notReplaceable = previous is not null && IsExpired(previous) ? NotReplaceable.Where(s => s != OrchestrationRuntimeStatus.Completed) : NotReplaceable;
        var input = new ExportBuildInput(build, [.. manifest.Communes.Select(c => c.Code)]);
        var options = new StartOrchestrationOptions(build.InstanceId) { DedupeStatuses = [.. notReplaceable.Select(s => s.ToString())] };
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ProvinceExportOrchestration), input, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Refused because another request started it between our read and our start (the exception type differs between
            // the local sidecar and the Functions host): one build runs, as intended. Anything else is a real failure.
            var instance = await durable.GetInstanceAsync(build.InstanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (!IsUnderWay(instance))
                throw;
        }
    }
}
