namespace CostInsights.Pricing;

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

    /// <summary>The total of <see cref="Price"/> without its breakdown: ingestion prices every record so.</summary>
    /// <param name="monthToDateTokens">The model's input plus output tokens earlier in the same month, for volume tiers.</param>
    public static decimal Cost(TokenUsage usage, TokenRates rates, long monthToDateTokens = 0)
    {
        var c = ChargesFor(usage, rates, monthToDateTokens);
        // The same sums in the same order as TokenCost.Tokens and TokenCost.Total.
        return c.UncachedInput + c.CachedInput + c.CacheWrites + c.Output + c.Reasoning - Discount(usage, rates, c)
            + RequestFees(usage, rates) + ComputeTime(usage, rates);
    }

    /// <param name="monthToDateTokens">The model's input plus output tokens earlier in the same month, for volume tiers.</param>
    public static TokenCost Price(TokenUsage usage, TokenRates rates, long monthToDateTokens = 0)
    {
        var c = ChargesFor(usage, rates, monthToDateTokens);
        return new TokenCost(c.UncachedInput, c.CachedInput, c.CacheWrites, c.Output, c.Reasoning, Discount(usage, rates, c),
            RequestFees(usage, rates), ComputeTime(usage, rates));
    }

    /// <summary>The five token charges, before the batch discount.</summary>
    private struct ChargeSet
    {
        public decimal UncachedInput, CachedInput, CacheWrites, Output, Reasoning;

        public readonly decimal Sum => UncachedInput + CachedInput + CacheWrites + Output + Reasoning;
    }

    private static ChargeSet ChargesFor(TokenUsage usage, TokenRates rates, long monthToDateTokens)
    {
        if (usage.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(usage));
        }
        return rates.VolumeTiers.Count > 0
            ? Graduated(usage, rates, monthToDateTokens)
            : Charges(usage, rates.CardFor(usage.InputTokensPerRequest), 1m);
    }

    private static decimal Discount(TokenUsage usage, TokenRates rates, ChargeSet charges) =>
        usage.IsBatch && rates.BatchDiscountPercent is { } percent ? charges.Sum * percent / 100m : 0m;

    private static decimal RequestFees(TokenUsage usage, TokenRates rates) => usage.Requests * (rates.PerRequestFee ?? 0m);

    private static decimal ComputeTime(TokenUsage usage, TokenRates rates) => (usage.ComputeSeconds ?? 0m) * (rates.PerComputeSecond ?? 0m);

    private static ChargeSet Charges(TokenUsage u, RateCard card, decimal share) => new()
    {
        UncachedInput = PerMillion(u.UncachedInputTokens * card.Input, share),
        CachedInput = PerMillion(u.CachedInputTokens * card.CachedInputOrInput, share),
        CacheWrites = PerMillion(u.CacheWrite5mTokens * card.CacheWrite5mOrInput + u.CacheWrite1hTokens * card.CacheWrite1hOrFallback, share),
        Output = PerMillion((u.OutputTokens - u.ReasoningTokens) * card.Output, share),
        Reasoning = PerMillion(u.ReasoningTokens * card.ReasoningOrOutput, share),
    };

    // Nothing to divide for no tokens, and a whole share leaves the amount as it is: a record is priced
    // with two or three divisions instead of five.
    private static decimal PerMillion(decimal amount, decimal share) =>
        amount == 0m ? 0m : share == 1m ? amount / Million : amount * share / Million;

    /// <summary>Each volume band's card prices the share of this usage that falls in the band.</summary>
    private static ChargeSet Graduated(TokenUsage usage, TokenRates rates, long monthToDate)
    {
        var total = usage.InputTokens + usage.OutputTokens;
        var charges = new ChargeSet();
        if (total == 0)
        {
            return charges;
        }
        var bands = rates.VolumeTiers.OrderBy(t => t.FromMonthlyTokens).ToList();
        for (var i = -1; i < bands.Count; i++)
        {
            var from = i < 0 ? 0 : bands[i].FromMonthlyTokens;
            var to = i + 1 < bands.Count ? bands[i + 1].FromMonthlyTokens : long.MaxValue;
            var overlap = Math.Min(to, monthToDate + total) - Math.Max(from, monthToDate);
            if (overlap <= 0)
            {
                continue;
            }
            var band = Charges(usage, i < 0 ? rates.Base : bands[i].Rates, (decimal)overlap / total);
            charges.UncachedInput += band.UncachedInput;
            charges.CachedInput += band.CachedInput;
            charges.CacheWrites += band.CacheWrites;
            charges.Output += band.Output;
            charges.Reasoning += band.Reasoning;
        }
        return charges;
    }
}
