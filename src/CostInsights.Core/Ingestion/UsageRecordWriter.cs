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
    protected static readonly string[] Columns =
    [
        nameof(UsageRecord.OccurredAt), nameof(UsageRecord.Provider), nameof(UsageRecord.Model), nameof(UsageRecord.Team),
        nameof(UsageRecord.Project), nameof(UsageRecord.Application), nameof(UsageRecord.Tags), nameof(UsageRecord.InputTokens),
        nameof(UsageRecord.OutputTokens), nameof(UsageRecord.CachedInputTokens), nameof(UsageRecord.CacheWrite5mTokens),
        nameof(UsageRecord.CacheWrite1hTokens), nameof(UsageRecord.ReasoningTokens), nameof(UsageRecord.ServiceTier), nameof(UsageRecord.Requests),
        nameof(UsageRecord.IsBatch), nameof(UsageRecord.ComputeSeconds), nameof(UsageRecord.TokenCost), nameof(UsageRecord.IsUnpriced),
        nameof(UsageRecord.TokenPriceSheetId), nameof(UsageRecord.ComputeCost), nameof(UsageRecord.ComputeCostIsEstimated),
        nameof(UsageRecord.ComputePriceSheetId), nameof(UsageRecord.IngestionBatchId), nameof(UsageRecord.NaturalKey),
        nameof(UsageRecord.ContextAboveTokens),
    ];

    protected static readonly string ColumnList = string.Join(", ", Columns.Select(c => $"\"{c}\""));

    /// <summary>One <c>INSERT ... ON CONFLICT DO NOTHING</c> on the connection's own handle, stepped once a record.</summary>
    private sealed class SqliteStatementWriter(SqliteConnection connection) : UsageRecordWriter
    {
        private readonly SqliteStatement _insert = new(connection,
            $"INSERT INTO \"UsageRecords\" ({ColumnList}) VALUES ({string.Join(", ", Columns.Select(_ => "?"))}) ON CONFLICT " +
                $"(\"{nameof(UsageRecord.NaturalKey)}\") DO NOTHING");

        public override Task<List<UsageRecord>> WriteAsync(IReadOnlyList<UsageRecord> chunk, CancellationToken cancellationToken)
        {
            var stored = new List<UsageRecord>(chunk.Count);
            var s = _insert;
            foreach (var r in chunk)
            {
                s.Time(1, r.OccurredAt); s.Text(2, r.Provider); s.Text(3, r.Model); s.Text(4, r.Team); s.Text(5, r.Project); s.Text(6, r.Application);
                s.Text(7, r.Tags); s.Long(8, r.InputTokens); s.Long(9, r.OutputTokens); s.Long(10, r.CachedInputTokens); s.Long(11, r.CacheWrite5mTokens);
                s.Long(12, r.CacheWrite1hTokens); s.Long(13, r.ReasoningTokens); s.Text(14, r.ServiceTier); s.Long(15, r.Requests); s.Long(16,
                    r.IsBatch ? 1 : 0);
                s.Decimal(17, r.ComputeSeconds); s.Decimal(18, r.TokenCost); s.Long(19, r.IsUnpriced ? 1 : 0); s.Long(20, r.TokenPriceSheetId);
                s.Decimal(21, r.ComputeCost); s.Long(22, r.ComputeCostIsEstimated ? 1 : 0); s.Long(23, r.ComputePriceSheetId); s.Long(24, r.IngestionBatchId);
                s.Text(25, r.NaturalKey); s.Long(26, r.ContextAboveTokens);
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

        private bool _staged;

        public override async Task<List<UsageRecord>> WriteAsync(IReadOnlyList<UsageRecord> chunk, CancellationToken cancellationToken)
        {
            if (!_staged)
            {
                await ExecuteAsync($"CREATE TEMPORARY TABLE IF NOT EXISTS {Staging} ON COMMIT DELETE ROWS AS SELECT {ColumnList} FROM \"UsageRecords\" WITH " +
                    "NO DATA", cancellationToken);
                _staged = true;
            }
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY {Staging} ({ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                // Values written by their own types, in Columns' order, synchronously into the importer's buffer.
                foreach (var r in chunk)
                {
                    copy.StartRow();
                    copy.Write(r.OccurredAt, NpgsqlDbType.TimestampTz); copy.Write(r.Provider, NpgsqlDbType.Text); copy.Write(r.Model, NpgsqlDbType.Text);
                    copy.Write(r.Team, NpgsqlDbType.Text); Text(copy, r.Project); Text(copy, r.Application); Text(copy, r.Tags);
                    copy.Write(r.InputTokens, NpgsqlDbType.Bigint); copy.Write(r.OutputTokens, NpgsqlDbType.Bigint);
                    copy.Write(r.CachedInputTokens, NpgsqlDbType.Bigint); copy.Write(r.CacheWrite5mTokens, NpgsqlDbType.Bigint);
                    copy.Write(r.CacheWrite1hTokens, NpgsqlDbType.Bigint); copy.Write(r.ReasoningTokens, NpgsqlDbType.Bigint);
                    copy.Write(r.ServiceTier, NpgsqlDbType.Text); copy.Write(r.Requests, NpgsqlDbType.Bigint); copy.Write(r.IsBatch, NpgsqlDbType.Boolean);
                    Numeric(copy, r.ComputeSeconds); copy.Write(r.TokenCost, NpgsqlDbType.Numeric); copy.Write(r.IsUnpriced, NpgsqlDbType.Boolean);
                    copy.Write(r.TokenPriceSheetId, NpgsqlDbType.Integer); Numeric(copy, r.ComputeCost); copy.Write(r.ComputeCostIsEstimated,
                        NpgsqlDbType.Boolean);
                    if (r.ComputePriceSheetId is { } sheet)
                    {
                        copy.Write(sheet, NpgsqlDbType.Integer);
                    }
                    else
                    {
                        copy.WriteNull();
                    }
                    copy.Write(r.IngestionBatchId, NpgsqlDbType.Bigint); copy.Write(r.NaturalKey, NpgsqlDbType.Text);
                    if (r.ContextAboveTokens is { } window)
                    {
                        copy.Write(window, NpgsqlDbType.Bigint);
                    }
                    else
                    {
                        copy.WriteNull();
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
            // Emptied, not deleted from: deleted rows would stay in the table, to be read past, until the commit.
            await ExecuteAsync($"TRUNCATE {Staging}", cancellationToken);
            // A key returned was inserted once, by the first of the chunk's records that carry it.
            return [.. chunk.Where(r => inserted.Remove(r.NaturalKey))];
        }

        private static void Text(NpgsqlBinaryImporter copy, string? value)
        {
            if (value is null)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(value, NpgsqlDbType.Text);
            }
        }

        private static void Numeric(NpgsqlBinaryImporter copy, decimal? value)
        {
            if (value is { } number)
            {
                copy.Write(number, NpgsqlDbType.Numeric);
            }
            else
            {
                copy.WriteNull();
            }
        }

        private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
