using System.Text.Json;
using CostInsights.Pricing;

namespace CostInsights.Core.PriceSheets;

/// <summary>Between a stored <see cref="TokenPrice"/> and the <see cref="TokenRates"/> that price usage.</summary>
public static class TokenPriceRates
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static TokenRates ToRates(this TokenPrice p) => new(new RateCard(
        p.InputPerMillion, p.OutputPerMillion, p.CachedInputPerMillion, p.CacheWrite5mPerMillion, p.CacheWrite1hPerMillion, p.ReasoningPerMillion))
    {
        ContextTiers = p.ContextTiersJson is { Length: > 0 } context ? JsonSerializer.Deserialize<List<ContextTier>>(context, Json) ?? [] : [],
        VolumeTiers = p.VolumeTiersJson is { Length: > 0 } volume ? JsonSerializer.Deserialize<List<VolumeTier>>(volume, Json) ?? [] : [],
        PerRequestFee = p.PerRequestFee,
        BatchDiscountPercent = p.BatchDiscountPercent,
        PerComputeSecond = p.PerComputeSecond,
    };

    /// <summary>A stored price with this card's rates; the caller adds fees, discounts and tiers.</summary>
    public static TokenPrice ToTokenPrice(this RateCard card, string provider, string model, string serviceTier, DateTime effectiveFrom) => new()
    {
        Provider = provider,
        Model = model,
        ServiceTier = serviceTier,
        EffectiveFrom = effectiveFrom,
        InputPerMillion = card.Input,
        OutputPerMillion = card.Output,
        CachedInputPerMillion = card.CachedInput,
        CacheWrite5mPerMillion = card.CacheWrite5m,
        CacheWrite1hPerMillion = card.CacheWrite1h,
        ReasoningPerMillion = card.Reasoning,
    };

    public static string? ToJson(IReadOnlyList<ContextTier> tiers) => tiers.Count == 0 ? null : JsonSerializer.Serialize(tiers, Json);

    public static string? ToJson(IReadOnlyList<VolumeTier> tiers) => tiers.Count == 0 ? null : JsonSerializer.Serialize(tiers, Json);
}
