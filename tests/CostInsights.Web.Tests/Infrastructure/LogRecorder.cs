using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CostInsights.Web.Tests.Infrastructure;

/// <summary>A logger provider that keeps every message of a level or above, to look for errors in a node's log.</summary>
public sealed class LogRecorder(LogLevel minimum) : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
            }
        }
    }

    public LogLevel Minimum => minimum;
}
