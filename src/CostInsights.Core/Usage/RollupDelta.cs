namespace CostInsights.Core.Usage;

/// <summary>The grouping of a rollup: period, dimensions and the sheet versions that priced it.</summary>
public readonly record struct RollupKey(
    DateTime PeriodStart, string Provider, string Model, string Team, int TokenPriceSheetId, int? ComputePriceSheetId, bool ComputeCostIsEstimated);

/// <summary>Sums accumulated in memory for one rollup row, added to the stored row on flush.</summary>
public sealed class RollupDelta
{
    public long InputTokens;
    public long OutputTokens;
    public long CachedInputTokens;
    public long CacheWriteTokens;
    public long ReasoningTokens;
    public long Requests;
    public long RecordCount;
    public decimal TokenCost;
    public decimal? ComputeCost;

    public void Add(UsageRecord r)
    {
        InputTokens += r.InputTokens;
        OutputTokens += r.OutputTokens;
        CachedInputTokens += r.CachedInputTokens;
        CacheWriteTokens += r.CacheWrite5mTokens + r.CacheWrite1hTokens;
        ReasoningTokens += r.ReasoningTokens;
        Requests += r.Requests;
        RecordCount++;
        TokenCost += r.TokenCost;
        if (r.ComputeCost is { } compute)
        {
            ComputeCost = (ComputeCost ?? 0m) + compute;
        }
    }

    public void AddTo(UsageRollup rollup)
    {
        rollup.InputTokens += InputTokens;
        rollup.OutputTokens += OutputTokens;
        rollup.CachedInputTokens += CachedInputTokens;
        rollup.CacheWriteTokens += CacheWriteTokens;
        rollup.ReasoningTokens += ReasoningTokens;
        rollup.Requests += Requests;
        rollup.RecordCount += RecordCount;
        rollup.TokenCost += TokenCost;
        if (ComputeCost is { } compute)
        {
            rollup.ComputeCost = (rollup.ComputeCost ?? 0m) + compute;
        }
    }
}
