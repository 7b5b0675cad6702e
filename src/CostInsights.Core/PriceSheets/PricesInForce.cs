using CostInsights.Core.Data;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.PriceSheets;

/// <summary>Loads what pricing needs from the database before it starts: the prices in force, and the month-to-date volumes tiers depend on.</summary>
public static class PricesInForce
{
    /// <summary>The prices of the sheets in force; drafts are never in force.</summary>
    public static async Task<PriceBook> LoadAsync(CostInsightsDbContext db, CancellationToken cancellationToken)
    {
        var (tokens, offers) = await ActiveAsync(db, cancellationToken);
        return Book(tokens, offers);
    }

    /// <summary>The sheets whose prices are in force: every one activated, superseded or not (see <see cref="PriceSheet.InForce"/>).</summary>
    public static IQueryable<int> SheetIds(CostInsightsDbContext db) =>
        db.PriceSheets.Where(PriceSheet.InForce).Select(s => s.Id);

    /// <summary>The stored prices and offers of the sheets in force.</summary>
    public static Task<(List<TokenPrice> Prices, List<CapacityOffer> Offers)> ActiveAsync(CostInsightsDbContext db, CancellationToken cancellationToken) =>
        OfAsync(db, SheetIds(db), cancellationToken);

    /// <summary>
    /// The stored prices and offers that were in force when <paramref name="sheet"/> was activated: those of the sheets activated
    /// before it. Activation never takes a sheet out of force, so they are in force still.
    /// </summary>
    public static Task<(List<TokenPrice> Prices, List<CapacityOffer> Offers)> ActiveBeforeAsync(CostInsightsDbContext db, PriceSheet sheet,
        CancellationToken cancellationToken) =>
        OfAsync(db, db.PriceSheets.Where(PriceSheet.InForce)
            .Where(s => s.ActivatedAt < sheet.ActivatedAt || (s.ActivatedAt == sheet.ActivatedAt && s.Id < sheet.Id))
            .Select(s => s.Id), cancellationToken);

    private static async Task<(List<TokenPrice> Prices, List<CapacityOffer> Offers)> OfAsync(CostInsightsDbContext db, IQueryable<int> active,
        CancellationToken cancellationToken)
    {
        var tokens = await db.TokenPrices.AsNoTracking().Where(p => active.Contains(p.PriceSheetId)).ToListAsync(cancellationToken);
        var offers = await db.CapacityOffers.AsNoTracking().Where(o => active.Contains(o.PriceSheetId)).ToListAsync(cancellationToken);
        return (tokens, offers);
    }

    /// <summary>A book of these stored prices and offers.</summary>
    public static PriceBook Book(IEnumerable<TokenPrice> tokenPrices, IEnumerable<CapacityOffer> capacityOffers) => new(
        tokenPrices.Select(p => new TokenPriceEntry(p.Provider, p.Model, p.ServiceTier, p.EffectiveFrom, p.PriceSheetId, p.ToRates())),
        capacityOffers.Select(o => new CapacityOfferEntry(o.Provider, o.Model, o.EffectiveFrom, o.PriceSheetId, o.ToTerms())));

    /// <summary>
    /// The tokens already priced in each month for every model the book prices with volume tiers, so that
    /// pricing more usage of such a model continues its month where the stored usage left it.
    /// </summary>
    public static async Task<MonthlyVolumes> MonthToDateAsync(CostInsightsDbContext db, PriceBook book, CancellationToken cancellationToken)
    {
        var tiered = book.VolumeTieredModels.Select(m => m.ToLowerInvariant()).Distinct().ToList();
        if (tiered.Count == 0)
        {
            return new MonthlyVolumes();
        }
        var totals = await db.MonthlyRollups.AsNoTracking()
            .Where(r => tiered.Contains(r.Model.ToLower()))
            .GroupBy(r => new { r.Provider, r.Model, r.PeriodStart })
            .Select(g => new { g.Key.Provider, g.Key.Model, g.Key.PeriodStart, Tokens = g.Sum(r => r.InputTokens + r.OutputTokens) })
            .ToListAsync(cancellationToken);
        return new MonthlyVolumes(totals.ToDictionary(t => (t.Provider, t.Model, DateTime.SpecifyKind(t.PeriodStart, DateTimeKind.Utc)), t => t.Tokens));
    }
}
