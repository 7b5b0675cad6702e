using System.Globalization;
using CostInsights.Pricing;
using CostInsights.Web.Features.Shell;

namespace CostInsights.Web.Features.PriceSheets;

/// <summary>How the price-sheet pages write a model's rates: dollars per 1M tokens exactly as the sheet gives them.</summary>
public static class RateText
{
    /// <summary>Dollars per 1M tokens, without trailing zeros (<c>$0.075</c>), or a dash where the sheet gives none.</summary>
    public static string Per(decimal? value) => value is { } v ? "$" + Plain(v) : "–";

    /// <summary>What a rate card charges beside its token prices: a fee per request or second, a batch discount, tiers.</summary>
    public static string Extras(TokenRates r) => string.Join("; ", new[]
    {
        r.PerRequestFee is { } fee ? $"${Plain(fee)} per request" : null,
        r.PerComputeSecond is { } s ? $"${Plain(s)} per second" : null,
        r.BatchDiscountPercent is { } d ? $"batch −{Plain(d)}%" : null,
        r.ContextTiers.Count > 0
            ? string.Join(", ", r.ContextTiers.Select(t => $"over {Money.Tokens(t.AboveInputTokens)} input: {InOut(t.Rates)}")) : null,
        r.VolumeTiers.Count > 0
            ? string.Join(", ", r.VolumeTiers.Select(t => $"from {Money.Tokens(t.FromMonthlyTokens)}/month: {InOut(t.Rates)}")) : null,
    }.Where(x => x is not null));

    /// <summary>A decimal without the trailing zeros its scale may carry: 50.0 as 50, 0.0750 as 0.075.</summary>
    private static string Plain(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string InOut(RateCard rates) => $"{Per(rates.Input)}/{Per(rates.Output)}";
}
