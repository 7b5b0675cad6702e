using CostInsights.Core.Data;
using CostInsights.Core.Jobs;
using CostInsights.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Jobs;

/// <summary>
/// Starts a job for a page and waits for its recorded run, so that the page can show the outcome
/// without a reload.
/// </summary>
public sealed class JobRunWatch(JobStarter jobs, IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    /// <summary>Nodes' clocks may differ by a little: a run that started just before the click is still this one.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(30);

    /// <summary>Queues the job; the mark to wait from, or null when there is no such job.</summary>
    public DateTime? Start(string job) => jobs.Start(job) ? time.GetUtcNow().UtcDateTime - ClockSlack : null;

    /// <summary>The job's first run recorded since <paramref name="since"/>, or null when none finished within <see cref="LongestWait"/>.</summary>
    public Task<JobRun?> WaitAsync(string job, DateTime since, CancellationToken cancellationToken) =>
        Waiting.ForAsync(ct => RunSinceAsync(job, since, ct), LongestWait, time, cancellationToken);

    private async Task<JobRun?> RunSinceAsync(string job, DateTime since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.JobRuns.AsNoTracking().Where(r => r.JobName == job && r.StartedAt >= since).OrderBy(r => r.StartedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
