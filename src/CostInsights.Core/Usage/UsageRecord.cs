namespace CostInsights.Core.Usage;

/// <summary>One request or one pre-aggregated bucket of usage, priced both ways.</summary>
public sealed class UsageRecord
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string Provider { get; set; }
    public required string Model { get; set; }
    public required string Team { get; set; }
    public string? Project { get; set; }
    public string? Application { get; set; }
    /// <summary>Tags as <c>,tag,tag,</c> (each <c>key=value</c> or a bare word), so one can be matched whole.</summary>
    public string? Tags { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    /// <summary>Cached-input reads; part of <see cref="InputTokens"/>.</summary>
    public long CachedInputTokens { get; set; }
    /// <summary>Cache writes kept five minutes and one hour; parts of <see cref="InputTokens"/>.</summary>
    public long CacheWrite5mTokens { get; set; }
    public long CacheWrite1hTokens { get; set; }
    /// <summary>Reasoning tokens; part of <see cref="OutputTokens"/>.</summary>
    public long ReasoningTokens { get; set; }
    public string ServiceTier { get; set; } = CostInsights.Pricing.ServiceTiers.Standard;
    public long Requests { get; set; }
    public bool IsBatch { get; set; }
    /// <summary>Compute seconds where the log carries them.</summary>
    public decimal? ComputeSeconds { get; set; }
    /// <summary>The context window's lower bound in input tokens, where the source names the window of a bucket's requests.</summary>
    public long? ContextAboveTokens { get; set; }
    public decimal TokenCost { get; set; }
    /// <summary>No price sheet priced the model at the record's time: its token cost is zero until one does.</summary>
    public bool IsUnpriced { get; set; }
    public int TokenPriceSheetId { get; set; }
    public decimal? ComputeCost { get; set; }
    public bool ComputeCostIsEstimated { get; set; }
    public int? ComputePriceSheetId { get; set; }
    public long IngestionBatchId { get; set; }
    /// <summary>Identifies the record across imports so the same data is never counted twice.</summary>
    public required string NaturalKey { get; set; }
}
