using System.Data;
using System.Data.Common;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace CostInsights.Core.Usage;

/// <summary>
/// Re-prices usage after prices for months already priced were activated: every record from the
/// first affected month on is priced again at the prices in force at its time (only the records
/// whose costs change are written), and that range's hourly and monthly rollups are rebuilt from
/// the records, in one transaction. Running it again changes nothing.
/// </summary>
public sealed partial class RepriceService(CostInsightsDbContext db, TimeProvider time, ILogger<RepriceService> logger)
{
    private const int PageSize = 20_000;
    private const int ManyModels = 100;

    /// <summary>
    /// Re-prices, from the earliest date any activated sheet asked for, the models those sheets
    /// price; returns the records re-priced.
    /// </summary>
    public async Task<long> RunPendingAsync(CancellationToken cancellationToken)
    {
        var pending = db.PriceSheets.Where(s => s.RepriceFrom != null && s.RepricedAt == null);
        if (await pending.MinAsync(s => s.RepriceFrom, cancellationToken) is not { } from)
        {
            return 0;
        }
        // The sheets asked for now: one activated while this runs is left for the next run, not marked done unread.
        var ids = await pending.Select(s => s.Id).ToListAsync(cancellationToken);
        var models = await db.TokenPrices.Where(p => ids.Contains(p.PriceSheetId)).Select(p => p.Model)
            .Union(db.CapacityOffers.Where(o => ids.Contains(o.PriceSheetId)).Select(o => o.Model))
            .ToListAsync(cancellationToken);
        // A sheet of many models (a provider's whole list) is cheaper to apply to everything than to filter by.
        return await RepriceAsync(from, models.Count > ManyModels ? null : models, cancellationToken, ids);
    }

    /// <param name="models">Names of the models to re-price (under any provider: a superset costs time, never correctness); null for every model.</param>
    /// <param name="sheets">The sheets whose re-price this is, marked done at the end; null for every sheet waiting for one.</param>
    public async Task<long> RepriceAsync(DateTime from, IReadOnlyCollection<string>? models, CancellationToken cancellationToken,
        IReadOnlyCollection<int>? sheets = null)
    {
        var month = RollupAccumulator.MonthOf(from);
        var started = time.GetTimestamp();
        // Every page of the re-priced records is rewritten: kept in memory until the commit, not spilled and read back.
        await using var cache = await SqlitePragmas.WidenCacheAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Every record of the re-priced models is priced again from the first day of the month, so monthly
        // volumes for volume tiers count from zero rather than from the rollups about to be rebuilt.
        var pricer = new UsagePricer(await PricesInForce.LoadAsync(db, cancellationToken), new MonthlyVolumes());
        // Monthly sums are few and cheap to add up while pricing; hourly and daily ones are rebuilt in SQL.
        var monthly = new RollupAccumulator(hoursAndDays: false);
        using var update = new CostUpdate(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        long count = 0, changed = 0, lastId = 0;
        // A pipeline over both cores: while one page's changed costs are written, the next page is priced.
        List<UsageRecord> pending = [];
        while (await NextPageAsync(models, month, lastId, cancellationToken) is { Count: > 0 } page)
        {
            lastId = page[^1].Id;
            count += page.Count;
            var pricing = Task.Run(() => Price(pricer, monthly, page), cancellationToken);
            changed += await WriteAsync(update, pending, cancellationToken);
            pending = await pricing;
        }
        changed += await WriteAsync(update, pending, cancellationToken);
        await RollupRebuild.RebuildAsync(db, month, models, cancellationToken);
        await monthly.FlushAsync(db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var done = db.PriceSheets.Where(s => s.RepriceFrom != null && s.RepricedAt == null);
        if (sheets is not null)
        {
            done = done.Where(s => sheets.Contains(s.Id));
        }
        await done.ExecuteUpdateAsync(s => s.SetProperty(x => x.RepricedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRepriced(logger, count, changed, month, time.GetElapsedTime(started).TotalSeconds);
        return count;
    }

    /// <summary>Only what pricing and the rollups read: the natural key and the descriptive fields stay in the database.</summary>
    private Task<List<UsageRecord>> NextPageAsync(IReadOnlyCollection<string>? models, DateTime month, long lastId, CancellationToken cancellationToken) =>
        Scope(db.UsageRecords.AsNoTracking().Where(r => r.OccurredAt >= month && r.Id > lastId), models)
            .OrderBy(r => r.Id)
            .Take(PageSize)
            .Select(r => new UsageRecord
            {
                Id = r.Id,
                OccurredAt = r.OccurredAt,
                Provider = r.Provider,
                Model = r.Model,
                Team = r.Team,
                InputTokens = r.InputTokens,
                OutputTokens = r.OutputTokens,
                CachedInputTokens = r.CachedInputTokens,
                CacheWrite5mTokens = r.CacheWrite5mTokens,
                CacheWrite1hTokens = r.CacheWrite1hTokens,
                ReasoningTokens = r.ReasoningTokens,
                ServiceTier = r.ServiceTier,
                Requests = r.Requests,
                IsBatch = r.IsBatch,
                ComputeSeconds = r.ComputeSeconds,
                ContextAboveTokens = r.ContextAboveTokens,
                TokenCost = r.TokenCost,
                TokenPriceSheetId = r.TokenPriceSheetId,
                IsUnpriced = r.IsUnpriced,
                ComputeCost = r.ComputeCost,
                ComputeCostIsEstimated = r.ComputeCostIsEstimated,
                ComputePriceSheetId = r.ComputePriceSheetId,
                NaturalKey = "",
            })
            .ToListAsync(cancellationToken);

    /// <summary>Prices a page again and adds it to the monthly sums; returns the records whose costs changed.</summary>
    private static List<UsageRecord> Price(UsagePricer pricer, RollupAccumulator monthly, List<UsageRecord> page)
    {
        var changed = new List<UsageRecord>();
        foreach (var record in page)
        {
            var before = (record.TokenCost, record.TokenPriceSheetId, record.IsUnpriced, record.ComputeCost, record.ComputeCostIsEstimated,
                record.ComputePriceSheetId);
            // Prices are never deleted, so a record priced before is priced again; only a changed one is written.
            if (pricer.Apply(record) is null
                && before != (record.TokenCost, record.TokenPriceSheetId, record.IsUnpriced, record.ComputeCost, record.ComputeCostIsEstimated,
                    record.ComputePriceSheetId))
            {
                changed.Add(record);
            }
            monthly.Add(record);
        }
        return changed;
    }

    private static async Task<int> WriteAsync(CostUpdate update, List<UsageRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await update.QueueAsync(record, cancellationToken);
        }
        await update.FlushAsync(cancellationToken);
        return records.Count;
    }

    /// <summary>The records of these models, named in any case, as the price book matches them.</summary>
    private static IQueryable<UsageRecord> Scope(IQueryable<UsageRecord> records, IReadOnlyCollection<string>? models)
    {
        if (models is null)
        {
            return records;
        }
        var lowered = models.Select(m => m.ToLowerInvariant()).Distinct().ToList();
        return records.Where(r => EF.Constant(lowered).Contains(r.Model.ToLower()));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-priced {Count} usage records from {Month:yyyy-MM} ({Changed} changed) in {Seconds:0.0} s")]
    private static partial void LogRepriced(ILogger logger, long count, long changed, DateTime month, double seconds);

    /// <summary>One prepared UPDATE of a record's two costs and the sheets that priced them.</summary>
    private sealed class CostUpdate(DbConnection connection, DbTransaction transaction) : IDisposable
    {
        private static readonly string[] Columns =
        [
            nameof(UsageRecord.TokenCost), nameof(UsageRecord.TokenPriceSheetId), nameof(UsageRecord.IsUnpriced), nameof(UsageRecord.ComputeCost),
            nameof(UsageRecord.ComputeCostIsEstimated), nameof(UsageRecord.ComputePriceSheetId),
        ];

        private readonly PreparedCommand _update = new(connection, transaction, PreparedCommand.Update("UsageRecords", Columns, nameof(UsageRecord.Id)),
            [DbType.Decimal, DbType.Int32, DbType.Boolean, DbType.Decimal, DbType.Boolean, DbType.Int32, DbType.Int64]);

        public Task FlushAsync(CancellationToken cancellationToken) => _update.FlushAsync(cancellationToken);

        public Task QueueAsync(UsageRecord r, CancellationToken cancellationToken) =>
            _update.QueueAsync([r.TokenCost, r.TokenPriceSheetId, r.IsUnpriced, r.ComputeCost, r.ComputeCostIsEstimated, r.ComputePriceSheetId, r.Id],
                cancellationToken);

        public void Dispose() => _update.Dispose();
    }
}
