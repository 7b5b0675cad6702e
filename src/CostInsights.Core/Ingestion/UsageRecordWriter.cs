using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// Writes a chunk of priced records inside the caller's transaction and returns those that were new:
/// a record whose natural key is already stored is skipped. SQLite takes a prepared insert stepped
/// once a record;
/// PostgreSQL takes the chunk by binary COPY into a staging table and moves the new rows on in one
/// statement.
/// </summary>
internal abstract class UsageRecordWriter : IDisposable
{
    /// <summary>A writer on the context's connection, inside the transaction the context has begun.</summary>
    public static UsageRecordWriter Create(CostInsightsDbContext db) =>
        db.Database.IsNpgsql()
            ? new PostgresCopyWriter((NpgsqlConnection)db.Database.GetDbConnection())
            : new SqliteStatementWriter((SqliteConnection)db.Database.GetDbConnection());

    /// <param name="chunk">
    /// Records, possibly repeating a natural key: only the first of them is stored. Put in <see cref="Order"/>
    /// first, they are stored fastest.
    /// </param>
    public abstract Task<List<UsageRecord>> WriteAsync(IReadOnlyList<UsageRecord> chunk, CancellationToken cancellationToken);

    public virtual void Dispose()
    {
    }

    /// <summary>
    /// Puts records in the order of their natural keys, equal keys in the order they came: stored so, a
    /// chunk's keys go into the key index's pages one after another instead of all over it (a million
    /// records on SQLite load a fifth faster).
    /// </summary>
    public static void Order(List<UsageRecord> records)
    {
        var keys = new string[records.Count];
        var positions = new int[records.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = records[i].NaturalKey;
            positions[i] = i;
        }
        Array.Sort(keys, positions, StringComparer.Ordinal);
        var original = records.ToArray();
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && string.Equals(keys[end], keys[start], StringComparison.Ordinal))
            {
                end++;
            }
            if (end - start > 1)
            {
                Array.Sort(positions, start, end - start);
            }
            for (var i = start; i < end; i++)
            {
                records[i] = original[positions[i]];
            }
            start = end;
        }
    }

    /// <summary>Every stored column but the key, in one order for both providers.</summary>
    protected static readonly (string Name, NpgsqlDbType PostgresType)[] Columns =
    [
        (nameof(UsageRecord.OccurredAt), NpgsqlDbType.TimestampTz), (nameof(UsageRecord.Provider), NpgsqlDbType.Text),
        (nameof(UsageRecord.Model), NpgsqlDbType.Text), (nameof(UsageRecord.Team), NpgsqlDbType.Text),
        (nameof(UsageRecord.Project), NpgsqlDbType.Text), (nameof(UsageRecord.Application), NpgsqlDbType.Text),
        (nameof(UsageRecord.Tags), NpgsqlDbType.Text), (nameof(UsageRecord.InputTokens), NpgsqlDbType.Bigint),
        (nameof(UsageRecord.OutputTokens), NpgsqlDbType.Bigint), (nameof(UsageRecord.CachedInputTokens), NpgsqlDbType.Bigint),
        (nameof(UsageRecord.CacheWrite5mTokens), NpgsqlDbType.Bigint), (nameof(UsageRecord.CacheWrite1hTokens), NpgsqlDbType.Bigint),
        (nameof(UsageRecord.ReasoningTokens), NpgsqlDbType.Bigint), (nameof(UsageRecord.ServiceTier), NpgsqlDbType.Text),
        (nameof(UsageRecord.Requests), NpgsqlDbType.Bigint), (nameof(UsageRecord.IsBatch), NpgsqlDbType.Boolean),
        (nameof(UsageRecord.ComputeSeconds), NpgsqlDbType.Numeric), (nameof(UsageRecord.TokenCost), NpgsqlDbType.Numeric),
        (nameof(UsageRecord.IsUnpriced), NpgsqlDbType.Boolean), (nameof(UsageRecord.TokenPriceSheetId), NpgsqlDbType.Integer),
        (nameof(UsageRecord.ComputeCost), NpgsqlDbType.Numeric), (nameof(UsageRecord.ComputeCostIsEstimated), NpgsqlDbType.Boolean),
        (nameof(UsageRecord.ComputePriceSheetId), NpgsqlDbType.Integer), (nameof(UsageRecord.IngestionBatchId), NpgsqlDbType.Bigint),
        (nameof(UsageRecord.NaturalKey), NpgsqlDbType.Text),
    ];

    protected static readonly string ColumnList = string.Join(", ", Columns.Select(c => $"\"{c.Name}\""));

    /// <summary>The record's values in <see cref="Columns"/>' order, written into a reused array.</summary>
    protected static void Fill(UsageRecord r, object?[] values)
    {
        values[0] = r.OccurredAt; values[1] = r.Provider; values[2] = r.Model; values[3] = r.Team; values[4] = r.Project; values[5] = r.Application;
        values[6] = r.Tags; values[7] = r.InputTokens; values[8] = r.OutputTokens; values[9] = r.CachedInputTokens; values[10] = r.CacheWrite5mTokens;
        values[11] = r.CacheWrite1hTokens; values[12] = r.ReasoningTokens; values[13] = r.ServiceTier; values[14] = r.Requests; values[15] = r.IsBatch;
        values[16] = r.ComputeSeconds; values[17] = r.TokenCost; values[18] = r.IsUnpriced; values[19] = r.TokenPriceSheetId; values[20] = r.ComputeCost;
        values[21] = r.ComputeCostIsEstimated; values[22] = r.ComputePriceSheetId; values[23] = r.IngestionBatchId; values[24] = r.NaturalKey;
    }

    /// <summary>One <c>INSERT ... ON CONFLICT DO NOTHING</c> on the connection's own handle, stepped once a record.</summary>
    private sealed class SqliteStatementWriter(SqliteConnection connection) : UsageRecordWriter
    {
        private readonly SqliteStatement _insert = new(connection,
            $"INSERT INTO \"UsageRecords\" ({ColumnList}) VALUES ({string.Join(", ", Columns.Select(_ => "?"))}) ON CONFLICT (\"{nameof(UsageRecord.NaturalKey)}\") DO NOTHING");

        public override Task<List<UsageRecord>> WriteAsync(IReadOnlyList<UsageRecord> chunk, CancellationToken cancellationToken)
        {
            var stored = new List<UsageRecord>(chunk.Count);
            var s = _insert;
            foreach (var r in chunk)
            {
                s.Time(1, r.OccurredAt); s.Text(2, r.Provider); s.Text(3, r.Model); s.Text(4, r.Team); s.Text(5, r.Project); s.Text(6, r.Application);
                s.Text(7, r.Tags); s.Long(8, r.InputTokens); s.Long(9, r.OutputTokens); s.Long(10, r.CachedInputTokens); s.Long(11, r.CacheWrite5mTokens);
                s.Long(12, r.CacheWrite1hTokens); s.Long(13, r.ReasoningTokens); s.Text(14, r.ServiceTier); s.Long(15, r.Requests); s.Long(16, r.IsBatch ? 1 : 0);
                s.Decimal(17, r.ComputeSeconds); s.Decimal(18, r.TokenCost); s.Long(19, r.IsUnpriced ? 1 : 0); s.Long(20, r.TokenPriceSheetId);
                s.Decimal(21, r.ComputeCost); s.Long(22, r.ComputeCostIsEstimated ? 1 : 0); s.Long(23, r.ComputePriceSheetId); s.Long(24, r.IngestionBatchId);
                s.Text(25, r.NaturalKey);
                if (s.Step() == 1)
                {
                    stored.Add(r);
                }
                if (stored.Count % 4096 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            return Task.FromResult(stored);
        }

        public override void Dispose() => _insert.Dispose();
    }

    /// <summary>Binary COPY into a temporary staging table, then one INSERT ... SELECT that skips known keys.</summary>
    private sealed class PostgresCopyWriter(NpgsqlConnection connection) : UsageRecordWriter
    {
        private const string Staging = "usage_records_staging";

        private readonly object?[] _values = new object?[Columns.Length];
        private bool _staged;

        public override async Task<List<UsageRecord>> WriteAsync(IReadOnlyList<UsageRecord> chunk, CancellationToken cancellationToken)
        {
            if (!_staged)
            {
                await ExecuteAsync($"CREATE TEMPORARY TABLE IF NOT EXISTS {Staging} ON COMMIT DELETE ROWS AS SELECT {ColumnList} FROM \"UsageRecords\" WITH NO DATA", cancellationToken);
                _staged = true;
            }
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY {Staging} ({ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var record in chunk)
                {
                    Fill(record, _values);
                    await copy.StartRowAsync(cancellationToken);
                    for (var i = 0; i < Columns.Length; i++)
                    {
                        if (_values[i] is { } value)
                        {
                            await copy.WriteAsync(value, Columns[i].PostgresType, cancellationToken);
                        }
                        else
                        {
                            await copy.WriteNullAsync(cancellationToken);
                        }
                    }
                }
                await copy.CompleteAsync(cancellationToken);
            }
            var inserted = new HashSet<string>(StringComparer.Ordinal);
            await using (var move = connection.CreateCommand())
            {
                move.CommandText = $"INSERT INTO \"UsageRecords\" ({ColumnList}) SELECT {ColumnList} FROM {Staging} " +
                    $"ON CONFLICT (\"{nameof(UsageRecord.NaturalKey)}\") DO NOTHING RETURNING \"{nameof(UsageRecord.NaturalKey)}\"";
                await using var reader = await move.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    inserted.Add(reader.GetString(0));
                }
            }
            await ExecuteAsync($"DELETE FROM {Staging}", cancellationToken);
            // A key returned was inserted once, by the first of the chunk's records that carry it.
            return [.. chunk.Where(r => inserted.Remove(r.NaturalKey))];
        }

        private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
