using System.Data.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// A run that failed for a passing reason (the database unavailable or busy, a deadlock, a serialization failure, a
/// timeout) is tried again a few times, each later than the last; a lasting failure (a rejected file, a sheet that
/// fails validation, a bug) fails once and stays failed, with its reason, for an admin to see.
/// </summary>
public sealed class RetryPassingFaults(IReadOnlyList<TimeSpan> delays) : IElectStateFilter
{
    private const string Attempts = "PassingFaultRetries";

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

    /// <summary>Whether the exception, or one it wraps, is a fault that goes away by itself.</summary>
    public static bool IsPassing(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or DistributedLockTimeoutException || e is DbException { IsTransient: true })
            {
                return true;
            }
        }
        return false;
    }
}
