using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Tests.Fetching;

/// <summary>Keeps every log line written through it, so a test can count warnings.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Event, string Message)> Lines { get; } = new();

    public IEnumerable<string> AtLeast(LogLevel level) => Lines.Where(l => l.Level >= level).Select(l => $"{l.Category}: {l.Message}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Lines.Enqueue((category, logLevel, eventId, formatter(state, exception)));
    }
}
