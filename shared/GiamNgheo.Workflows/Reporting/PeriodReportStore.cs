using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using GiamNgheo.Pipeline.Storage;
using GiamNgheo.Workflows.Storage;

namespace GiamNgheo.Workflows.Reporting;

/// <summary>How a period report reached the supervisor.</summary>
public enum ReportChannel
{
    /// <summary>The reporter uploaded a file (<c>tep</c>).</summary>
    File,

    /// <summary>The supervisor marked it received, e.g. a paper report (<c>xac-nhan</c>).</summary>
    MarkedReceived,
}

/// <summary>A reporter's report for one period: when it first arrived (which decides on time or late) and its latest file.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="ReporterId">The reporter.</param>
/// <param name="ReceivedAt">When the first report arrived; later files do not move it.</param>
/// <param name="Channel">How the first report arrived.</param>
/// <param name="Files">Files received so far.</param>
/// <param name="LatestFile">The latest file: blob name, or null when only marked received.</param>
/// <param name="LatestFileName">The file name as uploaded.</param>
/// <param name="LatestSha256">Hex SHA-256 of the latest file.</param>
/// <param name="By">Who submitted or marked it.</param>
public sealed record PeriodReport(
    string PeriodId, string ReporterId, DateTimeOffset ReceivedAt, ReportChannel Channel, int Files,
    string? LatestFile, string? LatestFileName, string? LatestSha256, string By);

/// <summary>Thrown when a report file is larger than <see cref="PeriodReportStore.MaxFileBytes"/>.</summary>
public sealed class ReportTooLargeException() : Exception($"Tệp báo cáo vượt quá {PeriodReportStore.MaxFileBytes / (1 << 20)} MB.");

/// <summary>Keeps period reports: every file as an immutable blob, and per reporter and period when the first report arrived.</summary>
public sealed class PeriodReportStore(WorkflowStorage storage, TimeProvider clock)
{
    /// <summary>Largest report file accepted: reports are documents and tables, not surveys.</summary>
    public const long MaxFileBytes = 50L << 20;

    /// <summary>Stores a report file and records its arrival; the first report of a reporter for a period fixes <see cref="PeriodReport.ReceivedAt"/>.</summary>
    /// <exception cref="ReportTooLargeException">The file is larger than <see cref="MaxFileBytes"/>; nothing is recorded.</exception>
    public async Task<PeriodReport> SubmitFileAsync(string planId, string periodId, string reporterId, Stream content, string? fileName, string by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = $"{planId}/{periodId}/{reporterId}/{now.UtcTicks:D19}-{Guid.NewGuid():N}";
        using var hashing = new HashingStream(content, MaxFileBytes);
        await storage.PeriodReportFiles.GetBlobClient(name).UploadAsync(hashing, new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = new Dictionary<string, string> { ["by"] = Uri.EscapeDataString(by), ["filename"] = Uri.EscapeDataString(fileName ?? "") },
        }, cancellationToken).ConfigureAwait(false);
        var file = new FileFacts(name, fileName, Convert.ToHexStringLower(hashing.Hash()));
        return await RecordAsync(planId, periodId, reporterId, ReportChannel.File, file, by, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records that the supervisor received a report outside the system; a report already recorded keeps its time.</summary>
    public Task<PeriodReport> MarkReceivedAsync(string planId, string periodId, string reporterId, string by, CancellationToken cancellationToken) =>
        RecordAsync(planId, periodId, reporterId, ReportChannel.MarkedReceived, null, by, clock.GetUtcNow(), cancellationToken);

    /// <summary>Every report recorded under a plan.</summary>
    public async Task<IReadOnlyList<PeriodReport>> ListAsync(string planId, CancellationToken cancellationToken)
    {
        var list = new List<PeriodReport>();
        await foreach (var e in storage.PeriodReports.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {planId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(FromEntity(e));
        return list;
    }

    /// <summary>The reports of one period (a row-key range: rows are keyed <c>{period}|{reporter}</c>).</summary>
    public async Task<IReadOnlyList<PeriodReport>> ListAsync(string planId, string periodId, CancellationToken cancellationToken)
    {
        var list = new List<PeriodReport>();
        await foreach (var e in storage.PeriodReports.QueryAsync<TableEntity>(TableKeys.PrefixFilter(planId, periodId + "|"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(FromEntity(e));
        return list;
    }

    private async Task<PeriodReport> RecordAsync(string planId, string periodId, string reporterId, ReportChannel channel, FileFacts? file, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rowKey = $"{periodId}|{reporterId}";
        while (true)
        {
            var existing = await storage.PeriodReports.GetEntityIfExistsAsync<TableEntity>(planId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!existing.HasValue)
                {
                    var report = new PeriodReport(periodId, reporterId, now, channel, file is null ? 0 : 1, file?.Blob, file?.FileName, file?.Sha256, by);
                    await storage.PeriodReports.AddEntityAsync(ToEntity(planId, report), cancellationToken).ConfigureAwait(false);
                    return report;
                }

                var current = FromEntity(existing.Value!);
                if (file is null)
                    return current;
                var updated = current with { Files = current.Files + 1, LatestFile = file.Blob, LatestFileName = file.FileName, LatestSha256 = file.Sha256 };
                await storage.PeriodReports.UpdateEntityAsync(ToEntity(planId, updated), existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return updated;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another submission of the same reporter and period won the race; read its row and apply this one on top.
            }
        }
    }

    private static TableEntity ToEntity(string planId, PeriodReport report) => new(planId, $"{report.PeriodId}|{report.ReporterId}")
    {
        ["PeriodId"] = report.PeriodId,
        ["ReporterId"] = report.ReporterId,
        ["ReceivedAt"] = report.ReceivedAt,
        ["Channel"] = report.Channel.ToString(),
        ["Files"] = report.Files,
        ["LatestFile"] = report.LatestFile,
        ["LatestFileName"] = report.LatestFileName,
        ["LatestSha256"] = report.LatestSha256,
        ["By"] = report.By,
    };

    private static PeriodReport FromEntity(TableEntity e) => new(
        e.GetString("PeriodId"), e.GetString("ReporterId"), e.GetDateTimeOffset("ReceivedAt")!.Value,
        Enum.Parse<ReportChannel>(e.GetString("Channel")), e.GetInt32("Files") ?? 0,
        e.GetString("LatestFile"), e.GetString("LatestFileName"), e.GetString("LatestSha256"), e.GetString("By"));

    private sealed record FileFacts(string Blob, string? FileName, string Sha256);

    /// <summary>Hashes what is read through it and refuses to read past a limit, so an upload is checked as it streams.</summary>
    private sealed class HashingStream(Stream inner, long limit) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public byte[] Hash() => _hash.GetHashAndReset();

        public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Count(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _hash.Dispose();
            base.Dispose(disposing);
        }

        private int Count(ReadOnlySpan<byte> read)
        {
            _read += read.Length;
            if (_read > limit)
                throw new ReportTooLargeException();
            _hash.AppendData(read);
            return read.Length;
        }
    }
}
