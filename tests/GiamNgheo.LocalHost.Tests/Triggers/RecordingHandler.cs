using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GiamNgheo.Functions.HostProtocol;
using GiamNgheo.Functions.LocalHost;
using GiamNgheo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.Functions.Tests.LocalHost;

/// <summary>One invocation as the handler received it.</summary>
internal sealed record RecordedInvocation(string Function, byte[] Body, string? InvocationId, string? HostVersion, string? UserAgent, string? ContentType)
{
    public Task<InvocationRequest> ReadAsync() => HostProtocol.Invocations.ReadAsync(Body, InvocationId);

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>
/// A tiny stand-in for the handler: records every <c>POST /{function}</c> and answers as told. The trigger runner runs in the
/// same app, as in local-host mode, and finds the address from the server (no <see cref="LocalHostOptions.HandlerBaseAddress"/>).
/// </summary>
internal sealed class RecordingHandler : IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);

    private readonly WebApplication _app;
    private readonly List<RecordedInvocation> _invocations;
    private readonly ConcurrentQueue<string> _log;

    private RecordingHandler(WebApplication app, List<RecordedInvocation> invocations, ConcurrentQueue<string> log)
    {
        _app = app;
        _invocations = invocations;
        _log = log;
    }

    public IReadOnlyList<RecordedInvocation> Invocations
    {
        get
        {
            lock (_invocations)
                return [.. _invocations];
        }
    }

    public IReadOnlyCollection<string> Log => [.. _log];

    /// <summary>Starts the app; <paramref name="respond"/> decides each answer (default: the host's JSON result, 200).</summary>
    /// <param name="queues">The queue client the app registers; the app's own is base64-encoding, as in the real handler.</param>
    public static async Task<RecordingHandler> StartAsync(
        AzuriteServer azurite,
        string appRoot,
        Func<RecordedInvocation, HttpContext, Task<IResult>>? respond = null,
        QueueServiceClient? queues = null)
    {
        var invocations = new List<RecordedInvocation>();
        var log = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new QueueLoggerProvider(log));
        builder.Services.AddSingleton(new BlobServiceClient(azurite.ConnectionString));
        builder.Services.AddSingleton(queues ?? new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLocalTriggerRunner(new LocalHostOptions { AppRoot = appRoot, BlobPollInterval = PollInterval, QueuePollInterval = PollInterval });

        var app = builder.Build();
        app.MapPost("/{function}", async (string function, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers;
            var invocation = new RecordedInvocation(
                function, body.ToArray(), headers[InvocationRequest.InvocationIdHeader], headers["X-Azure-Functions-HostVersion"], headers.UserAgent, context.Request.ContentType);
            lock (invocations)
                invocations.Add(invocation);

            return respond is null ? InvocationResult.Completed([$"recorded {function}"]) : await respond(invocation, context);
        });

        await app.StartAsync();
        return new RecordingHandler(app, invocations, log);
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the recorded invocations.</summary>
    public async Task<IReadOnlyList<RecordedInvocation>> WaitForAsync(Func<IReadOnlyList<RecordedInvocation>, bool> condition, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var invocations = Invocations;
            if (condition(invocations))
                return invocations;

            if (stopwatch.Elapsed > WaitTimeout)
                throw new TimeoutException($"Waited {WaitTimeout.TotalSeconds} s for {what}; recorded {invocations.Count} invocation(s). Log:\n{string.Join('\n', _log)}");

            await Task.Delay(20);
        }
    }

    /// <summary>Stops as a crash would: in-flight deliveries are cancelled, nothing is settled.</summary>
    public async Task KillAsync()
    {
        await _app.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Keeps the runner's log lines so a failed wait can show them.</summary>
    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(lines);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                    lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
