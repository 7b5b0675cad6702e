namespace CostInsights.Core.Usage;

/// <summary>Usage and both costs summed over a period by provider, model, team and pricing.</summary>
public abstract class UsageRollup
{
    public long Id { get; set; }
    public DateTime PeriodStart { get; set; }
    public string Provider { get; set; } = "";
    public string Model { get; set; } = "";
    public string Team { get; set; } = "";
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CachedInputTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public long ReasoningTokens { get; set; }
    public long Requests { get; set; }
    public long RecordCount { get; set; }
    public decimal TokenCost { get; set; }
    /// <summary>The price-sheet version whose token prices priced this rollup.</summary>
    public int TokenPriceSheetId { get; set; }
    public decimal? ComputeCost { get; set; }
    public bool ComputeCostIsEstimated { get; set; }
    public int? ComputePriceSheetId { get; set; }
}

/// <summary>A rollup over one UTC hour.</summary>
public sealed class HourlyRollup : UsageRollup;

/// <summary>A rollup over one UTC day: spend over weeks or months of days reads a day's row, not its 24 hours.</summary>
public sealed class DailyRollup : UsageRollup;

/// <summary>A rollup over one UTC calendar month.</summary>
public sealed class MonthlyRollup : UsageRollup;
