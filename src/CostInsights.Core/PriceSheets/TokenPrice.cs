namespace CostInsights.Core.PriceSheets;

/// <summary>A model's per-token prices, in dollars per one million tokens, from a date on.</summary>
public sealed class TokenPrice
{
    public int Id { get; set; }
    public int PriceSheetId { get; set; }
    public required string Provider { get; set; }
    public required string Model { get; set; }
    public DateTime EffectiveFrom { get; set; }
    public decimal InputPerMillion { get; set; }
    public decimal OutputPerMillion { get; set; }
    /// <summary>Cached-input reads; when absent they are priced as input.</summary>
    public decimal? CachedInputPerMillion { get; set; }
    public decimal? PerRequestFee { get; set; }
    /// <summary>Discount on batch traffic, 0 to 100.</summary>
    public decimal? BatchDiscountPercent { get; set; }
}
