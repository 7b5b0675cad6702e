using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace CostInsights.Web.Features.Jobs;

/// <summary>Starts a job of the catalog now, on whichever node runs jobs, whether or not its schedule is on.</summary>
public sealed class JobStarter(IBackgroundJobClient client)
{
    /// <summary>Queues a run of the job; false when the catalog has no job of that id.</summary>
    public bool Start(string id)
    {
        if (JobCatalog.Find(id) is not { } job)
        {
            return false;
        }
        client.Create(Call(job.Type), new EnqueuedState());
        return true;
    }

    /// <summary>A call of the job's <see cref="IJob.RunAsync"/>; Hangfire gives it its server's stopping token.</summary>
    public static Job Call(Type type) => new(type, type.GetMethod(nameof(IJob.RunAsync))!, CancellationToken.None);
}
