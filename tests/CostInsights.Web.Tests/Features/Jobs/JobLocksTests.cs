using CostInsights.Core.Data;
using CostInsights.Testing;
using CostInsights.Web.Features.Jobs;

namespace CostInsights.Web.Tests.Features.Jobs;

public sealed class JobLocksTests
{
    [Fact]
    public async Task On_postgresql_a_job_s_lock_is_seen_by_every_node_and_let_go_when_its_holder_s_connection_ends()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var nodeA = new PostgresJobLocks(database.Options);
        var nodeB = new PostgresJobLocks(database.Options);

        var held = nodeA.TryAcquire("ingest-usage");
        held.ShouldNotBeNull();
        nodeB.TryAcquire("ingest-usage").ShouldBeNull();
        using (var other = nodeB.TryAcquire("forecast"))
        {
            other.ShouldNotBeNull("each job has a lock of its own");
        }
        // Let go, the lock is free at once for every node, not a moment later.
        held.Dispose();
        await using (var observer = new Npgsql.NpgsqlConnection(database.Options.ResolveConnectionString()))
        {
            await observer.OpenAsync();
            await using var locks = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database " +
                "WHERE l.locktype = 'advisory' AND d.datname = current_database()", observer);
            (await locks.ExecuteScalarAsync()).ShouldBe(0L, "no advisory lock is left once it is let go");
        }
        using var after = nodeB.TryAcquire("ingest-usage");
        after.ShouldNotBeNull();
    }

    [Fact]
    public void In_one_process_a_job_s_lock_is_held_once_until_it_is_let_go()
    {
        var locks = new ProcessJobLocks();
        var held = locks.TryAcquire("reprice");
        held.ShouldNotBeNull();
        locks.TryAcquire("reprice").ShouldBeNull();
        held.Dispose();
        held.Dispose();
        using var again = locks.TryAcquire("reprice");
        again.ShouldNotBeNull();
        locks.TryAcquire("reprice").ShouldBeNull("letting go twice must not free the lock twice");
    }
}
