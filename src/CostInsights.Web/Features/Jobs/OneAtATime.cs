using Hangfire.Server;
using Hangfire.Storage;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// Two runs of the same job never overlap, on any node: a run holds its job's lock in the job storage, and a run that
/// finds the lock taken ends at once (Hangfire marks it deleted, "canceled by filter"), since the run under way does the
/// work. Jobs find their work in the database, so nothing is lost: a batch queued meanwhile is picked up by the run under
/// way or by the next.
/// </summary>
public sealed class OneAtATime : IServerFilter
{
    private const string LockKey = "costinsights-lock";

    public void OnPerforming(PerformingContext context)
    {
        try
        {
            context.Items[LockKey] = context.Connection.AcquireDistributedLock($"costinsights:job:{JobNames.Of(context.BackgroundJob.Job.Type)}",
                TimeSpan.Zero);
        }
        catch (DistributedLockTimeoutException)
        {
            context.Canceled = true;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.Remove(LockKey, out var held))
        {
            ((IDisposable)held).Dispose();
        }
    }
}
