using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Cronos;
using GiamNgheo.Functions.HostProtocol;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.LocalHost;

/// <summary>
/// Timer trigger in UTC. Like the host: <c>runOnStartup</c> fires once at start; with schedule monitoring (default for
/// schedules of a minute or more) the status is kept in <c>azure-webjobs-hosts/timers/...</c>, so an occurrence missed while
/// the app was down fires at start with <c>IsPastDue</c>; a failed invocation is not retried.
/// </summary>
internal sealed class TimerTriggerListener : ITriggerListener
{
    // Task.Delay cannot wait beyond ~49 days; long gaps are waited for in steps.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly FunctionDefinition _function;
    private readonly BindingDefinition _trigger;
    private readonly Func<DateTimeOffset, DateTimeOffset?> _next;
    private readonly bool _useMonitor;
    private readonly BlobContainerClient _hosts;
    private readonly BlobClient _statusBlob;
    private readonly HandlerClient _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private TimerScheduleStatus? _status;

    /// <summary>Creates the listener for one timer trigger function.</summary>
    /// <exception cref="FormatException">The schedule is neither an NCRONTAB expression (5 or 6 fields) nor a TimeSpan.</exception>
    public TimerTriggerListener(FunctionDefinition function, BindingDefinition trigger, BlobServiceClient blobs, HandlerClient handler, TimeProvider time, ILogger logger)
    {
        _function = function;
        _trigger = trigger;
        _next = ParseSchedule(trigger.Schedule ?? throw new FormatException("the timer trigger has no \"schedule\""));
        _time = time;
        _useMonitor = trigger.UseMonitor ?? IsAtLeastOneMinuteApart(time.GetUtcNow());
        _hosts = blobs.GetBlobContainerClient(LocalHostNames.HostsContainer);
        _statusBlob = _hosts.GetBlobClient($"timers/{LocalHostNames.HostId}/{LocalHostNames.FunctionId(function.Name)}/status");
        _handler = handler;
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
                if (_status is { } status && status.Next < now)
                {
                    _logger.TimerPastDue(_function.Name, status.Next);
                    await FireAsync(status.Next, isPastDue: true, ct);
                    firedAtStart = true;
                }
            }

            if (_trigger.RunOnStartup && !firedAtStart)
                await FireAsync(_time.GetUtcNow(), isPastDue: false, ct);

            while (!ct.IsCancellationRequested)
            {
                if (_next(_time.GetUtcNow()) is not { } occurrence)
                {
                    _logger.TimerExhausted(_function.Name, _trigger.Schedule);
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
        var status = _useMonitor ? _status ?? new TimerScheduleStatus(DateTimeOffset.MinValue, occurrence, now) : null;
        var timer = new TimerInfoPayload(new TimerSchedulePayload(AdjustForDST: true), status, isPastDue);

        await _handler.InvokeAsync(_function.Name, (writer, _) => WritePayload(writer, timer), ct);

        if (_useMonitor)
        {
            // The host advances the status whether or not the invocation succeeded: timers are not retried.
            var after = _time.GetUtcNow();
            _status = new TimerScheduleStatus(occurrence, _next(isPastDue ? after : occurrence) ?? occurrence, after);
            await WriteStatusAsync(_status, ct);
        }
    }

    private Task WritePayload(Utf8JsonWriter writer, TimerInfoPayload timer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("Data");
        writer.WritePropertyName(_trigger.Name);
        timer.WriteTo(writer);
        writer.WriteEndObject();
        writer.WriteStartObject("Metadata");
        HostPayloadWriter.WriteSys(writer, _function.Name, _time.GetUtcNow());
        writer.WriteEndObject();
        writer.WriteEndObject();
        return Task.CompletedTask;
    }

    private async Task<TimerScheduleStatus?> ReadStatusAsync(CancellationToken ct)
    {
        try
        {
            var content = (await _statusBlob.DownloadContentAsync(ct)).Value.Content;
            using var document = JsonDocument.Parse(content.ToMemory());
            var root = document.RootElement;
            return new TimerScheduleStatus(Date(root, "Last"), Date(root, "Next"), Date(root, "LastUpdated"));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (Exception e) when (e is RequestFailedException or JsonException or FormatException or AggregateException)
        {
            _logger.TimerStatusFailed(e, _function.Name, "read", e.Message);
            return null;
        }
    }

    private async Task WriteStatusAsync(TimerScheduleStatus status, CancellationToken ct)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("Last", status.Last);
            writer.WriteString("Next", status.Next);
            writer.WriteString("LastUpdated", status.LastUpdated);
            writer.WriteEndObject();
        }

        try
        {
            await _hosts.CreateIfNotExistsAsync(cancellationToken: ct);
            await _statusBlob.UploadAsync(BinaryData.FromBytes(json.WrittenMemory), overwrite: true, ct);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException)
        {
            _logger.TimerStatusFailed(e, _function.Name, "written", e.Message);
        }
    }

    private static DateTimeOffset Date(JsonElement status, string key) =>
        JsonValues.TryGetProperty(status, key, out var value) && JsonValues.Date(value) is { } date
            ? date
            : throw new FormatException($"the timer status has no {key}");
}
