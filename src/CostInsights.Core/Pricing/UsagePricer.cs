using CostInsights.Core.Data;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Pricing;

/// <summary>
/// Prices a usage record both ways at its own time: per token under the prices then in force,
/// and under compute-time billing from its actual compute seconds or, where none are logged,
/// estimated from the capacity offer's throughput. Ingestion and re-pricing share it.
/// </summary>
internal sealed class UsagePricer(PriceBook prices, CostInsightsDbContext? db)
{
    private readonly MonthlyVolumes _volumes = new(db);

    /// <summary>Sets the record's costs; returns why it cannot be priced, or null.</summary>
    public string? Apply(UsageRecord record)
    {
        var rates = prices.TokenRatesAt(record.Provider, record.Model, record.ServiceTier, record.OccurredAt);
        if (rates is null)
        {
            var first = prices.FirstTokenPriceDate(record.Provider, record.Model);
            return first is null
                ? $"unknown model: no price sheet prices {record.Provider}/{record.Model}; upload one that does"
                : $"{record.Provider}/{record.Model} has no price before {first:yyyy-MM-dd}, and this row is from {record.OccurredAt:yyyy-MM-dd}";
        }
        var usage = new TokenUsage(record.InputTokens, record.OutputTokens, record.CachedInputTokens, record.Requests, record.IsBatch)
        {
            CacheWrite5mTokens = record.CacheWrite5mTokens,
            CacheWrite1hTokens = record.CacheWrite1hTokens,
            ReasoningTokens = record.ReasoningTokens,
            ComputeSeconds = record.ComputeSeconds,
        };
        if (usage.Problem is { } problem)
        {
            return problem;
        }
        var monthToDate = _volumes.MonthToDate(record.Provider, record.Model, record.OccurredAt, record.InputTokens + record.OutputTokens, rates.Rates);
        record.TokenCost = TokenCostCalculator.Price(usage, rates.Rates, monthToDate).Total;
        record.TokenPriceSheetId = rates.PriceSheetId;
        if (prices.ComputeRatesAt(record.Provider, record.Model, record.OccurredAt) is { } compute)
        {
            var seconds = record.ComputeSeconds ?? ComputeTimeCalculator.ComputeSeconds(record.InputTokens, record.OutputTokens, compute.Rates);
            record.ComputeCost = ComputeTimeCalculator.Cost(seconds, compute.Rates);
            record.ComputeCostIsEstimated = record.ComputeSeconds is null;
            record.ComputePriceSheetId = compute.PriceSheetId;
        }
        else
        {
            record.ComputeCost = null;
            record.ComputeCostIsEstimated = false;
            record.ComputePriceSheetId = null;
        }
        return null;
    }
}
