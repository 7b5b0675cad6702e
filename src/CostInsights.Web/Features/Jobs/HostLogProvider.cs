using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// Hangfire's logging is process-wide (a static provider), while loggers belong to a host. This provider writes to the
/// logging of the host that configured Hangfire last, and drops a message rather than fail when that host has stopped
/// (a process that starts several hosts, as tests do, stops them one by one).
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new HostLog(factory, name);

    private sealed class HostLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = _logger ??= factory.CreateLogger(name);
                var level = logLevel switch
                {
                    HangfireLevel.Trace => LogLevel.Trace,
                    HangfireLevel.Debug => LogLevel.Debug,
                    HangfireLevel.Info => LogLevel.Information,
                    HangfireLevel.Warn => LogLevel.Warning,
                    HangfireLevel.Error => LogLevel.Error,
                    _ => LogLevel.Critical,
                };
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }
                if (logger.IsEnabled(level))
                {
#pragma warning disable CA2254 // Hangfire hands over finished text, not a template.
                    logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
                }
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
