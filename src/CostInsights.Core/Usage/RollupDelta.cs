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

    public void Add(UsageRecord r) => Add(r, 1);

    /// <summary>Takes back a record added before (one that turned out to be stored already).</summary>
    public void Remove(UsageRecord r) => Add(r, -1);

    // Checked: a sum that would pass the largest count throws instead of wrapping to a negative total.
    private void Add(UsageRecord r, int sign)
    {
        checked
        {
            InputTokens += sign * r.InputTokens;
            OutputTokens += sign * r.OutputTokens;
            CachedInputTokens += sign * r.CachedInputTokens;
            CacheWriteTokens += sign * (r.CacheWrite5mTokens + r.CacheWrite1hTokens);
            ReasoningTokens += sign * r.ReasoningTokens;
            Requests += sign * r.Requests;
            RecordCount += sign;
            TokenCost += sign * r.TokenCost;
            if (r.ComputeCost is { } compute)
            {
                ComputeCost = (ComputeCost ?? 0m) + sign * compute;
            }
        }
    }

    public void AddTo(UsageRollup rollup)
    {
        checked
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
}
