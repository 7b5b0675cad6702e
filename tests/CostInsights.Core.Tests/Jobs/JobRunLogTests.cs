using CostInsights.Core.Data;
using CostInsights.Core.Jobs;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Core.Tests.Jobs;

/// <summary>A job that runs every minute and finds nothing leaves one row, counted; every other outcome keeps a row of its own.</summary>
public sealed class JobRunLogTests
{
    private static readonly DateTime Start = new(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);

    private static JobRun Run(string job, int minute, bool succeeded = true, string? message = "nothing queued", string node = "node-a") => new()
    {
        JobName = job,
        StartedAt = Start.AddMinutes(minute),
        FinishedAt = Start.AddMinutes(minute).AddSeconds(0.2),
        Succeeded = succeeded,
        Message = message,
        Node = node,
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Runs_in_a_row_that_ended_alike_are_one_row_counted_and_each_run_is_a_new_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.MigratedContextAsync();
        var ids = new List<long>();
        for (var minute = 0; minute < 60; minute++)
        {
            // Nodes take turns; the outcome, not the node, makes runs alike.
            var run = Run(JobIds.IngestUsage, minute, node: minute % 2 == 0 ? "node-a" : "node-b");
            JobRunLog.Record(db, run);
            ids.Add(run.Id);
        }

        var stored = await db.JobRuns.AsNoTracking().ToListAsync();
        var row = stored.ShouldHaveSingleItem();
        row.Repeats.ShouldBe(60);
        row.RepeatedSince.ShouldBe(Start);
        row.StartedAt.ShouldBe(Start.AddMinutes(59));
        row.FinishedAt.ShouldBe(Start.AddMinutes(59).AddSeconds(0.2));
        row.Node.ShouldBe("node-b");
        // Whoever waits for the next run (the Jobs page's Run now) finds it as a row it has not seen.
        ids.ShouldBeUnique();
        ids.ShouldBe(ids.Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_failure_another_message_or_another_job_starts_a_row_of_its_own(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.MigratedContextAsync();
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 0));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 1));
        JobRunLog.Record(db, Run(JobIds.Housekeeping, 2, message: "nothing queued"));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 3, succeeded: false, message: "database is locked"));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 4, succeeded: false, message: "database is locked"));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 5));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 6, message: "1 batch(es) run"));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 7));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 8));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 9, message: null));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 10, message: null));

        var rows = await db.JobRuns.AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync();
        rows.Select(r => (r.JobName, r.StartedAt.Minute, r.Succeeded, r.Message, r.Repeats, r.RepeatedSince?.Minute)).ShouldBe(
        [
            (JobIds.IngestUsage, 1, true, "nothing queued", 2, 0),
            (JobIds.Housekeeping, 2, true, "nothing queued", 1, null),
            (JobIds.IngestUsage, 3, false, "database is locked", 1, null),
            (JobIds.IngestUsage, 4, false, "database is locked", 1, null),
            (JobIds.IngestUsage, 5, true, "nothing queued", 1, null),
            (JobIds.IngestUsage, 6, true, "1 batch(es) run", 1, null),
            (JobIds.IngestUsage, 8, true, "nothing queued", 2, 7),
            (JobIds.IngestUsage, 10, true, null, 2, 9),
        ]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Runs_stored_before_runs_were_counted_count_once_each(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await db.GetService<IMigrator>().MigrateAsync("20261203010000_CostLineChargeClass");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "JobRuns" ("JobName", "StartedAt", "FinishedAt", "Succeeded", "Message")
            VALUES ({JobIds.IngestUsage}, {Start}, {Start.AddSeconds(1)}, {true}, 'nothing queued')
            """);

        await db.Database.MigrateAsync();

        var row = await db.JobRuns.AsNoTracking().SingleAsync();
        (row.Repeats, row.RepeatedSince).ShouldBe((1, (DateTime?)null));
        JobRunLog.Record(db, Run(JobIds.IngestUsage, 1));
        var folded = await db.JobRuns.AsNoTracking().SingleAsync();
        (folded.Repeats, folded.RepeatedSince).ShouldBe((2, (DateTime?)Start));
    }
}
