using System.Data.Common;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// Inserts usage records through one prepared statement inside the caller's transaction,
/// skipping records whose natural key is already stored.
/// </summary>
internal sealed class UsageBulkLoader : IDisposable
{
    private static readonly string[] Columns =
    [
        nameof(UsageRecord.OccurredAt), nameof(UsageRecord.Provider), nameof(UsageRecord.Model), nameof(UsageRecord.Team),
        nameof(UsageRecord.Project), nameof(UsageRecord.Application), nameof(UsageRecord.InputTokens),
        nameof(UsageRecord.OutputTokens), nameof(UsageRecord.CachedInputTokens), nameof(UsageRecord.CacheWrite5mTokens),
        nameof(UsageRecord.CacheWrite1hTokens), nameof(UsageRecord.ReasoningTokens), nameof(UsageRecord.ServiceTier), nameof(UsageRecord.Requests),
        nameof(UsageRecord.IsBatch), nameof(UsageRecord.ComputeSeconds), nameof(UsageRecord.TokenCost),
        nameof(UsageRecord.TokenPriceSheetId), nameof(UsageRecord.ComputeCost), nameof(UsageRecord.ComputeCostIsEstimated),
        nameof(UsageRecord.ComputePriceSheetId), nameof(UsageRecord.IngestionBatchId), nameof(UsageRecord.NaturalKey),
    ];

    private readonly DbCommand _insert;
    private readonly DbParameter[] _parameters;
    private bool _prepared;

    public UsageBulkLoader(DbConnection connection, DbTransaction transaction)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText =
            $"INSERT INTO \"UsageRecords\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))}) " +
            $"ON CONFLICT (\"{nameof(UsageRecord.NaturalKey)}\") DO NOTHING";
        _parameters = new DbParameter[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            var p = _insert.CreateParameter();
            p.ParameterName = $"@p{i}";
            if (DbTypeOf(Columns[i]) is { } type)
            {
                p.DbType = type;
            }
            _insert.Parameters.Add(p);
            _parameters[i] = p;
        }
    }

    /// <summary>True when the record was new; false when its natural key was already stored.</summary>
    public async Task<bool> InsertAsync(UsageRecord r, CancellationToken cancellationToken)
    {
        object?[] values =
        [
            r.OccurredAt, r.Provider, r.Model, r.Team, r.Project, r.Application, r.InputTokens, r.OutputTokens,
            r.CachedInputTokens, r.CacheWrite5mTokens, r.CacheWrite1hTokens, r.ReasoningTokens, r.ServiceTier, r.Requests, r.IsBatch, r.ComputeSeconds, r.TokenCost, r.TokenPriceSheetId,
            r.ComputeCost, r.ComputeCostIsEstimated, r.ComputePriceSheetId, r.IngestionBatchId, r.NaturalKey,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }
        if (!_prepared)
        {
            // Prepared once values are bound, so that every provider knows each parameter's type.
            await _insert.PrepareAsync(cancellationToken);
            _prepared = true;
        }
        return await _insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public void Dispose() => _insert.Dispose();

    // Times are left to each provider to infer: Npgsql maps a UTC DateTime to timestamptz.
    private static System.Data.DbType? DbTypeOf(string column) => column switch
    {
        nameof(UsageRecord.OccurredAt) => null,
        nameof(UsageRecord.IsBatch) or nameof(UsageRecord.ComputeCostIsEstimated) => System.Data.DbType.Boolean,
        nameof(UsageRecord.ComputeSeconds) or nameof(UsageRecord.TokenCost) or nameof(UsageRecord.ComputeCost) => System.Data.DbType.Decimal,
        nameof(UsageRecord.TokenPriceSheetId) or nameof(UsageRecord.ComputePriceSheetId) => System.Data.DbType.Int32,
        nameof(UsageRecord.InputTokens) or nameof(UsageRecord.OutputTokens) or nameof(UsageRecord.CachedInputTokens)
            or nameof(UsageRecord.CacheWrite5mTokens) or nameof(UsageRecord.CacheWrite1hTokens) or nameof(UsageRecord.ReasoningTokens)
            or nameof(UsageRecord.Requests) or nameof(UsageRecord.IngestionBatchId) => System.Data.DbType.Int64,
        _ => System.Data.DbType.String,
    };
}
