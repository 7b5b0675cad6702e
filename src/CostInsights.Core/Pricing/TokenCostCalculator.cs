namespace CostInsights.Core.Pricing;

/// <summary>Token cost: <c>(I−C)·p_in + C·p_cached + O·p_out</c> per million, plus <c>R·p_req</c>, less the batch discount on batch traffic.</summary>
public static class TokenCostCalculator
{
    private const decimal Million = 1_000_000m;

    public static decimal Cost(TokenUsage usage, TokenRates rates)
    {
        if (usage.CachedInputTokens > usage.InputTokens)
        {
            throw new ArgumentException("Cached-input tokens cannot exceed input tokens.", nameof(usage));
        }
        var uncached = usage.InputTokens - usage.CachedInputTokens;
        var cachedRate = rates.CachedInputPerMillion ?? rates.InputPerMillion;
        var tokens = (uncached * rates.InputPerMillion
                      + usage.CachedInputTokens * cachedRate
                      + usage.OutputTokens * rates.OutputPerMillion) / Million;
        if (usage.IsBatch && rates.BatchDiscountPercent is { } discount)
        {
            tokens *= 1m - discount / 100m;
        }
        return tokens + usage.Requests * (rates.PerRequestFee ?? 0m);
    }
}
