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
    /// <summary>A draft is only previewed; the prices of active sheets are the ones in force.</summary>
    public PriceSheetStatus Status { get; set; } = PriceSheetStatus.Draft;
    public DateTime? ActivatedAt { get; set; }
    public string? ActivatedBy { get; set; }
    /// <summary>Whether the file dated its prices; an undated sheet takes its date at activation.</summary>
    public bool IsDated { get; set; } = true;
    /// <summary>What the import left out and warned about, as lines of text.</summary>
    public string? ImportNotes { get; set; }
    /// <summary>Set when activation changed prices of months already priced; cleared by the re-price job.</summary>
    public DateTime? RepriceFrom { get; set; }
    public DateTime? RepricedAt { get; set; }
    public List<TokenPrice> TokenPrices { get; set; } = [];
    public List<CapacityOffer> CapacityOffers { get; set; } = [];
}

public enum PriceSheetStatus
{
    Draft,
    Active,
}
