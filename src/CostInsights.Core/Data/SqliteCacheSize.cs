using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CostInsights.Core.Data;

/// <summary>
/// A page cache of 128 MB per SQLite connection instead of SQLite's 2 MB, so that a large
/// transaction (an ingestion, a re-price) is not spilled to disk page by page before it commits.
/// </summary>
internal sealed class SqliteCacheSize : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA cache_size = -131072";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
