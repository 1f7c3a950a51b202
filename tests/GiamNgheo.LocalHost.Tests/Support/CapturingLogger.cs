using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GiamNgheo.LocalHost.Tests.Support;

/// <summary>Keeps the listeners' log lines so tests can read what an operator would see and a failed wait can show them.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }

    public override string ToString() => string.Join('\n', _lines);
}
