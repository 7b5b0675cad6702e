using System.Globalization;
using CostInsights.Core.Data;
using CostInsights.Web.Features.Shell;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Jobs;

/// <summary>One job in plain words: what it does, when it runs, how it last ran (and how many runs before ended alike), when it runs next.</summary>
public sealed record JobRow(
    string Name, string Description, string? Schedule, DateTime? NextRun,
    DateTime? LastStarted, TimeSpan? LastDuration, bool? LastSucceeded, string? LastMessage, string? LastRepeatsText)
{
    public string ScheduleText => Schedule ?? "off (by settings); runs when started";

    public string LastRunText => Money.Utc(LastStarted)
        + (LastDuration is { } d ? $", took {d.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s" : "");

    public string NextRunText => Schedule is null ? "–" : Money.Utc(NextRun);
}

/// <summary>
/// One recorded run of a job: when it started, how long it took, how it ended and on which node; and how many runs in a row,
/// since when, ended as it did.
/// </summary>
public sealed record JobRunRow(long Id, string Job, DateTime StartedAt, DateTime FinishedAt, bool Succeeded, string? Message, string? Node,
    int Repeats, DateTime? RepeatedSince)
{
    public string? RepeatsText => RepeatsOf(Repeats, RepeatedSince);

    /// <summary>How many runs in a row ended alike, the first when: null for a run that repeats none.</summary>
    public static string? RepeatsOf(int repeats, DateTime? since) => repeats > 1
        ? $"{repeats.ToString("N0", CultureInfo.InvariantCulture)} runs in a row ended so, the first at {Money.Utc(since)}."
        : null;

    public string TookText => $"{(FinishedAt - StartedAt).TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s";

    /// <summary>
    /// The node's name (its machine, process and an id of its own): the Hangfire server's id without the process id and GUID
    /// Hangfire adds to it, which make it too long to read in a table.
    /// </summary>
    public string? NodeName
    {
        get
        {
            var parts = Node?.Split(':');
            return parts is { Length: >= 3 } && Guid.TryParse(parts[^1], out _) && int.TryParse(parts[^2], CultureInfo.InvariantCulture, out _)
                ? string.Join(':', parts[..^2]) : Node;
        }
    }
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
                last?.StartedAt, last is null ? null : last.FinishedAt - last.StartedAt, last?.Succeeded, last?.Message,
                last is null ? null : JobRunRow.RepeatsOf(last.Repeats, last.RepeatedSince));
        })];
    }

    /// <summary>
    /// One page (from 0) of the recorded runs (the last 30 days; housekeeping prunes older ones), newest first unless asked,
    /// of one job or all, failed only when asked; and how many match.
    /// </summary>
    public async Task<(IReadOnlyList<JobRunRow> Runs, int Total)> RunsAsync(string? job, bool failedOnly, bool oldestFirst, int page, int size,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.JobRuns.AsNoTracking();
        if (!string.IsNullOrEmpty(job))
        {
            runs = runs.Where(r => r.JobName == job);
        }
        if (failedOnly)
        {
            runs = runs.Where(r => !r.Succeeded);
        }
        var ordered = oldestFirst ? runs.OrderBy(r => r.StartedAt).ThenBy(r => r.Id) : runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id);
        var rows = await ordered.Skip(Math.Max(0, page) * size).Take(size)
            .Select(r => new JobRunRow(r.Id, r.JobName, r.StartedAt, r.FinishedAt, r.Succeeded, r.Message, r.Node, r.Repeats, r.RepeatedSince))
            .ToListAsync(cancellationToken);
        return (rows, await runs.CountAsync(cancellationToken));
    }
}
