using CostInsights.Pricing;

namespace CostInsights.Core.PriceSheets;

/// <summary>A model's per-token prices, in dollars per one million tokens, from a date on.</summary>
public sealed class TokenPrice
{
    public int Id { get; set; }
    public int PriceSheetId { get; set; }
    public required string Provider { get; set; }
    public required string Model { get; set; }
    public DateTime EffectiveFrom { get; set; }
    /// <summary><c>standard</c>, <c>batch</c>, <c>priority</c> or <c>flex</c>: the service tier these prices are for.</summary>
    public string ServiceTier { get; set; } = ServiceTiers.Standard;
    public decimal InputPerMillion { get; set; }
    public decimal OutputPerMillion { get; set; }
    /// <summary>Cached-input reads; when absent they are priced as input.</summary>
    public decimal? CachedInputPerMillion { get; set; }
    public decimal? CacheWrite5mPerMillion { get; set; }
    public decimal? CacheWrite1hPerMillion { get; set; }
    /// <summary>Reasoning tokens; when absent they are priced as output.</summary>
    public decimal? ReasoningPerMillion { get; set; }
    public decimal? PerRequestFee { get; set; }
    /// <summary>Discount on batch traffic, 0 to 100, where the sheet gives no batch prices.</summary>
    public decimal? BatchDiscountPercent { get; set; }
    /// <summary>Dollars per second of compute, for models billed by time.</summary>
    public decimal? PerComputeSecond { get; set; }
    /// <summary>Context-length tiers as JSON: <c>[{"AboveInputTokens":200000,"Rates":{...}}]</c>.</summary>
    public string? ContextTiersJson { get; set; }
    /// <summary>Monthly volume tiers as JSON: <c>[{"FromMonthlyTokens":1000000000,"Rates":{...}}]</c>.</summary>
    public string? VolumeTiersJson { get; set; }

    /// <summary>A copy in force from another date, as activation with a date would make it.</summary>
    public TokenPrice StartingOn(DateTime from)
    {
        var copy = (TokenPrice)MemberwiseClone();
        copy.EffectiveFrom = from;
        return copy;
    }
}
