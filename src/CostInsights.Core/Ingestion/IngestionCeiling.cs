using System.Diagnostics;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// The fastest the database takes usage records: the ingestion's own bulk path (prepared inserts on
/// SQLite, binary COPY on PostgreSQL) in one transaction, over the same rows priced beforehand, with
/// no reading, pricing or rollups timed. The baseline the ingestion benchmark measures against.
/// </summary>
public static class IngestionCeiling
{
    /// <summary>Prices and orders the rows chunk by chunk (untimed) and writes them in one transaction; returns the time spent writing and
    /// committing.</summary>
    public static async Task<TimeSpan> WriteAsync(CostInsightsDbContext db, long batchId, IEnumerable<UsageRow[]> chunks, CancellationToken cancellationToken)
    {
        var pricer = new UsagePricer(await PricesInForce.LoadAsync(db, cancellationToken), new MonthlyVolumes());
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            using var writer = UsageRecordWriter.Create(db);
            var elapsed = TimeSpan.Zero;
            foreach (var chunk in chunks)
            {
                var records = chunk.Select(row => row.ToRecord(batchId)).ToList();
                records.ForEach(r => pricer.Apply(r));
                UsageRecordWriter.Order(records);
                var start = Stopwatch.GetTimestamp();
                await writer.WriteAsync(records, cancellationToken);
                elapsed += Stopwatch.GetElapsedTime(start);
            }
            var commit = Stopwatch.GetTimestamp();
            await transaction.CommitAsync(cancellationToken);
            return elapsed + Stopwatch.GetElapsedTime(commit);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
