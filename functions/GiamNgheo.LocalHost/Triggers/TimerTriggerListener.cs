using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Cronos;
using GiamNgheo.LocalHost.Functions;
using Microsoft.Azure.Functions.Worker;

namespace GiamNgheo.LocalHost.Triggers;

/// <summary>
/// Timer trigger in UTC. Like the host: <c>runOnStartup</c> fires once at start; with schedule monitoring (default for
/// schedules of a minute or more) the status is kept in <c>azure-webjobs-hosts/timers/...</c>, so an occurrence missed while
/// the app was down fires at start with <c>IsPastDue</c>; a failed invocation is not retried.
/// </summary>
internal sealed class TimerTriggerListener : ITriggerListener
{
    // Task.Delay cannot wait beyond ~49 days; long gaps are waited for in steps.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly FunctionDescriptor _function;
    private readonly Func<DateTimeOffset, DateTimeOffset?> _next;
    private readonly bool _useMonitor;
    private readonly BlobContainerClient _hosts;
    private readonly BlobClient _statusBlob;
    private readonly FunctionInvoker _invoker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ScheduleStatus? _status;

    /// <summary>Creates the listener for one timer trigger function.</summary>
    /// <exception cref="FormatException">The schedule is neither an NCRONTAB expression (5 or 6 fields) nor a TimeSpan.</exception>
    public TimerTriggerListener(FunctionDescriptor function, BlobServiceClient blobs, FunctionInvoker invoker, TimeProvider time, ILogger logger)
    {
        _function = function;
        _next = ParseSchedule(function.Source);
        _time = time;
        _useMonitor = function.UseMonitor ?? IsAtLeastOneMinuteApart(time.GetUtcNow());
        _hosts = blobs.GetBlobContainerClient(LocalHostNames.HostsContainer);
        _statusBlob = _hosts.GetBlobClient($"timers/{LocalHostNames.HostId}/{LocalHostNames.FunctionId(function.Name)}/status");
        _invoker = invoker;
        _logger = logger;
    }

    /// <summary>A function giving the next occurrence strictly after its argument, or <see langword="null"/> when the schedule has none.</summary>
    internal static Func<DateTimeOffset, DateTimeOffset?> ParseSchedule(string schedule)
    {
        var trimmed = schedule.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
            return after => after + interval;

        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var format = fields.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            var expression = CronExpression.Parse(string.Join(' ', fields), format);
            return after => expression.GetNextOccurrence(after, TimeZoneInfo.Utc);
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"schedule '{schedule}' is not an NCRONTAB expression ({e.Message})", e);
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var firedAtStart = false;
            if (_useMonitor)
            {
                _status = await ReadStatusAsync(ct);
                var now = _time.GetUtcNow();
                if (_status is { } status && Utc(status.Next) is var missed && missed < now)
                {
                    _logger.TimerPastDue(_function.Name, missed);
                    await FireAsync(missed, isPastDue: true, ct);
                    firedAtStart = true;
                }
            }

            if (_function.RunOnStartup && !firedAtStart)
                await FireAsync(_time.GetUtcNow(), isPastDue: false, ct);

            while (!ct.IsCancellationRequested)
            {
                if (_next(_time.GetUtcNow()) is not { } occurrence)
                {
                    _logger.TimerExhausted(_function.Name, _function.Source);
                    return;
                }

                await WaitUntilAsync(occurrence, ct);
                await FireAsync(occurrence, isPastDue: false, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private bool IsAtLeastOneMinuteApart(DateTimeOffset now) =>
        _next(now) is not { } first || _next(first) is not { } second || second - first >= TimeSpan.FromMinutes(1);

    private async Task WaitUntilAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        for (var now = _time.GetUtcNow(); now < occurrence; now = _time.GetUtcNow())
        {
            var wait = occurrence - now;
            await Task.Delay(wait < LongestWait ? wait : LongestWait, _time, ct);
        }
    }

    private async Task FireAsync(DateTimeOffset occurrence, bool isPastDue, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var status = _useMonitor ? _status ?? new ScheduleStatus { Last = DateTime.MinValue, Next = occurrence.UtcDateTime, LastUpdated = now.UtcDateTime } : null;
        var timer = new TimerInfo { ScheduleStatus = status, IsPastDue = isPastDue };

        try
        {
            await _invoker.InvokeAsync(_function, timer, new Dictionary<string, string>(), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Timers are not retried by the host either; the next occurrence runs as scheduled.
            _logger.InvocationFailed(e, _function.Name, occurrence.ToString("O", CultureInfo.InvariantCulture), e.Message);
        }

        if (_useMonitor)
        {
            // The host advances the status whether or not the invocation succeeded: timers are not retried.
            var after = _time.GetUtcNow();
            _status = new ScheduleStatus { Last = occurrence.UtcDateTime, Next = (_next(isPastDue ? after : occurrence) ?? occurrence).UtcDateTime, LastUpdated = after.UtcDateTime };
            await WriteStatusAsync(_status, ct);
        }
    }

    private async Task<ScheduleStatus?> ReadStatusAsync(CancellationToken ct)
    {
        try
        {
            var content = (await _statusBlob.DownloadContentAsync(ct)).Value.Content;
            return content.ToObjectFromJson<ScheduleStatus>();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (e is RequestFailedException or System.Text.Json.JsonException or FormatException or AggregateException)
        {
            _logger.TimerStatusFailed(e, _function.Name, "read", e.Message);
            return null;
        }
    }

    private async Task WriteStatusAsync(ScheduleStatus status, CancellationToken ct)
    {
        try
        {
            await _hosts.CreateIfNotExistsAsync(cancellationToken: ct);
            await _statusBlob.UploadAsync(BinaryData.FromObjectAsJson(status), overwrite: true, ct);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException)
        {
            _logger.TimerStatusFailed(e, _function.Name, "written", e.Message);
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
