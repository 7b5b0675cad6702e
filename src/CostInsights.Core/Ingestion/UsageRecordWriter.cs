using System.Data;
using System.Data.Common;
using System.Globalization;
using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

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
    public static UsageRecordWriter Create(CostInsightsDbContext db, DbTransaction transaction) =>
        db.Database.IsNpgsql()
            ? new PostgresCopyWriter((NpgsqlConnection)db.Database.GetDbConnection())
            : new SqliteStatementWriter((SqliteConnection)db.Database.GetDbConnection());

    /// <param name="chunk">Records with distinct natural keys.</param>
    public abstract Task<List<UsageRecord>> WriteAsync(IReadOnlyList<UsageRecord> chunk, CancellationToken cancellationToken);

    public virtual void Dispose()
    {
    }

    /// <summary>Every stored column but the key, in one order for both providers.</summary>
    protected static readonly (string Name, DbType Type, NpgsqlDbType PostgresType)[] Columns =
    [
        (nameof(UsageRecord.OccurredAt), DbType.DateTime, NpgsqlDbType.TimestampTz), (nameof(UsageRecord.Provider), DbType.String, NpgsqlDbType.Text),
        (nameof(UsageRecord.Model), DbType.String, NpgsqlDbType.Text), (nameof(UsageRecord.Team), DbType.String, NpgsqlDbType.Text),
        (nameof(UsageRecord.Project), DbType.String, NpgsqlDbType.Text), (nameof(UsageRecord.Application), DbType.String, NpgsqlDbType.Text),
        (nameof(UsageRecord.Tags), DbType.String, NpgsqlDbType.Text), (nameof(UsageRecord.InputTokens), DbType.Int64, NpgsqlDbType.Bigint),
        (nameof(UsageRecord.OutputTokens), DbType.Int64, NpgsqlDbType.Bigint), (nameof(UsageRecord.CachedInputTokens), DbType.Int64, NpgsqlDbType.Bigint),
        (nameof(UsageRecord.CacheWrite5mTokens), DbType.Int64, NpgsqlDbType.Bigint), (nameof(UsageRecord.CacheWrite1hTokens), DbType.Int64, NpgsqlDbType.Bigint),
        (nameof(UsageRecord.ReasoningTokens), DbType.Int64, NpgsqlDbType.Bigint), (nameof(UsageRecord.ServiceTier), DbType.String, NpgsqlDbType.Text),
        (nameof(UsageRecord.Requests), DbType.Int64, NpgsqlDbType.Bigint), (nameof(UsageRecord.IsBatch), DbType.Boolean, NpgsqlDbType.Boolean),
        (nameof(UsageRecord.ComputeSeconds), DbType.Decimal, NpgsqlDbType.Numeric), (nameof(UsageRecord.TokenCost), DbType.Decimal, NpgsqlDbType.Numeric),
        (nameof(UsageRecord.IsUnpriced), DbType.Boolean, NpgsqlDbType.Boolean), (nameof(UsageRecord.TokenPriceSheetId), DbType.Int32, NpgsqlDbType.Integer),
        (nameof(UsageRecord.ComputeCost), DbType.Decimal, NpgsqlDbType.Numeric), (nameof(UsageRecord.ComputeCostIsEstimated), DbType.Boolean, NpgsqlDbType.Boolean),
        (nameof(UsageRecord.ComputePriceSheetId), DbType.Int32, NpgsqlDbType.Integer), (nameof(UsageRecord.IngestionBatchId), DbType.Int64, NpgsqlDbType.Bigint),
        (nameof(UsageRecord.NaturalKey), DbType.String, NpgsqlDbType.Text),
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

    /// <summary>
    /// One <c>INSERT ... ON CONFLICT DO NOTHING</c> prepared on the connection's own SQLite handle and
    /// stepped once a record, values bound straight from the record: SQLite's fastest bulk path. Times and
    /// decimals are written as text exactly as EF Core and Microsoft.Data.Sqlite write them.
    /// </summary>
    private sealed class SqliteStatementWriter : UsageRecordWriter
    {
        private const string TimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
        private const string DecimalFormat = "0.0###########################";

        private readonly sqlite3 _handle;
        private readonly sqlite3_stmt _insert;

        public SqliteStatementWriter(SqliteConnection connection)
        {
            _handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
            var sql = $"INSERT INTO \"UsageRecords\" ({ColumnList}) VALUES ({string.Join(", ", Columns.Select(_ => "?"))}) " +
                $"ON CONFLICT (\"{nameof(UsageRecord.NaturalKey)}\") DO NOTHING";
            Check(raw.sqlite3_prepare_v2(_handle, sql, out _insert));
        }

        public override Task<List<UsageRecord>> WriteAsync(IReadOnlyList<UsageRecord> chunk, CancellationToken cancellationToken)
        {
            var stored = new List<UsageRecord>(chunk.Count);
            Span<char> text = stackalloc char[64];
            foreach (var r in chunk)
            {
                var i = 1;
                r.OccurredAt.TryFormat(text, out var written, TimeFormat, CultureInfo.InvariantCulture);
                Check(raw.sqlite3_bind_text16(_insert, i++, text[..written]));
                Text(i++, r.Provider); Text(i++, r.Model); Text(i++, r.Team); Text(i++, r.Project); Text(i++, r.Application); Text(i++, r.Tags);
                Long(i++, r.InputTokens); Long(i++, r.OutputTokens); Long(i++, r.CachedInputTokens); Long(i++, r.CacheWrite5mTokens);
                Long(i++, r.CacheWrite1hTokens); Long(i++, r.ReasoningTokens); Text(i++, r.ServiceTier); Long(i++, r.Requests); Long(i++, r.IsBatch ? 1 : 0);
                Decimal(i++, r.ComputeSeconds, text); Decimal(i++, r.TokenCost, text); Long(i++, r.IsUnpriced ? 1 : 0); Long(i++, r.TokenPriceSheetId);
                Decimal(i++, r.ComputeCost, text); Long(i++, r.ComputeCostIsEstimated ? 1 : 0);
                if (r.ComputePriceSheetId is { } sheet) Long(i++, sheet); else Check(raw.sqlite3_bind_null(_insert, i++));
                Long(i++, r.IngestionBatchId); Text(i, r.NaturalKey);
                var result = raw.sqlite3_step(_insert);
                raw.sqlite3_reset(_insert);
                if (result != raw.SQLITE_DONE)
                {
                    Check(result);
                }
                if (raw.sqlite3_changes(_handle) == 1)
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

        private void Text(int index, string? value) =>
            Check(value is null ? raw.sqlite3_bind_null(_insert, index) : raw.sqlite3_bind_text16(_insert, index, value.AsSpan()));

        private void Long(int index, long value) => Check(raw.sqlite3_bind_int64(_insert, index, value));

        private void Decimal(int index, decimal? value, Span<char> text)
        {
            if (value is not { } number)
            {
                Check(raw.sqlite3_bind_null(_insert, index));
                return;
            }
            number.TryFormat(text, out var written, DecimalFormat, CultureInfo.InvariantCulture);
            Check(raw.sqlite3_bind_text16(_insert, index, text[..written]));
        }

        private void Check(int result)
        {
            if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            {
                throw new SqliteException(raw.sqlite3_errmsg(_handle).utf8_to_string(), result);
            }
        }

        public override void Dispose() => _insert.Dispose();
    }

    /// <summary>Binary COPY into a temporary staging table, then one INSERT ... SELECT that skips known keys.</summary>
    private sealed class PostgresCopyWriter(NpgsqlConnection connection) : UsageRecordWriter
    {
        private const string Staging = "usage_records_staging";

        private readonly object?[] _values = new object?[Columns.Length];

        public override async Task<List<UsageRecord>> WriteAsync(IReadOnlyList<UsageRecord> chunk, CancellationToken cancellationToken)
        {
            await ExecuteAsync($"CREATE TEMPORARY TABLE IF NOT EXISTS {Staging} ON COMMIT DELETE ROWS AS SELECT {ColumnList} FROM \"UsageRecords\" WITH NO DATA", cancellationToken);
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
            await ExecuteAsync($"TRUNCATE {Staging}", cancellationToken);
            return [.. chunk.Where(r => inserted.Contains(r.NaturalKey))];
        }

        private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
