namespace CostInsights.Pricing;

/// <summary>
/// Token counts of one request or bucket of requests. Input tokens include every kind of input:
/// cached reads and cache writes are parts of them. Output tokens include reasoning tokens.
/// </summary>
public readonly record struct TokenUsage
{
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CachedInputTokens { get; init; }
    public long CacheWrite5mTokens { get; init; }
    public long CacheWrite1hTokens { get; init; }
    public long ReasoningTokens { get; init; }
    public long Requests { get; init; }
    public bool IsBatch { get; init; }
    public decimal? ComputeSeconds { get; init; }

    /// <summary>
    /// For a bucket whose source says which context window its requests fell in, rather than how many requests there were: the
    /// window's lower bound in input tokens (0 below 200k, 200,000 from 200k to 1M). It chooses the context tier in place of the
    /// bucket's mean, which for a bucket counted as one request would be every token of the bucket.
    /// </summary>
    public long? ContextAboveTokens { get; init; }

    public TokenUsage(long inputTokens, long outputTokens, long cachedInputTokens, long requests, bool isBatch = false)
    {
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        CachedInputTokens = cachedInputTokens;
        Requests = requests;
        IsBatch = isBatch;
    }

    public long UncachedInputTokens => InputTokens - CachedInputTokens - CacheWrite5mTokens - CacheWrite1hTokens;

    /// <summary>
    /// Input tokens of one request, as far as the context tier is concerned: the count itself for a request, the mean for a
    /// bucket, or just past the window's lower bound where the source names the window.
    /// </summary>
    public long InputTokensPerRequest =>
        ContextAboveTokens is { } floor ? floor + 1 : Requests > 1 ? (InputTokens + Requests - 1) / Requests : InputTokens;

    /// <summary>Null when the counts are consistent; otherwise what is wrong with them.</summary>
    public string? Problem =>
        InputTokens < 0 || OutputTokens < 0 || CachedInputTokens < 0 || CacheWrite5mTokens < 0 || CacheWrite1hTokens < 0 || ReasoningTokens < 0 || Requests < 0
            ? "token and request counts cannot be negative"
            : UncachedInputTokens < 0
                ? $"cached reads and cache writes ({CachedInputTokens + CacheWrite5mTokens + CacheWrite1hTokens}) exceed the input tokens ({InputTokens}) " +
                    "they are part of"
                : ReasoningTokens > OutputTokens
                    ? $"reasoning tokens ({ReasoningTokens}) exceed the output tokens ({OutputTokens}) they are part of"
                    : null;
}

/// <summary>Compute-time pricing reduced to what prices one workload: throughput and a rate per compute second.</summary>
public sealed record ComputeRates(decimal InputTokensPerSecond, decimal OutputTokensPerSecond, decimal RatePerComputeSecond);
