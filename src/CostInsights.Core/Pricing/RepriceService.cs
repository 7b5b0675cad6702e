using System.Data.Common;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace CostInsights.Core.Pricing;

/// <summary>
/// Re-prices usage after prices for months already priced were activated: every record from the
/// first affected month on is priced again at the prices in force at its time, and that range's
/// hourly and monthly rollups are rebuilt, in one transaction. Running it again changes nothing.
/// </summary>
public sealed partial class RepriceService(CostInsightsDbContext db, TimeProvider time, ILogger<RepriceService> logger)
{
    private const int PageSize = 20_000;

    /// <summary>Re-prices from the earliest date any activated sheet asked for; returns the records re-priced.</summary>
    public async Task<long> RunPendingAsync(CancellationToken cancellationToken)
    {
        var from = await db.PriceSheets.Where(s => s.RepriceFrom != null && s.RepricedAt == null).MinAsync(s => s.RepriceFrom, cancellationToken);
        return from is { } date ? await RepriceAsync(date, cancellationToken) : 0;
    }

    public async Task<long> RepriceAsync(DateTime from, CancellationToken cancellationToken)
    {
        var month = RollupAccumulator.MonthOf(from);
        var started = time.GetTimestamp();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.HourlyRollups.Where(r => r.PeriodStart >= month).ExecuteDeleteAsync(cancellationToken);
        await db.MonthlyRollups.Where(r => r.PeriodStart >= month).ExecuteDeleteAsync(cancellationToken);

        var pricer = new UsagePricer(await PriceBook.LoadAsync(db, cancellationToken), db);
        var rollups = new RollupAccumulator();
        using var update = new CostUpdate(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        long count = 0, lastId = 0;
        while (true)
        {
            var page = await db.UsageRecords.AsNoTracking()
                .Where(r => r.OccurredAt >= month && r.Id > lastId)
                .OrderBy(r => r.Id)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var record in page)
            {
                // Prices are never deleted, so a record priced before is priced again.
                if (pricer.Apply(record) is null)
                {
                    await update.ExecuteAsync(record, cancellationToken);
                }
                rollups.Add(record);
            }
            count += page.Count;
            lastId = page[^1].Id;
        }
        await rollups.FlushAsync(db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.PriceSheets.Where(s => s.RepriceFrom != null && s.RepricedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RepricedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRepriced(logger, count, month, time.GetElapsedTime(started).TotalSeconds);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-priced {Count} usage records from {Month:yyyy-MM} in {Seconds:0.0} s")]
    private static partial void LogRepriced(ILogger logger, long count, DateTime month, double seconds);

    /// <summary>One prepared UPDATE of a record's two costs and the sheets that priced them.</summary>
    private sealed class CostUpdate : IDisposable
    {
        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;
        private bool _prepared;

        public CostUpdate(DbConnection connection, DbTransaction transaction)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText =
                "UPDATE \"UsageRecords\" SET \"TokenCost\" = @p0, \"TokenPriceSheetId\" = @p1, \"ComputeCost\" = @p2, " +
                "\"ComputeCostIsEstimated\" = @p3, \"ComputePriceSheetId\" = @p4 WHERE \"Id\" = @p5";
            System.Data.DbType[] types =
            [
                System.Data.DbType.Decimal, System.Data.DbType.Int32, System.Data.DbType.Decimal, System.Data.DbType.Boolean,
                System.Data.DbType.Int32, System.Data.DbType.Int64,
            ];
            _parameters = types.Select((type, i) =>
            {
                var p = _command.CreateParameter();
                p.ParameterName = $"@p{i}";
                p.DbType = type;
                _command.Parameters.Add(p);
                return p;
            }).ToArray();
        }

        public async Task ExecuteAsync(UsageRecord r, CancellationToken cancellationToken)
        {
            object?[] values = [r.TokenCost, r.TokenPriceSheetId, r.ComputeCost, r.ComputeCostIsEstimated, r.ComputePriceSheetId, r.Id];
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = values[i] ?? DBNull.Value;
            }
            if (!_prepared)
            {
                await _command.PrepareAsync(cancellationToken);
                _prepared = true;
            }
            await _command.ExecuteNonQueryAsync(cancellationToken);
        }

        public void Dispose() => _command.Dispose();
    }
}
