using CostInsights.Core.Data;
using CostInsights.Core.Jobs;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Data;

public sealed class SqliteStorageTests
{
    [Fact]
    public async Task A_new_database_gets_16_kb_pages_and_a_64_mb_cache()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = await database.MigratedContextAsync();
        (await PragmaAsync(db, "page_size")).ShouldBe(16384);
        // A negative cache size is in KiB.
        (await PragmaAsync(db, "cache_size")).ShouldBe(-65536);
    }

    [Fact]
    public async Task A_widened_cache_is_given_back_when_the_work_is_done()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = await database.MigratedContextAsync();
        await using (await SqlitePragmas.WidenCacheAsync(db, CancellationToken.None))
        {
            (await PragmaAsync(db, "cache_size")).ShouldBe(-1048576);
        }
        await db.Database.OpenConnectionAsync();
        (await PragmaAsync(db, "cache_size")).ShouldBe(-65536);
    }

    [Fact]
    public async Task A_database_is_in_write_ahead_logging_so_a_save_does_not_wait_on_a_query_being_read()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var setup = database.NewContext())
        {
            // Migrated as the app and the command line migrate it.
            await DatabaseStartupLock.MigrateAsync(setup, database.Options, CancellationToken.None);
            for (var i = 0; i < 3; i++)
            {
                setup.JobRuns.Add(new JobRun { JobName = $"earlier-{i}", Succeeded = true });
            }
            await setup.SaveChangesAsync();
            (await TextPragmaAsync(setup, "journal_mode")).ShouldBe("wal");
        }

        // A page part-way through reading the runs, holding its read open.
        await using var reader = database.NewContext();
        await using var runs = reader.JobRuns.AsNoTracking().AsAsyncEnumerable().GetAsyncEnumerator();
        (await runs.MoveNextAsync()).ShouldBeTrue();

        // Meanwhile a job records its run. In a rollback journal its commit found the database locked by the read, and
        // an insert that returns its key is not retried: the save failed at once.
        await using var writer = database.NewContext();
        writer.JobRuns.Add(new JobRun { JobName = "while-reading", Succeeded = true });
        (await writer.SaveChangesAsync()).ShouldBe(1);

        (await runs.MoveNextAsync()).ShouldBeTrue();
        (await writer.JobRuns.CountAsync()).ShouldBe(4);
    }

    private static async Task<string?> TextPragmaAsync(CostInsightsDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        var value = (string?)await command.ExecuteScalarAsync();
        await db.Database.CloseConnectionAsync();
        return value;
    }

    private static async Task<long> PragmaAsync(CostInsightsDbContext db, string name)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync();
        }
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        var value = Convert.ToInt64(await command.ExecuteScalarAsync());
        if (opened)
        {
            await db.Database.CloseConnectionAsync();
        }
        return value;
    }
}
