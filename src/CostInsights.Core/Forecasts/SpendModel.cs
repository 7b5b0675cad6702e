using CostInsights.Pricing;

namespace CostInsights.Core.Forecasts;

/// <summary>
/// Turns a series' forecast volumes into spend. The series' recent mix (its last three months) says
/// which share of each volume each model takes; each model's share is priced at the prices in force
/// in the forecast month, announced future prices included; and each model's list price is scaled by
/// how its actual cost compared with list price over those months (batch discounts, tiers, fees).
/// A model without a token price keeps its recent cost per token. Compute-time spend keeps the
/// series' recent compute cost per token.
/// </summary>
internal sealed class SpendModel
{
    private readonly PriceBook _prices;
    private readonly List<ModelMix> _models;
    private readonly decimal? _computePerToken;

    private sealed record ModelMix(string Provider, string Model, decimal InputShare, decimal OutputShare, decimal CachedShare, decimal RequestShare,
        decimal? Calibration, decimal CostPerToken);

    public SpendModel(PriceBook prices, IReadOnlyList<MonthlyLeaf> window)
    {
        _prices = prices;
        var input = window.Sum(l => l.InputTokens);
        var output = window.Sum(l => l.OutputTokens);
        var cached = window.Sum(l => l.CachedInputTokens);
        var requests = window.Sum(l => l.Requests);
        _models = [.. window.GroupBy(l => (l.Provider, l.Model)).Select(g =>
        {
            var cost = g.Sum(l => l.TokenCost);
            var list = g.Sum(l => ListPrice(l.Provider, l.Model, l.Month, l.InputTokens, l.OutputTokens, l.CachedInputTokens, l.Requests));
            var tokens = g.Sum(l => l.InputTokens + l.OutputTokens);
            return new ModelMix(g.Key.Provider, g.Key.Model,
                Share(g.Sum(l => l.InputTokens), input), Share(g.Sum(l => l.OutputTokens), output),
                Share(g.Sum(l => l.CachedInputTokens), cached), Share(g.Sum(l => l.Requests), requests),
                list is > 0 ? cost / list.Value : null, tokens > 0 ? cost / tokens : 0);
        })];
        var computed = window.Where(l => l.ComputeCost is not null).ToList();
        var computedTokens = computed.Sum(l => l.InputTokens + l.OutputTokens);
        _computePerToken = computed.Count > 0 && computedTokens > 0 ? computed.Sum(l => l.ComputeCost!.Value) / computedTokens : null;
    }

    public bool HasComputeSpend => _computePerToken is not null;

    /// <summary>Per-token spend of these volumes in this month.</summary>
    public decimal TokenSpend(DateTime month, decimal input, decimal output, decimal cached, decimal requests)
    {
        var total = 0m;
        foreach (var m in _models)
        {
            var (i, o, c, r) = (m.InputShare * input, m.OutputShare * output, m.CachedShare * cached, m.RequestShare * requests);
            total += m.Calibration is { } calibration && ListPrice(m.Provider, m.Model, month, i, o, c, r) is { } list
                ? calibration * list
                : m.CostPerToken * (i + o);
        }
        return total;
    }

    /// <summary>Compute-time spend of these volumes, or null when the series has no compute-time price.</summary>
    public decimal? ComputeSpend(decimal input, decimal output) => _computePerToken * (input + output);

    /// <summary>The volumes at the list prices in force in that month; null without a token price.</summary>
    private decimal? ListPrice(string provider, string model, DateTime month, decimal input, decimal output, decimal cached, decimal requests) =>
        _prices.TokenRatesAt(provider, model, month)?.Rates.ListCost(input, output, cached, requests);

    private static decimal Share(long part, long whole) => whole > 0 ? (decimal)part / whole : 0m;
}
