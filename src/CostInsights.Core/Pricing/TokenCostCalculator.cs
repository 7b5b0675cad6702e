namespace CostInsights.Core.Pricing;

/// <summary>What one usage costs under per-token billing, charge by charge, in dollars.</summary>
public sealed record TokenCost(
    decimal UncachedInput,
    decimal CachedInput,
    decimal CacheWrites,
    decimal Output,
    decimal Reasoning,
    decimal BatchDiscount,
    decimal RequestFees,
    decimal ComputeTime)
{
    public decimal Tokens => UncachedInput + CachedInput + CacheWrites + Output + Reasoning - BatchDiscount;

    public decimal Total => Tokens + RequestFees + ComputeTime;
}

/// <summary>
/// Per-token cost: <c>(I−C−W)·p_in + C·p_cached + W₅·p_w5 + W₁·p_w1 + (O−Rz)·p_out + Rz·p_reasoning</c>
/// per million, at the context tier of the request and the volume tiers of the month, less the
/// batch discount on batch traffic, plus <c>R·p_req</c> and compute seconds at the per-second price.
/// </summary>
public static class TokenCostCalculator
{
    private const decimal Million = 1_000_000m;

    public static decimal Cost(TokenUsage usage, TokenRates rates) => Price(usage, rates).Total;

    /// <param name="monthToDateTokens">The model's input plus output tokens earlier in the same month, for volume tiers.</param>
    public static TokenCost Price(TokenUsage usage, TokenRates rates, long monthToDateTokens = 0)
    {
        if (usage.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(usage));
        }
        var charges = rates.VolumeTiers.Count > 0
            ? Graduated(usage, rates, monthToDateTokens)
            : Charges(usage, rates.CardFor(usage.InputTokensPerRequest), 1m);
        var discount = usage.IsBatch && rates.BatchDiscountPercent is { } percent
            ? charges.Sum() * percent / 100m
            : 0m;
        return new TokenCost(
            charges[0], charges[1], charges[2], charges[3], charges[4], discount,
            usage.Requests * (rates.PerRequestFee ?? 0m),
            (usage.ComputeSeconds ?? 0m) * (rates.PerComputeSecond ?? 0m));
    }

    private static decimal[] Charges(TokenUsage u, RateCard card, decimal share) =>
    [
        u.UncachedInputTokens * card.Input * share / Million,
        u.CachedInputTokens * card.CachedInputOrInput * share / Million,
        (u.CacheWrite5mTokens * card.CacheWrite5mOrInput + u.CacheWrite1hTokens * card.CacheWrite1hOrFallback) * share / Million,
        (u.OutputTokens - u.ReasoningTokens) * card.Output * share / Million,
        u.ReasoningTokens * card.ReasoningOrOutput * share / Million,
    ];

    /// <summary>Each volume band's card prices the share of this usage that falls in the band.</summary>
    private static decimal[] Graduated(TokenUsage usage, TokenRates rates, long monthToDate)
    {
        var total = usage.InputTokens + usage.OutputTokens;
        var bands = rates.VolumeTiers.OrderBy(t => t.FromMonthlyTokens).ToList();
        var charges = new decimal[5];
        if (total == 0)
        {
            return charges;
        }
        for (var i = -1; i < bands.Count; i++)
        {
            var from = i < 0 ? 0 : bands[i].FromMonthlyTokens;
            var to = i + 1 < bands.Count ? bands[i + 1].FromMonthlyTokens : long.MaxValue;
            var overlap = Math.Min(to, monthToDate + total) - Math.Max(from, monthToDate);
            if (overlap <= 0)
            {
                continue;
            }
            var card = i < 0 ? rates.Base : bands[i].Rates;
            var band = Charges(usage, card, (decimal)overlap / total);
            for (var k = 0; k < charges.Length; k++)
            {
                charges[k] += band[k];
            }
        }
        return charges;
    }
}
