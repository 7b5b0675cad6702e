using System.Globalization;
using CostInsights.Core.Usage.Formats;

namespace CostInsights.Core.Ingestion;

/// <summary>What a stored batch adds up to, in words: usage priced under both schemes, or what a bill's lines charged.</summary>
public static class BatchTotals
{
    public static string Describe(IngestionBatch batch)
    {
        if (UsageFormats.IsCostLines(batch.Format))
        {
            var charged = $"{Count(batch.RowsAccepted)} billed line{(batch.RowsAccepted == 1 ? "" : "s")}: {Usd(batch.TokenCost + batch.ComputeCost)} charged";
            return batch.ComputeCost == 0m ? charged : $"{charged}, {Usd(batch.ComputeCost)} of it for compute time";
        }
        var tokens = batch.InputTokens + batch.OutputTokens > 0 ? $"{Count(batch.InputTokens)} in / {Count(batch.OutputTokens)} out tokens; " : "";
        return $"{tokens}{Usd(batch.TokenCost)} per token, {Usd(batch.ComputeCost)} compute time";
    }

    private static string Count(long count) => count.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Usd(decimal amount) => (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
