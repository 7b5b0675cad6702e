using System.Globalization;
using CostInsights.Core.Data;
using CostInsights.Web.Features.Shell;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Jobs;

/// <summary>One job in plain words: what it does, when it runs, how it last ran, when it runs next.</summary>
public sealed record JobRow(
    string Name, string Description, string? Schedule, DateTime? NextRun,
    DateTime? LastStarted, TimeSpan? LastDuration, bool? LastSucceeded, string? LastMessage)
{
    public string ScheduleText => Schedule ?? "off (by settings); runs when started";

    public string LastRunText => Money.Utc(LastStarted)
        + (LastDuration is { } d ? $", took {d.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s" : "");

    public string NextRunText => Schedule is null ? "–" : Money.Utc(NextRun);
}

/// <summary>The catalog's jobs, their schedules and next runs from Hangfire's recurring jobs, their outcomes from the recorded runs.</summary>
public sealed class JobsQuery(JobStorage storage, IConfiguration configuration, IDbContextFactory<CostInsightsDbContext> contexts)
{
    public async Task<IReadOnlyList<JobRow>> LoadAsync(CancellationToken cancellationToken)
    {
        List<RecurringJobDto> recurring;
        using (var connection = storage.GetConnection())
        {
            recurring = connection.GetRecurringJobs();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = await db.JobRuns.AsNoTracking()
            .GroupBy(r => r.JobName)
            .Select(g => g.OrderByDescending(r => r.StartedAt).First())
            .ToListAsync(cancellationToken);
        return [.. JobCatalog.All.Select(job =>
        {
            var last = latest.FirstOrDefault(r => r.JobName == job.Id);
            var next = recurring.FirstOrDefault(r => r.Id == job.Id)?.NextExecution;
            return new JobRow(job.Id, job.Description, JobCatalog.ScheduleOf(job, configuration)?.Schedule, next,
                last?.StartedAt, last is null ? null : last.FinishedAt - last.StartedAt, last?.Succeeded, last?.Message);
        })];
    }
}
