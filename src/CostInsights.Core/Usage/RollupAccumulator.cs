using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Usage;

/// <summary>
/// Collects newly stored records into hourly and monthly sums and adds them to the stored
/// rollups in the same transaction as the records, so rollups and records never disagree.
/// </summary>
public sealed class RollupAccumulator
{
    private readonly Dictionary<RollupKey, RollupDelta> _hourly = [];
    private readonly Dictionary<RollupKey, RollupDelta> _monthly = [];

    public static DateTime HourOf(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);

    public static DateTime MonthOf(DateTime t) => new(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public void Add(UsageRecord record)
    {
        Delta(_hourly, KeyFor(record, HourOf(record.OccurredAt))).Add(record);
        Delta(_monthly, KeyFor(record, MonthOf(record.OccurredAt))).Add(record);
    }

    public async Task FlushAsync(CostInsightsDbContext db, CancellationToken cancellationToken)
    {
        await FlushAsync(db.HourlyRollups, _hourly, cancellationToken);
        await FlushAsync(db.MonthlyRollups, _monthly, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        _hourly.Clear();
        _monthly.Clear();
    }

    private static async Task FlushAsync<T>(DbSet<T> set, Dictionary<RollupKey, RollupDelta> deltas, CancellationToken cancellationToken)
        where T : UsageRollup, new()
    {
        if (deltas.Count == 0)
        {
            return;
        }
        var from = deltas.Keys.Min(k => k.PeriodStart);
        var to = deltas.Keys.Max(k => k.PeriodStart);
        var existing = await set.Where(r => r.PeriodStart >= from && r.PeriodStart <= to).ToListAsync(cancellationToken);
        var byKey = existing.ToDictionary(KeyOf);
        foreach (var (key, delta) in deltas)
        {
            if (!byKey.TryGetValue(key, out var rollup))
            {
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
                set.Add(rollup);
                byKey[key] = rollup;
            }
            delta.AddTo(rollup);
        }
    }

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
