using CostInsights.Pricing;

namespace CostInsights.Core.Usage;

/// <summary>
/// Prices a usage record both ways at its own time: per token under the prices then in force,
/// and under compute-time billing from its actual compute seconds or, where none are logged,
/// estimated from the capacity offer's throughput. Ingestion and re-pricing share it. Everything it
/// needs is loaded before it starts: it prices with no database in reach.
/// </summary>
internal sealed class UsagePricer(PriceBook prices, MonthlyVolumes volumes)
{
    /// <summary>
    /// Sets the record's costs; returns why its usage cannot be priced at all, or null. A model with
    /// no token price at the record's time is not a reason: the record is flagged unpriced, costs
    /// nothing per token until a sheet prices it, and is priced when one is activated.
    /// </summary>
    public string? Apply(UsageRecord record)
    {
        var usage = new TokenUsage(record.InputTokens, record.OutputTokens, record.CachedInputTokens, record.Requests, record.IsBatch)
        {
            CacheWrite5mTokens = record.CacheWrite5mTokens,
            CacheWrite1hTokens = record.CacheWrite1hTokens,
            ReasoningTokens = record.ReasoningTokens,
            ComputeSeconds = record.ComputeSeconds,
            ContextAboveTokens = record.ContextAboveTokens,
        };
        if (usage.Problem is { } problem)
        {
            return problem;
        }
        if (prices.TokenRatesAt(record.Provider, record.Model, record.ServiceTier, record.OccurredAt) is { } rates)
        {
            var monthToDate = volumes.MonthToDate(record.Provider, record.Model, record.OccurredAt, record.InputTokens + record.OutputTokens, rates.Rates);
            record.TokenCost = TokenCostCalculator.Cost(usage, rates.Rates, monthToDate);
            record.TokenPriceSheetId = rates.PriceSheetId;
            record.IsUnpriced = false;
        }
        else
        {
            record.TokenCost = 0;
            record.TokenPriceSheetId = 0;
            record.IsUnpriced = true;
        }
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
