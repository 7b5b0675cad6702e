using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Jobs;

/// <summary>Where finished runs are kept: a run that ended as its job's last run did takes that run's place, counted.</summary>
public static class JobRunLog
{
    /// <summary>
    /// Stores <paramref name="run"/>, in place of the job's newest run when it ended alike, in one transaction. A new run is
    /// always a new row, so that whoever waits for the next run sees it.
    /// </summary>
    public static void Record(CostInsightsDbContext db, JobRun run)
    {
        var previous = db.JobRuns.Where(r => r.JobName == run.JobName)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstOrDefault();
        if (previous is not null && run.EndedAs(previous))
        {
            run.Repeat(previous);
            db.JobRuns.Remove(previous);
        }
        db.JobRuns.Add(run);
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node took the same row's place first: this run is kept as a row of its own.
            db.ChangeTracker.Clear();
            (run.Repeats, run.RepeatedSince, run.Id) = (1, null, 0);
            db.JobRuns.Add(run);
            db.SaveChanges();
        }
    }
}
