using CostInsights.Core.Data;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Data;

/// <summary>
/// The drift guard: the hand-written migrations must build exactly the schema the EF model
/// describes, on both providers. A model change without a migration fails here.
/// </summary>
public sealed class MigrationDriftTests
{
    [Fact]
    public Task Migrated_schema_equals_the_model_on_sqlite() => AssertNoDriftAsync(DatabaseProvider.Sqlite);

    [Fact]
    public Task Migrated_schema_equals_the_model_on_postgres()
    {
        Require.Postgres();
        return AssertNoDriftAsync(DatabaseProvider.Postgres);
    }

    [Fact]
    public async Task The_model_has_no_migration_pending()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = await database.MigratedContextAsync();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }

    private static async Task AssertNoDriftAsync(DatabaseProvider provider)
    {
        await using var migratedDatabase = await TestDatabase.CreateAsync(provider);
        await using var createdDatabase = await TestDatabase.CreateAsync(provider);
        await using var migrated = await migratedDatabase.MigratedContextAsync();
        await using var created = createdDatabase.NewContext();
        await created.Database.EnsureCreatedAsync();

        var fromMigrations = await SchemaSnapshot.ReadAsync(migrated, provider);
        var fromModel = await SchemaSnapshot.ReadAsync(created, provider);

        fromMigrations.Count.ShouldBeGreaterThan(100);
        var missing = fromModel.Except(fromMigrations).ToList();
        var extra = fromMigrations.Except(fromModel).ToList();
        (missing.Count + extra.Count).ShouldBe(0,
            $"schema drift on {provider}.\nIn the model, not the migrations:\n  {string.Join("\n  ", missing)}\nIn the migrations, not the model:\n  " +
                $"{string.Join("\n  ", extra)}");
    }
}
