using System.Globalization;
using CostInsights.Pricing;

namespace CostInsights.Core.PriceSheets;

public enum PriceChangeKind
{
    Added,
    Changed,
    Removed,
}

/// <summary>One field whose price differs: before and after, dollars per 1M tokens unless named otherwise.</summary>
public sealed record FieldChange(string Field, string Before, string After);

public sealed record PriceChange(string Provider, string Model, string ServiceTier, DateTime? EffectiveFrom, PriceChangeKind Kind,
    IReadOnlyList<FieldChange> Fields);

/// <summary>
/// A capacity offer the sheet adds or changes against the offer pricing the model's compute time, or (against its last
/// active version) removes; a removed one keeps its date in force.
/// </summary>
public sealed record OfferChange(string Provider, string Model, CommitmentTerm Term, DateTime? EffectiveFrom, PriceChangeKind Kind,
    IReadOnlyList<FieldChange> Fields);

/// <summary>
/// What activating a sheet would change: token prices and capacity offers added, changed and removed,
/// and the estimated effect on the months already priced under both schemes (null when it prices nothing).
/// </summary>
public sealed record PriceSheetPreview(
    PriceSheet Sheet,
    IReadOnlyList<PriceChange> Changes,
    IReadOnlyList<string> Removed,
    int Unchanged,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Skipped,
    IReadOnlyList<OfferChange> OfferChanges,
    int OffersUnchanged,
    PriceSheetImpact? Impact);

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
        Compare("context tiers", Tiers(before?.ContextTiers.Select(t => (t.AboveInputTokens, t.Rates))),
            Tiers(after.ContextTiers.Select(t => (t.AboveInputTokens, t.Rates))));
        Compare("volume tiers", Tiers(before?.VolumeTiers.Select(t => (t.FromMonthlyTokens, t.Rates))),
            Tiers(after.VolumeTiers.Select(t => (t.FromMonthlyTokens, t.Rates))));
        return changes;
    }

    /// <summary>Field-by-field differences between two capacity offers; every field when there was none before.</summary>
    public static IReadOnlyList<FieldChange> Between(CapacityOffer? before, CapacityOffer after)
    {
        var fields = new (string Field, Func<CapacityOffer, object?> Value)[]
        {
            ("unit", o => o.UnitKind.Describe()),
            ("term", o => o.Term.Describe()),
            ("$ per unit-hour", o => o.RatePerUnitHour),
            ("minimum units", o => o.MinimumUnits),
            ("unit increment", o => o.UnitIncrement),
            ("input tokens/s per unit", o => o.InputTokensPerSecond),
            ("output tokens/s per unit", o => o.OutputTokensPerSecond),
            ("output weight", o => o.OutputWeight),
            ("$ per compute second", o => o.RatePerComputeSecond),
        };
        return [.. fields
            .Select(f => (f.Field, Before: before is null ? null : Show(Rounded(f.Value(before))), After: Show(Rounded(f.Value(after)))))
            .Where(f => f.Before != f.After && !(before is null && f.After == "–"))
            .Select(f => new FieldChange(f.Field, f.Before ?? "–", f.After))];
    }

    /// <summary>Six decimals are enough to tell offers apart; a derived ratio such as 20000/150 has 28.</summary>
    private static object? Rounded(object? value) => value is decimal d ? Math.Round(d, 6) : value;

    private static string? Tiers(IEnumerable<(long Threshold, RateCard Rates)>? tiers)
    {
        var list = tiers?.ToList();
        return list is null || list.Count == 0
            ? null : string.Join("; ", list.Select(t => $"> {t.Threshold:N0}: {Show(t.Rates.Input)} in, {Show(t.Rates.Output)} out"));
    }

    private static string Show(object? value) => value switch
    {
        null => "–",
        decimal d => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "–",
    };
}
