using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using GiamNgheo.Pipeline.Households;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Submissions;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Scoring;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Pipeline.Processing;

/// <summary>What one processing call did.</summary>
public enum ProcessingResult
{
    /// <summary>The file was scored and its households stored.</summary>
    Scored,

    /// <summary>The file has errors; nothing of it counts.</summary>
    Rejected,

    /// <summary>The submission was already final; only idempotent follow-up steps ran.</summary>
    AlreadyDone,

    /// <summary>The attempt failed and the retry limit is reached; the submission is marked failed.</summary>
    Failed,

    /// <summary>The blob is not an upload of this pipeline (name or content does not match); ignored.</summary>
    Ignored,
}

/// <summary>Scores a stored survey file, stores its households and updates the summaries: the heart of the pipeline.</summary>
/// <remarks>
/// At-least-once safe: every write is keyed by the file's hash, so running twice (a redelivered trigger, a sweeper retry,
/// two instances at once) stores the same rows and the same results. The steps are ordered so a crash anywhere leaves a
/// state the next delivery finishes: households are written under the submission's own prefix, which counts only after
/// the submission is marked scored and made the commune's counted one in a single transaction; summaries are then
/// recomputed from storage, idempotently.
/// </remarks>
public sealed class SurveyProcessor
{
    private readonly PipelineStorage _storage;
    private readonly SubmissionStore _submissions;
    private readonly SubmissionReportStore _reports;
    private readonly HouseholdStore _households;
    private readonly HouseholdDigestStore _digests;
    private readonly SummaryStore _summaries;
    private readonly SurveyScorer _scorer;
    private readonly AdminUnitCatalog _units;
    private readonly SurveyLimits _limits;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _clock;
    private readonly IndicatorCatalog _indicators;

    /// <summary>Creates the processor.</summary>
    public SurveyProcessor(
        PipelineStorage storage,
        SubmissionStore submissions,
        SubmissionReportStore reports,
        HouseholdStore households,
        SummaryStore summaries,
        SurveyScorer scorer,
        StandardCatalog standards,
        AdminUnitCatalog units,
        SurveyLimits limits,
        PipelineOptions options,
        TimeProvider clock)
    {
        _indicators = standards.Indicators;
        _storage = storage;
        _submissions = submissions;
        _reports = reports;
        _households = households;
        _digests = new HouseholdDigestStore(storage, households);
        _summaries = summaries;
        _scorer = scorer;
        _units = units;
        _limits = limits;
        _options = options;
        _clock = clock;
    }

    /// <summary>Processes a raw file the blob trigger reports in the surveys container.</summary>
    /// <remarks>The blob is downloaded once to a temporary file, hashed on the way (a blob whose content does not match its
    /// name is not an upload of this pipeline), and scored from the file: memory stays flat whatever the file's size.</remarks>
    public Task<ProcessingResult> ProcessAsync(BlobClient blob, CancellationToken cancellationToken) =>
        SubmissionKey.TryParseBlobName(blob.Name, out var key)
            ? ProcessStoredAsync(key, blob, cancellationToken)
            : Task.FromResult(ProcessingResult.Ignored);

    /// <summary>Processes a stored submission (recovery and retries).</summary>
    public Task<ProcessingResult> ProcessStoredAsync(SubmissionKey key, CancellationToken cancellationToken) =>
        ProcessStoredAsync(key, _storage.Surveys.GetBlobClient(key.BlobName), cancellationToken);

    private async Task<ProcessingResult> ProcessStoredAsync(SubmissionKey key, BlobClient blob, CancellationToken cancellationToken)
    {
        using var span = PipelineTelemetry.Source.StartActivity("score-survey");
        span?.SetTag(PipelineTelemetry.SubmissionTag, key.Id);

        var existing = await _submissions.FindAsync(key, cancellationToken).ConfigureAwait(false);
        if (existing is { Status: var s } && s.IsFinal())
            return await FinishAsync(existing, cancellationToken).ConfigureAwait(false);

        var temp = ScratchFiles.NewPath("survey-");
        try
        {
            string? fileName;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                try
                {
                    using var download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
                    fileName = download.Details.Metadata.TryGetValue("filename", out var encoded) && encoded.Length > 0 ? WebUtility.UrlDecode(encoded) : null;
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = await download.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    if (!string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), key.Sha256, StringComparison.Ordinal))
                        return ProcessingResult.Ignored;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    return ProcessingResult.Ignored;
                }
            }

            await using var stream = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return await ProcessAsync(key, stream, stream.Length, existing?.FileName ?? fileName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<ProcessingResult> ProcessAsync(SubmissionKey key, Stream content, long size, string? fileName, CancellationToken cancellationToken)
    {
        var commune = _units.FindCommune(key.CommuneCode, ReviewYear.Of(key.Year).ReferenceDate)?.Unit;
        if (commune is null)
            return ProcessingResult.Ignored;

        var now = _clock.GetUtcNow();
        var (claimed, _) = await _submissions.ChangeAsync(
            key,
            () => new CommuneState { Year = key.Year, CommuneCode = key.CommuneCode, ProvinceCode = commune.ProvinceCode, DistrictCode = commune.DistrictCode },
            (current, state) =>
            {
                if (current is { Status: var status } && status.IsFinal())
                    return null;
                var submission = current ?? SubmissionIntake.NewSubmission(key, commune, fileName, size, now, state);
                submission.Status = SubmissionStatus.Processing;
                submission.Attempts++;
                submission.UpdatedAt = now;
                return submission;
            },
            cancellationToken).ConfigureAwait(false);

        if (claimed is null)
            return ProcessingResult.Ignored;
        if (claimed.Status.IsFinal())
            return await FinishAsync(claimed, cancellationToken).ConfigureAwait(false);

        try
        {
            return await ScoreAsync(claimed, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && claimed.Attempts >= _options.MaxAttempts)
        {
            // The stored cause is for the officer; the exception itself stays with operators, on the trace.
            Activity.Current?.AddException(ex);
            await MarkFailedAsync(key, ex, cancellationToken).ConfigureAwait(false);
            return ProcessingResult.Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordErrorAsync(key, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ProcessingResult> ScoreAsync(Submission submission, Stream content, CancellationToken cancellationToken)
    {
        // The digest is spooled beside the table writes and published before the submission can count (ADR 0011).
        var digestPath = ScratchFiles.NewPath("digest-");
        try
        {
            await using var digestFile = new FileStream(digestPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            using var digest = new HouseholdDigestWriter(digestFile);
            return await ScoreAsync(submission, content, digest, digestFile, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(digestPath);
        }
    }

    private async Task<ProcessingResult> ScoreAsync(Submission submission, Stream content, HouseholdDigestWriter digest, Stream digestFile, CancellationToken cancellationToken)
    {
        var key = submission.Key;
        SurveyOutcome outcome;
        var writer = new HouseholdTableWriter(_households.Table, key, _options.WriteParallelism, cancellationToken, digest);
        await using (writer.ConfigureAwait(false))
        {
            try
            {
                outcome = await Task.Run(
                    () =>
                    {
                        using var source = SurveySource.Open(content, submission.FileName ?? key.Sha256, _limits);
                        return _scorer.Score(source, new SurveyExpectations(key.Year, key.CommuneCode), writer, writer.Aborted);
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (SurveyFormatException ex)
            {
                var issues = new SurveyIssues(_limits.MaxListedIssues);
                issues.Error(ex);
                outcome = SurveyOutcome.Unreadable(issues);
            }
            catch (Exception ex) when (IsFileProblem(ex, writer))
            {
                // Reading the same bytes again would fail the same way, so retrying cannot help: the file is refused.
                // The exception is a reader defect to fix; it goes to the trace, never to the officer.
                Activity.Current?.AddException(ex);
                var issues = new SurveyIssues(_limits.MaxListedIssues);
                issues.Error(null, null, null, null, "Không đọc được nội dung tệp: cấu trúc tệp bất thường. Hãy mở tệp bằng Excel, lưu lại theo mẫu và tải lên lại.");
                outcome = SurveyOutcome.Unreadable(issues);
            }
            catch (OperationCanceledException) when (writer.Aborted.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A write failed and stopped the scorer: CompleteAsync throws that failure.
                outcome = SurveyOutcome.Unreadable(new SurveyIssues());
            }

            await writer.CompleteAsync().ConfigureAwait(false);
        }

        var report = SubmissionReport.From(outcome.Issues);
        if (report.ErrorCount > 0 || report.WarningCount > 0)
            await _reports.SaveAsync(key, report, cancellationToken).ConfigureAwait(false);

        if (!outcome.Succeeded)
        {
            // Rows of a file with errors must never be listed: remove them before the status says rejected.
            await _households.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            await CompleteAsync(key, s =>
            {
                s.Status = SubmissionStatus.Rejected;
                s.ErrorCount = report.ErrorCount;
                s.WarningCount = report.WarningCount;
            }, cancellationToken).ConfigureAwait(false);
            return ProcessingResult.Rejected;
        }

        digest.Complete();
        await _digests.PublishAsync(key, digestFile, cancellationToken).ConfigureAwait(false);

        var header = outcome.Header!;
        var completed = await CompleteAsync(key, s =>
        {
            s.Status = SubmissionStatus.Scored;
            s.ErrorCount = 0;
            s.WarningCount = report.WarningCount;
            s.HouseholdsScored = outcome.HouseholdsScored;
            s.MembersRead = outcome.MembersRead;
            s.TotalHouseholds = header.TotalHouseholds;
            s.TotalPersons = header.TotalPersons;
            s.StandardId = outcome.National!.Id;
            s.LocalStandardId = outcome.Local?.Id;
            s.LastError = null;
            s.Counts = TallyCounts.From(outcome.NationalTally, _indicators);
        }, cancellationToken).ConfigureAwait(false);

        await FinishAsync(completed, cancellationToken).ConfigureAwait(false);
        return completed.Status == SubmissionStatus.Scored ? ProcessingResult.Scored : ProcessingResult.AlreadyDone;
    }

    /// <summary>The idempotent follow-up of a final submission: store the commune summary if it counts.</summary>
    private async Task<ProcessingResult> FinishAsync(Submission submission, CancellationToken cancellationToken)
    {
        if (submission.Status == SubmissionStatus.Scored)
            await _summaries.RefreshCommuneAsync(submission.Key.Year, submission.Key.CommuneCode, cancellationToken).ConfigureAwait(false);
        return ProcessingResult.AlreadyDone;
    }

    private async Task<Submission> CompleteAsync(SubmissionKey key, Action<Submission> complete, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var (stored, _) = await _submissions.ChangeAsync(
            key,
            () => throw new InvalidOperationException($"Submission {key.Id} lost its commune state."),
            (current, state) =>
            {
                // Another worker may have finished first; its result stands (same bytes, same outcome).
                if (current is null || current.Status.IsFinal())
                    return null;
                complete(current);
                current.UpdatedAt = now;
                state.CountIfLatest(current);
                return current;
            },
            cancellationToken).ConfigureAwait(false);
        return stored ?? throw new InvalidOperationException($"Submission {key.Id} disappeared.");
    }

    private Task MarkFailedAsync(SubmissionKey key, Exception error, CancellationToken cancellationToken) =>
        ChangeIfNotFinalAsync(key, s =>
        {
            s.Status = SubmissionStatus.Failed;
            s.LastError = Describe(error);
        }, cancellationToken);

    private async Task RecordErrorAsync(SubmissionKey key, Exception error, CancellationToken cancellationToken)
    {
        try
        {
            await ChangeIfNotFinalAsync(key, s => s.LastError = Describe(error), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage is what failed; the retry will record it if it can. The original error is rethrown by the caller.
        }
    }

    private async Task ChangeIfNotFinalAsync(SubmissionKey key, Action<Submission> change, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        await _submissions.ChangeAsync(
            key,
            () => throw new InvalidOperationException($"Submission {key.Id} lost its commune state."),
            (current, _) =>
            {
                if (current is null || current.Status.IsFinal())
                    return null;
                change(current);
                current.UpdatedAt = now;
                return current;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether an exception from reading and scoring is the file's doing rather than storage's or the local disk's.</summary>
    /// <remarks>A failed household write stops the scorer through <paramref name="writer"/>, and reading the scratch copy
    /// can hit a full disk: both are outages that a retry may cure. Anything else was raised by the bytes themselves.</remarks>
    private static bool IsFileProblem(Exception ex, HouseholdTableWriter writer) =>
        !writer.Aborted.IsCancellationRequested
        && ex is not (OperationCanceledException or RequestFailedException or OutOfMemoryException)
        && (ex is not IOException || ex is InvalidDataException);

    /// <summary>The cause shown with a failed submission: what kind of outage, without exception types or storage request ids.</summary>
    private static string Describe(Exception error) => error switch
    {
        RequestFailedException { Status: > 0 } storage => $"kho lưu trữ trả lời mã {storage.Status}{(storage.ErrorCode is { } code ? $" ({code})" : "")}",
        RequestFailedException => "không kết nối được kho lưu trữ",
        IOException => "lỗi đọc ghi tệp tạm trên máy chủ",
        _ => "lỗi nội bộ khi chấm điểm",
    };
}
