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
    /// <summary>The lower bound in input tokens of the context window the source says the rows' requests fell in.</summary>
    public long? ContextAboveTokens { get; init; }
    /// <summary>The source's timestamp had no zone and was read as UTC.</summary>
    public bool ZoneAssumed { get; init; }
    public string ServiceTier { get; init; } = IsBatch ? CostInsights.Pricing.ServiceTiers.Batch : CostInsights.Pricing.ServiceTiers.Standard;

    /// <summary>The row as a record of an ingestion batch, not yet priced.</summary>
    public UsageRecord ToRecord(long batchId) => new()
    {
        OccurredAt = OccurredAt,
        Provider = Provider,
        Model = Model,
        Team = Team,
        Project = Project,
        Application = Application,
        Tags = Tags,
        InputTokens = InputTokens,
        OutputTokens = OutputTokens,
        CachedInputTokens = CachedInputTokens,
        CacheWrite5mTokens = CacheWrite5mTokens,
        CacheWrite1hTokens = CacheWrite1hTokens,
        ReasoningTokens = ReasoningTokens,
        ServiceTier = ServiceTier,
        Requests = Requests,
        IsBatch = IsBatch,
        ComputeSeconds = ComputeSeconds,
        ContextAboveTokens = ContextAboveTokens,
        IngestionBatchId = batchId,
        NaturalKey = NaturalKey,
    };
}

/// <summary>Either a row or the reason it cannot be used.</summary>
public sealed record UsageReadResult(UsageRow? Row, long LineNumber, string? Column, string? Reason)
{
    public static UsageReadResult Ok(UsageRow row) => new(row, row.LineNumber, null, null);

    public static UsageReadResult Rejected(long line, string? column, string reason) => new(null, line, column, reason);
}
