using CostInsights.Core.Data;
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
        await using (await SqliteCacheSize.WidenAsync(db, CancellationToken.None))
        {
            (await PragmaAsync(db, "cache_size")).ShouldBe(-1048576);
        }
        await db.Database.OpenConnectionAsync();
        (await PragmaAsync(db, "cache_size")).ShouldBe(-65536);
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
