using CostInsights.Core.Data;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Data;

/// <summary>Several nodes starting together on an empty PostgreSQL database: one migrates, the others wait and find it done.</summary>
public sealed class StartupLockTests
{
    [Fact]
    public async Task Four_nodes_migrating_an_empty_database_at_once_all_start_and_the_schema_is_whole()
    {
        Require.Postgres();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);

        var nodes = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = database.NewContext();
            await DatabaseStartupLock.MigrateAsync(db, database.Options, CancellationToken.None);
        }));
        await Task.WhenAll(nodes);

        await using var check = database.NewContext();
        (await check.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await check.Database.GetAppliedMigrationsAsync()).Count().ShouldBe(check.Database.GetMigrations().Count());
        (await check.UsageRecords.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task While_one_node_holds_the_lock_another_waits_for_it()
    {
        Require.Postgres();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var first = await DatabaseStartupLock.AcquireAsync(database.Options, CancellationToken.None);
        var second = DatabaseStartupLock.AcquireAsync(database.Options, CancellationToken.None);

        (await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(1)))).ShouldNotBe(second);
        await first.DisposeAsync();
        await using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
