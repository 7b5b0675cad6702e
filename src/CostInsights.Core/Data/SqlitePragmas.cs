using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CostInsights.Core.Data;

/// <summary>
/// What every SQLite connection is opened with.
/// <list type="bullet">
/// <item>Pages of 16 KB for a new database: SQLite's 4 KB pages made ingesting and re-pricing a year of usage a third
/// slower. An existing file keeps its page size.</item>
/// <item>Write-ahead logging. Readers and the one writer no longer wait on each other, and a write's commit does not wait for
/// pages being read elsewhere. In the default rollback journal it did, and EF's inserts that return their keys could not be
/// retried when that commit found the database busy: a job's save failed while a page was reading. The mode is kept in
/// the file, so the first connection switches an older database over.</item>
/// <item>A page cache of 64 MB per connection instead of SQLite's 2 MB: ingesting a million records was fastest with it
/// (128 MB was slower and held twice the memory). Work that rewrites a whole table (a re-price) widens the cache for its
/// own transaction with <see cref="WidenCacheAsync"/>.</item>
/// </list>
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA cache_size = -65536";
    private const string WidePragma = "PRAGMA cache_size = -1048576";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ExecuteAsync(connection, Pragma, cancellationToken);

    /// <summary>
    /// On SQLite, lets the context's connection (opened here, and kept open until disposed) cache up
    /// to 1 GB of pages, then gives the memory back; on other providers, does nothing. SQLite only
    /// takes the memory it fills.
    /// </summary>
    public static async Task<IAsyncDisposable> WidenCacheAsync(CostInsightsDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return new Widened(null);
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await ExecuteAsync(connection, WidePragma, cancellationToken);
        return new Widened(async () =>
        {
            await ExecuteAsync(connection, Pragma, CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        });
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class Widened(Func<Task>? restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (restore is not null)
            {
                await restore();
            }
        }
    }
}
