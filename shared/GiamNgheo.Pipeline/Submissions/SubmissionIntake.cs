using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Pipeline.Processing;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Pipeline.Summaries;
using GiamNgheo.Rules.AdminUnits;
using GiamNgheo.Rules.Calendar;
using GiamNgheo.Rules.Standards;
using GiamNgheo.Surveys.Reading;
using GiamNgheo.Surveys.Scoring;

namespace GiamNgheo.Pipeline.Submissions;

/// <summary>What kind of refusal: the caller decides how to answer it (the HTTP layer maps it to a status).</summary>
public enum IntakeRefusal
{
    /// <summary>The review year has no poverty standard.</summary>
    UnsupportedYear,

    /// <summary>No such commune on the year's reference date.</summary>
    UnknownCommune,

    /// <summary>The file exceeds the size limit.</summary>
    TooLarge,

    /// <summary>The file is empty.</summary>
    Empty,

    /// <summary>The file was read and is not an acceptable survey (not a survey, wrong year or unit, bad general information).</summary>
    InvalidContent,

    /// <summary>The commune-year is locked: its lists were recognised by a decision and the province has not reopened it.</summary>
    Locked,
}

/// <summary>Why an upload was refused, with a stable code and a Vietnamese explanation.</summary>
/// <param name="Code">Stable ASCII code (the problem type).</param>
/// <param name="Kind">What kind of refusal.</param>
/// <param name="Title">Short Vietnamese title.</param>
/// <param name="Detail">Vietnamese detail.</param>
/// <param name="Issues">Where in the file, when the file was read.</param>
public sealed record IntakeRejection(string Code, IntakeRefusal Kind, string Title, string Detail, IReadOnlyList<ReportedIssue> Issues);

/// <summary>The result of an upload.</summary>
/// <param name="Submission">The submission (new or existing); null when the upload was refused before anything was stored.</param>
/// <param name="Duplicate">True when the same bytes had been uploaded before for this commune and year.</param>
/// <param name="Rejection">Why the file was refused, if it was.</param>
public sealed record IntakeResult(Submission? Submission, bool Duplicate, IntakeRejection? Rejection);

/// <summary>Receives a commune's survey upload: stores the raw file first, checks what can be checked at once, and records the submission.</summary>
/// <remarks>The full scoring runs later, from the blob trigger. The quick check (file type, year and commune in the
/// file against the URL, known codes) runs here so the officer learns about the commonest mistakes immediately.</remarks>
public sealed class SubmissionIntake
{
    private readonly PipelineStorage _storage;
    private readonly SubmissionStore _submissions;
    private readonly SubmissionReportStore _reports;
    private readonly SummaryStore _summaries;
    private readonly SurveyScorer _scorer;
    private readonly StandardCatalog _standards;
    private readonly AdminUnitCatalog _units;
    private readonly SurveyLimits _limits;
    private readonly TimeProvider _clock;

    /// <summary>Creates the intake.</summary>
    public SubmissionIntake(
        PipelineStorage storage,
        SubmissionStore submissions,
        SubmissionReportStore reports,
        SummaryStore summaries,
        SurveyScorer scorer,
        StandardCatalog standards,
        AdminUnitCatalog units,
        SurveyLimits limits,
        TimeProvider clock)
    {
        _storage = storage;
        _submissions = submissions;
        _reports = reports;
        _summaries = summaries;
        _scorer = scorer;
        _standards = standards;
        _units = units;
        _limits = limits;
        _clock = clock;
    }

    /// <summary>Checks the year and commune of the URL before the body is read; null when they are fine.</summary>
    public IntakeRejection? CheckTarget(ReviewYear year, string communeCode)
    {
        if (_standards.NationalFor(year.Value) is null)
        {
            var years = _standards.NationalYears().ToList();
            return new IntakeRejection("nam-khong-ho-tro", IntakeRefusal.UnsupportedYear, "Năm rà soát chưa được hỗ trợ",
                $"Chưa có chuẩn nghèo cho năm {year}; hệ thống hỗ trợ các năm {years.Min()}–{years.Max()}.", []);
        }

        return FindCommune(year, communeCode) is null
            ? new IntakeRejection("ma-xa-khong-ton-tai", IntakeRefusal.UnknownCommune, "Không tìm thấy xã",
                $"Mã xã \"{communeCode}\" không có trong danh mục đơn vị hành chính ngày 01/09/{year}.", [])
            : null;
    }

    /// <summary>Receives one uploaded file.</summary>
    public async Task<IntakeResult> ReceiveAsync(ReviewYear year, string communeCode, Stream body, string? fileName, CancellationToken cancellationToken)
    {
        if (CheckTarget(year, communeCode) is { } refused)
            return new IntakeResult(null, false, refused);
        var commune = FindCommune(year, communeCode)!;

        // Checked before the file is spooled so a locked commune learns it at once; the transaction below checks again.
        if ((await _submissions.FindStateAsync(year.Value, commune.Code, cancellationToken).ConfigureAwait(false))?.Lock is { } locked)
            return new IntakeResult(null, false, LockedRejection(year, commune.Code, locked));

        var temp = ScratchFiles.NewPath("upload-");
        try
        {
            var (sha256, size) = await SpoolAsync(body, temp, cancellationToken).ConfigureAwait(false);
            if (size is null)
            {
                return new IntakeResult(null, false, new IntakeRejection("tep-qua-lon", IntakeRefusal.TooLarge, "Tệp quá lớn",
                    $"Tệp vượt quá giới hạn {_limits.MaxFileBytes / (1024 * 1024)} MB; hãy chia tệp hoặc nén các tệp CSV thành zip.", []));
            }

            if (size == 0)
                return new IntakeResult(null, false, new IntakeRejection("tep-rong", IntakeRefusal.Empty, "Tệp rỗng", "Tệp tải lên không có nội dung.", []));

            // The commune's canonical code names the file, so an alias in the URL and the code itself map to one history.
            var key = new SubmissionKey(year.Value, commune.Code, sha256);
            var duplicate = !await StoreRawAsync(key, temp, fileName, cancellationToken).ConfigureAwait(false);
            var rejection = Preflight(key, temp, fileName);
            return rejection is null
                ? await RecordAcceptedAsync(key, commune, fileName, size.Value, duplicate, cancellationToken).ConfigureAwait(false)
                : await RecordRejectedAsync(key, commune, fileName, size.Value, duplicate, rejection, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A new submission of a stored file, taking the next upload sequence of the commune-year.</summary>
    internal static Submission NewSubmission(SubmissionKey key, AdminUnit commune, string? fileName, long size, DateTimeOffset now, CommuneState state) => new(key)
    {
        ProvinceCode = commune.ProvinceCode,
        DistrictCode = commune.DistrictCode,
        FileName = fileName,
        SizeBytes = size,
        Status = SubmissionStatus.Received,
        ReceivedAt = now,
        UpdatedAt = now,
        UploadSequence = ++state.LastSequence,
    };

    /// <summary>The refusal of an upload to a locked commune-year.</summary>
    public static IntakeRejection LockedRejection(ReviewYear year, string communeCode, CommuneLock locked) =>
        new("xa-da-khoa", IntakeRefusal.Locked, "Xã đã khóa số liệu rà soát",
            $"Xã {communeCode} đã khóa số liệu năm {year}: {locked.Reason}. Không nhận thêm tệp khảo sát cho đến khi tỉnh mở lại (bước mo-lai).", []);

    private AdminUnit? FindCommune(ReviewYear year, string communeCode) =>
        communeCode.Length == 5 ? _units.FindCommune(communeCode, year.ReferenceDate)?.Unit : null;

    private async Task<(string Sha256, long? Size)> SpoolAsync(Stream body, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long size = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            size += read;
            if (size > _limits.MaxFileBytes)
                return (string.Empty, null);
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>Stores the raw file; false when the same bytes were stored before (an upload of the same file).</summary>
    /// <remarks>Whether the bytes existed is decided here, not by the submission row: the blob trigger may create the row of
    /// a new file before this request records it.</remarks>
    private async Task<bool> StoreRawAsync(SubmissionKey key, string path, string? fileName, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            // Immutable: the name is the content hash, so an existing blob already holds exactly these bytes.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = new Dictionary<string, string>
            {
                ["filename"] = WebUtility.UrlEncode(fileName ?? string.Empty),
                ["receivedat"] = _clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        try
        {
            await _storage.Surveys.GetBlobClient(key.BlobName).UploadAsync(path, options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Same bytes stored before.
            return false;
        }
    }

    private IntakeRejection? Preflight(SubmissionKey key, string path, string? fileName)
    {
        SurveyIssues issues;
        try
        {
            // Opened by stream under the officer's file name (as the processor does): the scratch file's name must never reach a message.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var source = SurveySource.Open(file, string.IsNullOrWhiteSpace(fileName) ? key.Sha256 : fileName, _limits);
            (_, issues) = _scorer.ReadHeader(source, new SurveyExpectations(key.Year, key.CommuneCode));
        }
        catch (SurveyFormatException ex)
        {
            var issue = new ReportedIssue(ex.Sheet, ex.Row, ex.Column, null, ex.Message);
            return new IntakeRejection("tep-khong-phai-khao-sat", IntakeRefusal.InvalidContent, "Tệp không phải phiếu rà soát", ex.Message, [issue]);
        }

        if (!issues.HasErrors)
            return null;
        var listed = issues.Errors.Select(ReportedIssue.From).ToList();
        var first = listed[0];
        var (code, title) = first.Key switch
        {
            "nam" => ("sai-nam-ra-soat", "Năm rà soát trong tệp không hợp lệ"),
            "ma_xa" or "ma_tinh" or "ma_huyen" => ("sai-ma-don-vi", "Mã đơn vị hành chính trong tệp không hợp lệ"),
            null => ("tep-khong-phai-khao-sat", "Tệp không phải phiếu rà soát"),
            _ => ("thong-tin-chung-khong-hop-le", "Thông tin chung của tệp không hợp lệ"),
        };
        return new IntakeRejection(code, IntakeRefusal.InvalidContent, title, first.Message, listed);
    }

    private async Task<IntakeResult> RecordAcceptedAsync(SubmissionKey key, AdminUnit commune, string? fileName, long size, bool duplicate, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var promoted = false;
        var retry = false;
        CommuneLock? locked = null;
        var (submission, _) = await _submissions.ChangeAsync(
            key,
            () => new CommuneState { Year = key.Year, CommuneCode = key.CommuneCode, ProvinceCode = commune.ProvinceCode, DistrictCode = commune.DistrictCode },
            (current, state) =>
            {
                locked = state.Lock;
                if (locked is not null)
                    return null;
                if (current is null)
                    return NewSubmission(key, commune, fileName, size, now, state);

                // Uploading a file again makes it the latest again: an officer who goes back to an earlier file means it.
                current.UploadSequence = ++state.LastSequence;
                current.UpdatedAt = now;
                retry = current.Status == SubmissionStatus.Failed;
                if (retry)
                {
                    current.Status = SubmissionStatus.Received;
                    current.Attempts = 0;
                    current.LastError = null;
                }

                promoted = state.CountIfLatest(current);
                return current;
            },
            cancellationToken).ConfigureAwait(false);

        if (locked is not null)
            return new IntakeResult(null, duplicate, LockedRejection(ReviewYear.Of(key.Year), key.CommuneCode, locked));
        if (promoted)
            await _summaries.RefreshCommuneAsync(key.Year, key.CommuneCode, cancellationToken).ConfigureAwait(false);
        if (retry)
            await _storage.Rescore.SendMessageAsync(RescoreMessage.For(key).ToJson(), cancellationToken).ConfigureAwait(false);
        return new IntakeResult(submission, duplicate, null);
    }

    private async Task<IntakeResult> RecordRejectedAsync(SubmissionKey key, AdminUnit commune, string? fileName, long size, bool duplicate, IntakeRejection rejection, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var recorded = false;
        CommuneLock? locked = null;
        var (submission, _) = await _submissions.ChangeAsync(
            key,
            () => new CommuneState { Year = key.Year, CommuneCode = key.CommuneCode, ProvinceCode = commune.ProvinceCode, DistrictCode = commune.DistrictCode },
            (current, state) =>
            {
                locked = state.Lock;
                recorded = current is null && locked is null;
                if (!recorded)
                    return null;
                var rejected = NewSubmission(key, commune, fileName, size, now, state);
                rejected.Status = SubmissionStatus.Rejected;
                rejected.ErrorCount = rejection.Issues.Count;
                return rejected;
            },
            cancellationToken).ConfigureAwait(false);

        if (locked is not null)
            return new IntakeResult(null, duplicate, LockedRejection(ReviewYear.Of(key.Year), key.CommuneCode, locked));
        if (recorded)
            await _reports.SaveAsync(key, new SubmissionReport(rejection.Issues.Count, 0, rejection.Issues, [], null), cancellationToken).ConfigureAwait(false);
        return new IntakeResult(submission, duplicate, rejection);
    }
}
