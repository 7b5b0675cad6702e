using System.Data;
using System.Data.Common;
using CostInsights.Core.Data;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Ingestion;

/// <summary>Inserts usage records inside the caller's transaction, skipping those whose natural key is already stored.</summary>
internal sealed class UsageBulkLoader(DbConnection connection, DbTransaction transaction) : IDisposable
{
    private static readonly (string Column, DbType? Type)[] Columns =
    [
        (nameof(UsageRecord.OccurredAt), null), (nameof(UsageRecord.Provider), DbType.String), (nameof(UsageRecord.Model), DbType.String),
        (nameof(UsageRecord.Team), DbType.String), (nameof(UsageRecord.Project), DbType.String), (nameof(UsageRecord.Application), DbType.String),
        (nameof(UsageRecord.InputTokens), DbType.Int64), (nameof(UsageRecord.OutputTokens), DbType.Int64), (nameof(UsageRecord.CachedInputTokens), DbType.Int64),
        (nameof(UsageRecord.CacheWrite5mTokens), DbType.Int64), (nameof(UsageRecord.CacheWrite1hTokens), DbType.Int64), (nameof(UsageRecord.ReasoningTokens), DbType.Int64),
        (nameof(UsageRecord.ServiceTier), DbType.String), (nameof(UsageRecord.Requests), DbType.Int64), (nameof(UsageRecord.IsBatch), DbType.Boolean),
        (nameof(UsageRecord.ComputeSeconds), DbType.Decimal), (nameof(UsageRecord.TokenCost), DbType.Decimal), (nameof(UsageRecord.TokenPriceSheetId), DbType.Int32),
        (nameof(UsageRecord.ComputeCost), DbType.Decimal), (nameof(UsageRecord.ComputeCostIsEstimated), DbType.Boolean), (nameof(UsageRecord.ComputePriceSheetId), DbType.Int32),
        (nameof(UsageRecord.IngestionBatchId), DbType.Int64), (nameof(UsageRecord.NaturalKey), DbType.String),
    ];

    private readonly PreparedCommand _insert = new(connection, transaction,
        PreparedCommand.Insert("UsageRecords", Columns.Select(c => c.Column), $"ON CONFLICT (\"{nameof(UsageRecord.NaturalKey)}\") DO NOTHING"),
        [.. Columns.Select(c => c.Type)]);

    /// <summary>True when the record was new; false when its natural key was already stored.</summary>
    public async Task<bool> InsertAsync(UsageRecord r, CancellationToken cancellationToken) =>
        await _insert.ExecuteAsync(
        [
            r.OccurredAt, r.Provider, r.Model, r.Team, r.Project, r.Application, r.InputTokens, r.OutputTokens, r.CachedInputTokens,
            r.CacheWrite5mTokens, r.CacheWrite1hTokens, r.ReasoningTokens, r.ServiceTier, r.Requests, r.IsBatch, r.ComputeSeconds,
            r.TokenCost, r.TokenPriceSheetId, r.ComputeCost, r.ComputeCostIsEstimated, r.ComputePriceSheetId, r.IngestionBatchId, r.NaturalKey,
        ], cancellationToken) == 1;

    public void Dispose() => _insert.Dispose();
}
