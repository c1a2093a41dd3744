using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>Keeps every log line the app writes, with its scopes, so tests can assert what was logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<LogLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    public sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception, IReadOnlyList<string> Scopes);

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                else
                    list.Add(scope?.ToString() ?? "");
            }, scopes);
            owner.Lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), exception, scopes));
        }
    }
}
