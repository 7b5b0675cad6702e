namespace CostInsights.Core.Pricing;

/// <summary>Token counts of a request or bucket. Cached-input reads are part of the input tokens.</summary>
public readonly record struct TokenUsage(long InputTokens, long OutputTokens, long CachedInputTokens, long Requests, bool IsBatch = false);

/// <summary>A model's per-token prices in dollars per one million tokens.</summary>
public sealed record TokenRates(
    decimal InputPerMillion,
    decimal OutputPerMillion,
    decimal? CachedInputPerMillion = null,
    decimal? PerRequestFee = null,
    decimal? BatchDiscountPercent = null);

/// <summary>Compute-time pricing reduced to what prices one workload: throughput and a rate per compute second.</summary>
public sealed record ComputeRates(decimal InputTokensPerSecond, decimal OutputTokensPerSecond, decimal RatePerComputeSecond);
