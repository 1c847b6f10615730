using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>A logger that keeps formatted messages, for asserting on what was logged.</summary>
internal sealed class ListLogger(Func<string>? prefix = null) : ILogger
{
    private readonly string? category;

    public ListLogger(ConcurrentQueue<string> messages, string category)
        : this()
    {
        Messages = messages;
        this.category = category;
    }

    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue($"{prefix?.Invoke()}{category}{(category is null ? "" : " ")}{logLevel}: {formatter(state, exception)}{(exception is null ? "" : $" [{exception.GetType().Name}]")}");
}

/// <summary>Hands one <see cref="ListLogger"/> to every category, each message prefixed with its category.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, ListLogger> loggers = new();

    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, name => new ListLogger(Messages, name));

    public void Dispose()
    {
    }
}
