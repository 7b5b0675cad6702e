using System.Globalization;
using CostInsights.Core.Pricing;

namespace CostInsights.Core.PriceSheets;

public enum PriceChangeKind
{
    Added,
    Changed,
}

/// <summary>One field whose price differs: before and after, dollars per 1M tokens unless named otherwise.</summary>
public sealed record FieldChange(string Field, string Before, string After);

public sealed record PriceChange(string Provider, string Model, string ServiceTier, DateTime? EffectiveFrom, PriceChangeKind Kind, IReadOnlyList<FieldChange> Fields);

public sealed record PriceSheetPreview(
    PriceSheet Sheet,
    IReadOnlyList<PriceChange> Changes,
    IReadOnlyList<string> Removed,
    int Unchanged,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Skipped);

/// <summary>Field-by-field differences between two sets of rates.</summary>
public static class PriceDifferences
{
    public static IReadOnlyList<FieldChange> Between(TokenRates? before, TokenRates after)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, object? old, object? now)
        {
            var a = Show(old);
            var b = Show(now);
            if (before is null ? now is not null : a != b)
            {
                changes.Add(new FieldChange(field, before is null ? "–" : a, b));
            }
        }
        Compare("input", before?.Base.Input, after.Base.Input);
        Compare("output", before?.Base.Output, after.Base.Output);
        Compare("cached input", before?.Base.CachedInput, after.Base.CachedInput);
        Compare("cache write 5m", before?.Base.CacheWrite5m, after.Base.CacheWrite5m);
        Compare("cache write 1h", before?.Base.CacheWrite1h, after.Base.CacheWrite1h);
        Compare("reasoning", before?.Base.Reasoning, after.Base.Reasoning);
        Compare("per request ($)", before?.PerRequestFee, after.PerRequestFee);
        Compare("per second ($)", before?.PerComputeSecond, after.PerComputeSecond);
        Compare("batch discount (%)", before?.BatchDiscountPercent, after.BatchDiscountPercent);
        Compare("context tiers", Tiers(before?.ContextTiers.Select(t => (t.AboveInputTokens, t.Rates))), Tiers(after.ContextTiers.Select(t => (t.AboveInputTokens, t.Rates))));
        Compare("volume tiers", Tiers(before?.VolumeTiers.Select(t => (t.FromMonthlyTokens, t.Rates))), Tiers(after.VolumeTiers.Select(t => (t.FromMonthlyTokens, t.Rates))));
        return changes;
    }

    private static string? Tiers(IEnumerable<(long Threshold, RateCard Rates)>? tiers)
    {
        var list = tiers?.ToList();
        return list is null || list.Count == 0 ? null : string.Join("; ", list.Select(t => $"> {t.Threshold:N0}: {Show(t.Rates.Input)} in, {Show(t.Rates.Output)} out"));
    }

    private static string Show(object? value) => value switch
    {
        null => "–",
        decimal d => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "–",
    };
}
