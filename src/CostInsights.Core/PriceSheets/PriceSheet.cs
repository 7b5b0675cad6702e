namespace CostInsights.Core.PriceSheets;

/// <summary>A named, versioned set of prices. Never deleted: history is how old months are priced.</summary>
public sealed class PriceSheet
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Version within sheets of the same name, starting at 1.</summary>
    public int Version { get; set; }
    /// <summary>The earliest effective date among the sheet's entries.</summary>
    public DateTime EffectiveFrom { get; set; }
    public DateTime UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
    public required string Format { get; set; }
    public string? SourceFileName { get; set; }
    public List<TokenPrice> TokenPrices { get; set; } = [];
    public List<CapacityOffer> CapacityOffers { get; set; } = [];
}
