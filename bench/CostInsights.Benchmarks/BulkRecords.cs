using System.Globalization;
using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Benchmarks;

/// <summary>
/// Priced usage records written straight into a benchmark's SQLite database, half a million to a transaction, under one
/// ingestion batch: for benchmarks of what reads them, which need many records fast, not the ingestion that writes them.
/// </summary>
internal static class BulkRecords
{
    private const int Chunk = 500_000;

    /// <summary>One record: when, whose, how many tokens, and its per-token cost.</summary>
    public readonly record struct Row(DateTime At, string Provider, string Model, string Team, long Input, long Output, long Cached, bool IsBatch,
        decimal Cost);

    /// <summary>Writes <paramref name="count"/> records, the i-th as <paramref name="row"/> gives it, called in order; returns the batch's id.</summary>
    public static async Task<long> WriteAsync(CostInsightsDbContext db, DateTime createdAt, long count, Func<long, Row> row,
        CancellationToken cancellationToken)
    {
        var batch = new IngestionBatch
        {
            FileName = "bench",
            Format = "bench",
            Status = IngestionStatus.Succeeded,
            CreatedAt = createdAt,
            CreatedBy = "bench"
        };
        db.IngestionBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        for (long done = 0; done < count; done += Chunk)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO \"UsageRecords\" (\"OccurredAt\", \"Provider\", \"Model\", \"Team\", \"ServiceTier\", \"InputTokens\", " +
                "\"OutputTokens\", \"CachedInputTokens\", \"Requests\", \"IsBatch\", \"TokenCost\", \"TokenPriceSheetId\", \"ComputeCostIsEstimated\", " +
                "\"IngestionBatchId\", \"NaturalKey\") " +
                "VALUES ($at, $provider, $model, $team, 'standard', $input, $output, $cached, 1, $batched, $cost, 1, 0, $batch, $key)";
            var p = new[] { "$at", "$provider", "$model", "$team", "$input", "$output", "$cached", "$batched", "$cost", "$batch", "$key" }
                .Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            p[9].Value = batch.Id;
            for (var i = done; i < Math.Min(count, done + Chunk); i++)
            {
                var r = row(i);
                (p[0].Value, p[1].Value, p[2].Value, p[3].Value) = (r.At, r.Provider, r.Model, r.Team);
                (p[4].Value, p[5].Value, p[6].Value, p[7].Value, p[8].Value) = (r.Input, r.Output, r.Cached, r.IsBatch, r.Cost);
                p[10].Value = "r" + i.ToString(CultureInfo.InvariantCulture);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return batch.Id;
    }
}
