using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>A logger that keeps formatted messages, for asserting on what was logged.</summary>
internal sealed class ListLogger(Func<string>? prefix = null) : ILogger
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue($"{prefix?.Invoke()}{logLevel}: {formatter(state, exception)}");
}
