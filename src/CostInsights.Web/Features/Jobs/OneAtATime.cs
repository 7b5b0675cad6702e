using Hangfire.Server;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// Two runs of the same job never overlap, on any node: a run holds its job's lock (<see cref="IJobLocks"/>), and a run
/// that finds the lock taken ends at once (Hangfire marks it deleted, "canceled by filter"), since the run under way does
/// the work. Jobs find their work in the database, so nothing is lost: a batch queued meanwhile is picked up by the run
/// under way or by the next.
/// </summary>
public sealed class OneAtATime(IJobLocks locks) : IServerFilter
{
    private const string LockKey = "costinsights-lock";

    public void OnPerforming(PerformingContext context)
    {
        if (locks.TryAcquire(JobNames.Of(context.BackgroundJob.Job.Type)) is { } held)
        {
            context.Items[LockKey] = held;
            return;
        }
        context.Canceled = true;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.Remove(LockKey, out var held))
        {
            ((IDisposable)held).Dispose();
        }
    }
}
