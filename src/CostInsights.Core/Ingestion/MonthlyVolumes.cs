using CostInsights.Core.Data;
using CostInsights.Core.Pricing;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// A model's tokens earlier in a month, for volume-tiered prices: what the rollups hold plus what
/// this batch has priced so far. Only models with volume tiers ever ask, so others cost nothing.
/// Without a database (re-pricing a model's months from their first day) every month starts at zero.
/// </summary>
internal sealed class MonthlyVolumes(CostInsightsDbContext? db)
{
    private readonly Dictionary<(string Provider, string Model, DateTime Month), long> _totals = [];

    /// <summary>The volume before this usage, and counts its tokens for the usage after it.</summary>
    public long MonthToDate(string provider, string model, DateTime occurredAt, long tokens, TokenRates rates)
    {
        if (rates.VolumeTiers.Count == 0)
        {
            return 0;
        }
        var key = (Provider: provider, Model: model, Month: RollupAccumulator.MonthOf(occurredAt));
        if (!_totals.TryGetValue(key, out var before))
        {
            before = db is null ? 0 : db.MonthlyRollups
                .Where(r => r.Provider == key.Provider && r.Model == key.Model && r.PeriodStart == key.Month)
                .Sum(r => r.InputTokens + r.OutputTokens);
        }
        _totals[key] = before + tokens;
        return before;
    }
}
