namespace CostInsights.Core.Usage;

/// <summary>A usage row as read from a source, before pricing.</summary>
public sealed record UsageRow(
    long LineNumber,
    DateTime OccurredAt,
    string Provider,
    string Model,
    string Team,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    long Requests,
    string NaturalKey,
    string? Project = null,
    string? Application = null,
    bool IsBatch = false,
    decimal? ComputeSeconds = null)
{
    public long CacheWrite5mTokens { get; init; }
    public long CacheWrite1hTokens { get; init; }
    public long ReasoningTokens { get; init; }
    /// <summary>Tags in <see cref="UsageTags"/>' stored form.</summary>
    public string? Tags { get; init; }
    /// <summary>The source's timestamp had no zone and was read as UTC.</summary>
    public bool ZoneAssumed { get; init; }
    public string ServiceTier { get; init; } = IsBatch ? PriceSheets.ServiceTiers.Batch : PriceSheets.ServiceTiers.Standard;

    public Pricing.TokenUsage ToTokenUsage() => new(InputTokens, OutputTokens, CachedInputTokens, Requests, IsBatch)
    {
        CacheWrite5mTokens = CacheWrite5mTokens,
        CacheWrite1hTokens = CacheWrite1hTokens,
        ReasoningTokens = ReasoningTokens,
        ComputeSeconds = ComputeSeconds,
    };
}

/// <summary>Either a row or the reason it cannot be used.</summary>
public sealed record UsageReadResult(UsageRow? Row, long LineNumber, string? Column, string? Reason)
{
    public static UsageReadResult Ok(UsageRow row) => new(row, row.LineNumber, null, null);

    public static UsageReadResult Rejected(long line, string? column, string reason) => new(null, line, column, reason);
}
