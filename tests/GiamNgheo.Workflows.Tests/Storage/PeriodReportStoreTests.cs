using System.Security.Cryptography;
using GiamNgheo.Workflows.Reporting;
using Microsoft.Extensions.Time.Testing;

namespace GiamNgheo.Workflows.Tests.Storage;

public sealed class PeriodReportStoreTests(WorkflowsOnAzurite azurite) : IClassFixture<WorkflowsOnAzurite>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 16, 59, 59, TimeSpan.Zero));

    private PeriodReportStore Store => new(azurite.Storage, _clock);

    [Fact]
    public async Task The_first_report_fixes_the_time_and_a_later_file_is_kept_without_moving_it()
    {
        var plan = WorkflowsOnAzurite.Plan();
        var first = await Store.SubmitFileAsync(plan.Id, "6-thang", "so-y-te", new MemoryStream("bản 1"u8.ToArray()), "bao-cao.docx", "can-bo", default);
        _clock.Advance(TimeSpan.FromDays(2));
        var second = await Store.SubmitFileAsync(plan.Id, "6-thang", "so-y-te", new MemoryStream("bản 2"u8.ToArray()), "bao-cao-sua.docx", "can-bo", default);

        Assert.Equal(first.ReceivedAt, second.ReceivedAt);
        Assert.Equal(2, second.Files);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("bản 2"u8)), second.LatestSha256);
        Assert.NotEqual(first.LatestFile, second.LatestFile);
        var blob = await azurite.Storage.PeriodReportFiles.GetBlobClient(first.LatestFile).DownloadContentAsync();
        Assert.Equal("bản 1", blob.Value.Content.ToString());
    }

    [Fact]
    public async Task One_second_before_midnight_in_Vietnam_is_on_time_and_midnight_is_late()
    {
        var plan = WorkflowsOnAzurite.Plan();
        var onTime = await Store.MarkReceivedAsync(plan.Id, "6-thang", "so-y-te", "chu-tri", default);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var late = await Store.MarkReceivedAsync(plan.Id, "6-thang", "so-gd-dt", "chu-tri", default);

        Assert.Equal(ReportStatus.OnTime, ReportingStatus.Of(plan.Periods[0], onTime));
        Assert.Equal(ReportStatus.Late, ReportingStatus.Of(plan.Periods[0], late));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_nothing_is_recorded()
    {
        var plan = WorkflowsOnAzurite.Plan();

        await Assert.ThrowsAsync<ReportTooLargeException>(() =>
            Store.SubmitFileAsync(plan.Id, "6-thang", "so-y-te", new ZeroStream(PeriodReportStore.MaxFileBytes + 1), "lon.pdf", "can-bo", default));

        Assert.Empty(await Store.ListAsync(plan.Id, default));
    }

    [Fact]
    public async Task Rates_count_only_reporters_active_on_the_due_date()
    {
        var plan = WorkflowsOnAzurite.Plan();
        await Store.MarkReceivedAsync(plan.Id, "6-thang", "so-y-te", "chu-tri", default);
        await Store.MarkReceivedAsync(plan.Id, "nam", "so-y-te", "chu-tri", default);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Store.MarkReceivedAsync(plan.Id, "6-thang", "so-gd-dt", "chu-tri", default);

        var rates = ReportingStatus.Rates(plan, await Store.ListAsync(plan.Id, default));

        Assert.Equal(new PeriodRate("6-thang", "6 tháng đầu năm", new DateOnly(2024, 6, 10), 2, 2, 1, 100m, 50m), rates[0]);
        // Sở GD-ĐT is active until 30 June: not expected for the yearly report due 15 November.
        Assert.Equal(new PeriodRate("nam", "Cả năm", new DateOnly(2024, 11, 15), 1, 1, 1, 100m, 100m), rates[1]);
    }

    /// <summary>A stream of zeros of a given length, so a limit test does not allocate the limit.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
