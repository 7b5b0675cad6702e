namespace CostInsights.Pricing;

/// <summary>A model's prices as in force at one time, and the sheet version they came from.</summary>
public sealed record PricedRates<T>(T Rates, int PriceSheetId, DateTime EffectiveFrom);

/// <summary>A model's per-token prices for one service tier from a date on, as a price sheet gives them.</summary>
public sealed record TokenPriceEntry(string Provider, string Model, string ServiceTier, DateTime EffectiveFrom, int PriceSheetId, TokenRates Rates);

/// <summary>A model's capacity offer from a date on, as a price sheet gives it.</summary>
public sealed record CapacityOfferEntry(string Provider, string Model, DateTime EffectiveFrom, int PriceSheetId, CapacityTerms Terms);

/// <summary>
/// Every price of every sheet, by model and effective date, held in memory for pricing a batch.
/// A time is priced at the entry with the latest effective date not after it; among entries of
/// the same date the newest sheet wins. A service tier without prices of its own (batch,
/// priority, flex) is priced at the standard tier, batch less the standard tier's batch discount.
/// </summary>
public sealed class PriceBook
{
    private readonly Dictionary<(string, string), List<PricedRates<TokenRates>>> _tokens;
    private readonly Dictionary<(string, string), List<PricedRates<ComputeRates>>> _compute;
    private readonly Dictionary<(string, string), List<PricedRates<decimal>>> _unitHours;

    public PriceBook(IEnumerable<TokenPriceEntry> tokenPrices, IEnumerable<CapacityOfferEntry> capacityOffers)
    {
        var prices = tokenPrices.ToList();
        _tokens = Index(prices.Select(p => (p.Provider, TieredModel(p.Model, p.ServiceTier), p.PriceSheetId,
            new PricedRates<TokenRates>(p.Rates, p.PriceSheetId, p.EffectiveFrom))));
        VolumeTieredModels = [.. prices.Where(p => p.Rates.VolumeTiers.Count > 0).Select(p => p.Model).Distinct(StringComparer.OrdinalIgnoreCase)];
        var offers = capacityOffers.ToList();
        _compute = Index(offers
            .Where(o => o.Terms.InputTokensPerSecond > 0 && o.Terms.OutputTokensPerSecond > 0)
            .Select(o => (o.Provider, o.Model, o.PriceSheetId, new PricedRates<ComputeRates>(
                new ComputeRates(o.Terms.InputTokensPerSecond, o.Terms.OutputTokensPerSecond, o.Terms.RatePerComputeSecond ?? o.Terms.RatePerUnitHour / 3600m),
                o.PriceSheetId, o.EffectiveFrom))));
        _unitHours = Index(offers.Select(o =>
            (o.Provider, o.Model, o.PriceSheetId, new PricedRates<decimal>(o.Terms.RatePerUnitHour, o.PriceSheetId, o.EffectiveFrom))));
    }

    public bool IsEmpty => _tokens.Count == 0;

    /// <summary>The models (as the sheets name them) that have volume tiers at some date: pricing them needs month-to-date volumes.</summary>
    public IReadOnlyCollection<string> VolumeTieredModels { get; }

    public PricedRates<TokenRates>? TokenRatesAt(string provider, string model, DateTime time) =>
        TokenRatesAt(provider, model, ServiceTiers.Standard, time);

    public PricedRates<TokenRates>? TokenRatesAt(string provider, string model, string serviceTier, DateTime time) =>
        (serviceTier == ServiceTiers.Standard ? null : Find(_tokens, provider, TieredModel(model, serviceTier), time))
        ?? Find(_tokens, provider, model, time);

    /// <summary>The prices of exactly this service tier, without falling back to standard.</summary>
    public PricedRates<TokenRates>? ExactTokenRatesAt(string provider, string model, string serviceTier, DateTime time) =>
        Find(_tokens, provider, TieredModel(model, serviceTier), time);

    public PricedRates<ComputeRates>? ComputeRatesAt(string provider, string model, DateTime time) => Find(_compute, provider, model, time);

    /// <summary>What one capacity unit of the model's offer costs an hour at a time.</summary>
    public PricedRates<decimal>? UnitHourRateAt(string provider, string model, DateTime time) => Find(_unitHours, provider, model, time);

    // Tiers other than standard are kept as models of their own name, so one index serves all.
    private static string TieredModel(string model, string serviceTier) =>
        serviceTier == ServiceTiers.Standard ? model : $"{model}\u0000{serviceTier}";

    private static (string, string) Key(string provider, string model) => (provider, model);

    /// <summary>Provider and model names match whatever their case, without allocating a lowered copy per lookup.</summary>
    private sealed class IgnoreCase : IEqualityComparer<(string, string)>
    {
        public static readonly IgnoreCase Instance = new();

        public bool Equals((string, string) x, (string, string) y) =>
            string.Equals(x.Item1, y.Item1, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Item2, y.Item2, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string, string) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Item2));
    }

    private static Dictionary<(string, string), List<PricedRates<T>>> Index<T>(
        IEnumerable<(string Provider, string Model, int SheetId, PricedRates<T> Rates)> entries)
    {
        return entries
            .GroupBy(e => Key(e.Provider, e.Model), IgnoreCase.Instance)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(e => e.Rates.EffectiveFrom).ThenByDescending(e => e.SheetId).Select(e => e.Rates).ToList(),
                IgnoreCase.Instance);
    }

    private static PricedRates<T>? Find<T>(Dictionary<(string, string), List<PricedRates<T>>> index, string provider, string model, DateTime time)
    {
        if (!index.TryGetValue(Key(provider, model), out var list))
        {
            return null;
        }
        foreach (var entry in list)
        {
            if (entry.EffectiveFrom <= time)
            {
                return entry;
            }
        }
        return null;
    }
}
