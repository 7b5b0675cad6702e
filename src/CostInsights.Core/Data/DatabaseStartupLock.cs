using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CostInsights.Core.Data;

/// <summary>
/// Lets one process at a time prepare a shared database (migrate it, create roles, seed the demo):
/// on PostgreSQL a session advisory lock that other nodes starting at the same moment wait on; on
/// SQLite nothing, since one file has one node.
/// </summary>
public sealed class DatabaseStartupLock : IAsyncDisposable
{
    // Any fixed number: the lock's name among the database's advisory locks.
    private const long Key = 0x436f7374496e7369;

    private readonly NpgsqlConnection? _connection;

    private DatabaseStartupLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<DatabaseStartupLock> AcquireAsync(DatabaseOptions options, CancellationToken cancellationToken)
    {
        if (options.Provider != DatabaseProvider.Postgres)
        {
            return new DatabaseStartupLock(null);
        }
        var connection = new NpgsqlConnection(options.ResolveConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new DatabaseStartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Migrates the database to the latest schema, one process at a time.</summary>
    public static async Task MigrateAsync(CostInsightsDbContext db, DatabaseOptions options, CancellationToken cancellationToken)
    {
        await using var startup = await AcquireAsync(options, cancellationToken);
        await MigrateHeldAsync(db, cancellationToken);
    }

    /// <summary>
    /// Migrates the database; the caller holds the lock. The migrations' history table is made first when missing, since
    /// EF otherwise finds out by a query that fails and logs an error on every new database.
    /// </summary>
    public static async Task MigrateHeldAsync(CostInsightsDbContext db, CancellationToken cancellationToken)
    {
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // Closing the session releases its advisory locks.
            await _connection.DisposeAsync();
        }
    }
}
