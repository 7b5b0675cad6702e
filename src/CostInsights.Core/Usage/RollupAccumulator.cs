using System.Data;
using System.Data.Common;
using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CostInsights.Core.Usage;

/// <summary>
/// Collects newly stored records into hourly, daily and monthly sums and adds them to the stored
/// rollups in the same transaction as the records, so rollups and records never disagree.
/// One of the two ways rollups are built; <see cref="RollupRebuild"/> says when the other is used.
/// </summary>
public sealed class RollupAccumulator(bool hoursAndDays = true)
{
    private readonly Dictionary<RollupKey, RollupDelta> _hourly = [];
    private readonly Dictionary<RollupKey, RollupDelta> _daily = [];
    private readonly Dictionary<RollupKey, RollupDelta> _monthly = [];

    public static DateTime HourOf(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);

    public static DateTime DayOf(DateTime t) => new(t.Year, t.Month, t.Day, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime MonthOf(DateTime t) => new(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public void Add(UsageRecord record)
    {
        if (hoursAndDays)
        {
            Delta(_hourly, KeyFor(record, HourOf(record.OccurredAt))).Add(record);
            Delta(_daily, KeyFor(record, DayOf(record.OccurredAt))).Add(record);
        }
        Delta(_monthly, KeyFor(record, MonthOf(record.OccurredAt))).Add(record);
    }

    /// <summary>Takes back a record added before.</summary>
    public void Remove(UsageRecord record)
    {
        if (hoursAndDays)
        {
            Delta(_hourly, KeyFor(record, HourOf(record.OccurredAt))).Remove(record);
            Delta(_daily, KeyFor(record, DayOf(record.OccurredAt))).Remove(record);
        }
        Delta(_monthly, KeyFor(record, MonthOf(record.OccurredAt))).Remove(record);
    }

    /// <summary>Adds the sums to the stored rollups, inside the transaction that stores their records.</summary>
    public async Task FlushAsync(CostInsightsDbContext db, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rollups are written inside the transaction that stores their records.");
        var connection = db.Database.GetDbConnection();
        await FlushAsync(db.HourlyRollups, "HourlyRollups", _hourly, connection, transaction, cancellationToken);
        await FlushAsync(db.DailyRollups, "DailyRollups", _daily, connection, transaction, cancellationToken);
        await FlushAsync(db.MonthlyRollups, "MonthlyRollups", _monthly, connection, transaction, cancellationToken);
        _hourly.Clear();
        _daily.Clear();
        _monthly.Clear();
    }

    private static readonly string[] Sums =
    [
        nameof(UsageRollup.InputTokens), nameof(UsageRollup.OutputTokens), nameof(UsageRollup.CachedInputTokens), nameof(UsageRollup.CacheWriteTokens),
        nameof(UsageRollup.ReasoningTokens), nameof(UsageRollup.Requests), nameof(UsageRollup.RecordCount), nameof(UsageRollup.TokenCost),
            nameof(UsageRollup.ComputeCost),
    ];

    private static readonly DbType?[] SumTypes =
        [DbType.Int64, DbType.Int64, DbType.Int64, DbType.Int64, DbType.Int64, DbType.Int64, DbType.Int64, DbType.Decimal, DbType.Decimal];

    private static readonly string[] Keys =
    [
        nameof(UsageRollup.PeriodStart), nameof(UsageRollup.Provider), nameof(UsageRollup.Model), nameof(UsageRollup.Team),
        nameof(UsageRollup.TokenPriceSheetId), nameof(UsageRollup.ComputeCostIsEstimated), nameof(UsageRollup.ComputePriceSheetId),
    ];

    private static readonly DbType?[] KeyTypes = [null, DbType.String, DbType.String, DbType.String, DbType.Int32, DbType.Boolean, DbType.Int32];

    // Sums are added in C#, never in SQL: SQLite would add decimal text as floating point.
    private static async Task FlushAsync<T>(IQueryable<T> set, string table, Dictionary<RollupKey, RollupDelta> deltas,
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        where T : UsageRollup, new()
    {
        // A rollup whose every record was taken back has nothing to add.
        foreach (var empty in deltas.Where(d => d.Value.RecordCount == 0).Select(d => d.Key).ToList())
        {
            deltas.Remove(empty);
        }
        if (deltas.Count == 0)
        {
            return;
        }
        var from = deltas.Keys.Min(k => k.PeriodStart);
        var to = deltas.Keys.Max(k => k.PeriodStart);
        var inRange = set.AsNoTracking().Where(r => r.PeriodStart >= from && r.PeriodStart <= to);
        // Only the rollups these sums can land in: those of the same models, when they are few.
        var models = deltas.Keys.Select(k => k.Model).Distinct().ToList();
        if (models.Count <= 100)
        {
            inRange = inRange.Where(r => models.Contains(r.Model));
        }
        var existing = (await inRange.ToListAsync(cancellationToken)).ToDictionary(KeyOf);
        using var insert = new PreparedCommand(connection, transaction, PreparedCommand.Insert(table, [.. Keys, .. Sums]), [.. KeyTypes, .. SumTypes]);
        using var update = new PreparedCommand(connection, transaction, PreparedCommand.Update(table, Sums, nameof(UsageRollup.Id)),
            [.. SumTypes, DbType.Int64]);
        foreach (var (key, delta) in deltas)
        {
            if (existing.TryGetValue(key, out var rollup))
            {
                delta.AddTo(rollup);
                await update.QueueAsync([.. SumValues(rollup), rollup.Id], cancellationToken);
                continue;
            }
            rollup = new T
            {
                PeriodStart = key.PeriodStart,
                Provider = key.Provider,
                Model = key.Model,
                Team = key.Team,
                TokenPriceSheetId = key.TokenPriceSheetId,
                ComputePriceSheetId = key.ComputePriceSheetId,
                ComputeCostIsEstimated = key.ComputeCostIsEstimated,
            };
            delta.AddTo(rollup);
            await insert.QueueAsync(
                [rollup.PeriodStart, rollup.Provider, rollup.Model, rollup.Team, rollup.TokenPriceSheetId, rollup.ComputeCostIsEstimated,
                    rollup.ComputePriceSheetId,
                 .. SumValues(rollup)], cancellationToken);
        }
        await update.FlushAsync(cancellationToken);
        await insert.FlushAsync(cancellationToken);
    }

    private static object?[] SumValues(UsageRollup r) =>
        [r.InputTokens, r.OutputTokens, r.CachedInputTokens, r.CacheWriteTokens, r.ReasoningTokens, r.Requests, r.RecordCount, r.TokenCost, r.ComputeCost];

    private static RollupKey KeyFor(UsageRecord r, DateTime period) =>
        new(period, r.Provider, r.Model, r.Team, r.TokenPriceSheetId, r.ComputePriceSheetId, r.ComputeCostIsEstimated);

    private static RollupKey KeyOf(UsageRollup r) =>
        new(r.PeriodStart, r.Provider, r.Model, r.Team, r.TokenPriceSheetId, r.ComputePriceSheetId, r.ComputeCostIsEstimated);

    private static RollupDelta Delta(Dictionary<RollupKey, RollupDelta> map, RollupKey key)
    {
        if (!map.TryGetValue(key, out var delta))
        {
            delta = new RollupDelta();
            map[key] = delta;
        }
        return delta;
    }
}
