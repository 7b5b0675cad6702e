using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CostInsights.Web.Features.Jobs;

public sealed record JobRow(
    string Name, string Group, string? Description, IReadOnlyList<TriggerRow> Triggers,
    DateTime? LastStarted, TimeSpan? LastDuration, bool? LastSucceeded, string? LastMessage);

public sealed record TriggerRow(string Name, string? Description, string State, DateTime? Previous, DateTime? Next);

/// <summary>Jobs and triggers from the scheduler, outcomes from the recorded runs.</summary>
public sealed class JobsQuery(ISchedulerFactory schedulers, CostInsightsDbContext db)
{
    public async Task<IReadOnlyList<JobRow>> LoadAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = await scheduler.QueryJobs(new JobQuery(), cancellationToken);
        var latest = await db.JobRuns.AsNoTracking()
            .GroupBy(r => r.JobName)
            .Select(g => g.OrderByDescending(r => r.StartedAt).First())
            .ToListAsync(cancellationToken);
        var rows = new List<JobRow>();
        foreach (var job in jobs.Items.OrderBy(j => j.Key.Name))
        {
            var triggers = await scheduler.QueryTriggers(new TriggerQuery { Job = job.Key }, cancellationToken);
            var last = latest.FirstOrDefault(r => r.JobName == job.Key.Name);
            rows.Add(new JobRow(job.Key.Name, job.Key.Group, job.Description,
                [.. triggers.Items.Select(t => new TriggerRow(t.Key.Name, t.Description, t.State.ToString(),
                    t.PreviousFireTimeUtc?.UtcDateTime, t.NextFireTimeUtc?.UtcDateTime))],
                last?.StartedAt, last is null ? null : last.FinishedAt - last.StartedAt, last?.Succeeded, last?.Message));
        }
        return rows;
    }
}
