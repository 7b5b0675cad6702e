using CostInsights.Core.Usage.Formats;

namespace CostInsights.Core.Ingestion;

/// <summary>What a stored batch adds up to, in words: usage priced under both schemes, or what a bill's lines charged.</summary>
public static class BatchTotals
{
    public static string Describe(IngestionBatch batch)
    {
        if (UsageFormats.IsCostLines(batch.Format))
        {
            var lines = Amounts.Count(batch.RowsAccepted, "billed line");
            var charged = $"{lines}: {Amounts.Usd(batch.TokenCost + batch.ComputeCost)} charged";
            return batch.ComputeCost == 0m ? charged : $"{charged}, {Amounts.Usd(batch.ComputeCost)} of it for compute time";
        }
        var tokens = batch.InputTokens + batch.OutputTokens > 0
            ? $"{Amounts.Tokens(batch.InputTokens)} in / {Amounts.Tokens(batch.OutputTokens)} out tokens; "
            : "";
        return $"{tokens}{Amounts.Usd(batch.TokenCost)} per token, {Amounts.Usd(batch.ComputeCost)} compute time";
    }
}
