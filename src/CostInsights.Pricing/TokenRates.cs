namespace CostInsights.Pricing;

/// <summary>
/// Dollars per one million tokens of each kind. An absent cache price falls back as providers
/// bill it: cached reads and 5-minute writes to the input price, 1-hour writes to the 5-minute
/// write price, reasoning to the output price.
/// </summary>
public sealed record RateCard(
    decimal Input,
    decimal Output,
    decimal? CachedInput = null,
    decimal? CacheWrite5m = null,
    decimal? CacheWrite1h = null,
    decimal? Reasoning = null)
{
    public decimal CachedInputOrInput => CachedInput ?? Input;
    public decimal CacheWrite5mOrInput => CacheWrite5m ?? Input;
    public decimal CacheWrite1hOrFallback => CacheWrite1h ?? CacheWrite5mOrInput;
    public decimal ReasoningOrOutput => Reasoning ?? Output;
}

/// <summary>
/// Rates for requests whose input exceeds a threshold (128K, 200K, 256K...). The tier applies to
/// every token of such a request, not only to the tokens above the threshold.
/// </summary>
public sealed record ContextTier(long AboveInputTokens, RateCard Rates);

/// <summary>Rates for a model's monthly volume (input plus output tokens) from a threshold on, graduated.</summary>
public sealed record VolumeTier(long FromMonthlyTokens, RateCard Rates);

/// <summary>Everything that prices a model's usage under per-token billing, for one service tier.</summary>
public sealed record TokenRates(RateCard Base)
{
    public TokenRates(decimal input, decimal output, decimal? cachedInput = null, decimal? perRequestFee = null, decimal? batchDiscountPercent = null)
        : this(new RateCard(input, output, cachedInput))
    {
        PerRequestFee = perRequestFee;
        BatchDiscountPercent = batchDiscountPercent;
    }

    public IReadOnlyList<ContextTier> ContextTiers { get; init; } = [];
    public IReadOnlyList<VolumeTier> VolumeTiers { get; init; } = [];
    public decimal? PerRequestFee { get; init; }
    /// <summary>Discount on the token charges of batch traffic, 0 to 100, where no batch price is given.</summary>
    public decimal? BatchDiscountPercent { get; init; }
    /// <summary>Dollars per second of compute, for models billed by time.</summary>
    public decimal? PerComputeSecond { get; init; }

    /// <summary>The card for a request of this many input tokens: the highest context tier it exceeds, else the base.</summary>
    public RateCard CardFor(long inputTokensPerRequest) =>
        ContextTiers.Count == 0 ? Base
            : ContextTiers.Where(t => inputTokensPerRequest > t.AboveInputTokens).MaxBy(t => t.AboveInputTokens)?.Rates ?? Base;

    /// <summary>
    /// Forecast volumes (fractions of tokens allowed) at the base card's list prices: uncached input, cached input and
    /// output, plus the fee per request. Forecasts and scenarios price with it, so the two agree to the cent.
    /// </summary>
    public decimal ListCost(decimal input, decimal output, decimal cached, decimal requests) =>
        ((input - cached) * Base.Input + cached * Base.CachedInputOrInput + output * Base.Output) / 1_000_000m + requests * (PerRequestFee ?? 0m);
}
