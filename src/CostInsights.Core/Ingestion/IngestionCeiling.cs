using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// The fastest the database takes usage records: the ingestion's own bulk path (prepared inserts on
/// SQLite, binary COPY on PostgreSQL) over records already built and priced, in one transaction,
/// with no reading, pricing or rollups. The baseline the ingestion benchmark measures against.
/// </summary>
public static class IngestionCeiling
{
    /// <summary>Writes the records in one transaction; returns the time spent writing and committing only.</summary>
    public static async Task<TimeSpan> WriteAsync(CostInsightsDbContext db, IEnumerable<List<UsageRecord>> chunks, CancellationToken cancellationToken)
    {
        await using var cache = await SqliteCacheSize.WidenAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var writer = UsageRecordWriter.Create(db, transaction.GetDbTransaction());
        var elapsed = TimeSpan.Zero;
        foreach (var chunk in chunks)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await writer.WriteAsync(chunk, cancellationToken);
            elapsed += System.Diagnostics.Stopwatch.GetElapsedTime(start);
        }
        var commit = System.Diagnostics.Stopwatch.GetTimestamp();
        await transaction.CommitAsync(cancellationToken);
        return elapsed + System.Diagnostics.Stopwatch.GetElapsedTime(commit);
    }
}
