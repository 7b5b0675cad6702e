using CostInsights.Core.Data;
using CostInsights.Core.Pricing;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// A model's tokens earlier in a month, for volume-tiered prices: what the rollups hold plus what
/// this batch has priced so far. Only models with volume tiers ever ask, so others cost nothing.
/// </summary>
internal sealed class MonthlyVolumes(CostInsightsDbContext db)
{
    private readonly Dictionary<(string Provider, string Model, DateTime Month), long> _totals = [];

    /// <summary>The volume before this row, and counts the row's tokens for the rows after it.</summary>
    public long MonthToDate(UsageRow row, TokenRates rates)
    {
        if (rates.VolumeTiers.Count == 0)
        {
            return 0;
        }
        var key = (row.Provider, row.Model, RollupAccumulator.MonthOf(row.OccurredAt));
        if (!_totals.TryGetValue(key, out var before))
        {
            before = db.MonthlyRollups
                .Where(r => r.Provider == key.Provider && r.Model == key.Model && r.PeriodStart == key.Item3)
                .Sum(r => r.InputTokens + r.OutputTokens);
        }
        _totals[key] = before + row.InputTokens + row.OutputTokens;
        return before;
    }
}
