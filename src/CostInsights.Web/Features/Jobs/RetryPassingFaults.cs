using System.Data.Common;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Data.Sqlite;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// A run that failed for a passing reason (the database unavailable or busy, a deadlock, a serialization failure, a
/// timeout) is tried again a few times, each later than the last; a lasting failure (a rejected file, a sheet that
/// fails validation, a bug) fails once and stays failed, with its reason, for an admin to see.
/// </summary>
public sealed class RetryPassingFaults(IReadOnlyList<TimeSpan> delays) : IElectStateFilter
{
    private const string Attempts = "PassingFaultRetries";
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed || !IsPassing(failed.Exception))
        {
            return;
        }
        var attempt = context.GetJobParameter<int>(Attempts);
        if (attempt >= delays.Count)
        {
            return;
        }
        context.SetJobParameter(Attempts, attempt + 1);
        context.CandidateState = new ScheduledState(delays[attempt])
        {
            Reason = $"Retry {attempt + 1} of {delays.Count} after a passing fault: {failed.Exception.Message}",
        };
    }

    /// <summary>
    /// Runs <paramref name="action"/>, and again after each delay while it fails for a passing reason: a small write that
    /// met another writer (SQLite answers 'database is locked') is then made once the other is done.
    /// </summary>
    public static void Run(Action action, IReadOnlyList<TimeSpan> delays)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                action();
                return;
            }
            catch (Exception e) when (attempt < delays.Count && IsPassing(e))
            {
                Thread.Sleep(delays[attempt]);
            }
        }
    }

    /// <summary>Whether the exception, or one it wraps, is a fault that goes away by itself.</summary>
    public static bool IsPassing(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // SQLite's busy and locked answers (another connection is writing) are not marked transient by its driver.
            if (e is TimeoutException or DistributedLockTimeoutException || e is DbException { IsTransient: true }
                || e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }
        return false;
    }
}
