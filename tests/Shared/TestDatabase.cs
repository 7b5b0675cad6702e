using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CostInsights.Testing;

/// <summary>A fresh, empty database on SQLite (a temp file) or PostgreSQL (a new database), dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresName;

    private TestDatabase(DatabaseOptions options, string? postgresName)
    {
        Options = options;
        _postgresName = postgresName;
    }

    public DatabaseOptions Options { get; }

    /// <param name="timeZone">For PostgreSQL, the session time zone, to show that nothing depends on it.</param>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string? timeZone = null)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "costinsights-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(new DatabaseOptions { Provider = provider, DataFolder = folder }, null);
        }
        // A test on PostgreSQL without one skips, loudly, wherever it asks for its database.
        Require.Postgres();
        var admin = TestEnvironment.PostgresAdminConnection!;
        var name = "ci_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false };
        if (timeZone is not null)
        {
            builder.Timezone = timeZone;
        }
        var folderPg = Path.Combine(Path.GetTempPath(), "costinsights-tests", name);
        Directory.CreateDirectory(folderPg);
        return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = builder.ConnectionString, DataFolder = folderPg }, name);
    }

    public CostInsightsDbContext NewContext() => new(ContextOptions());

    public DbContextOptions<CostInsightsDbContext> ContextOptions()
    {
        var builder = new DbContextOptionsBuilder<CostInsightsDbContext>();
        DataServiceCollectionExtensions.Configure(builder, Options);
        return builder.Options;
    }

    public async Task<CostInsightsDbContext> MigratedContextAsync()
    {
        var db = NewContext();
        await db.Database.MigrateAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(Options.ResolveDataFolder(), recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
