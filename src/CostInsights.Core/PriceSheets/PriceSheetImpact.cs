using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.PriceSheets;

/// <summary>A month already priced: its costs now and, estimated, once the sheet is active; compute time is null where nothing prices it.</summary>
public sealed record MonthImpact(DateTime Month, decimal TokenCostNow, decimal TokenCostAfter, decimal? ComputeCostNow, decimal? ComputeCostAfter)
{
    public decimal TokenChange => TokenCostAfter - TokenCostNow;

    public decimal ComputeChange => (ComputeCostAfter ?? 0m) - (ComputeCostNow ?? 0m);
}

/// <summary>What activating a sheet would do to the months already priced, from <paramref name="From"/> on, under both schemes.</summary>
public sealed record PriceSheetImpact(DateTime From, IReadOnlyList<MonthImpact> Months)
{
    public decimal TokenChange => Months.Sum(m => m.TokenChange);

    public decimal ComputeChange => Months.Sum(m => m.ComputeChange);

    public decimal TokenCostNow => Months.Sum(m => m.TokenCostNow);

    public decimal ComputeCostNow => Months.Sum(m => m.ComputeCostNow ?? 0m);
}

/// <summary>
/// Estimates a sheet's effect on usage already priced, day by day and model by model from the hourly
/// rollups, before it is activated: a day whose prices in force would change is priced again at the
/// new prices, keeping how its cost stood to the old list price (batch discounts, tiers, logged compute
/// seconds); a day unpriced before is priced at the new list price. Re-pricing after activation is exact.
/// </summary>
internal static class PriceSheetImpactEstimate
{
    private const int ManyModels = 100;

    private sealed record DayUse(DateTime Day, string Provider, string Model, long Input, long Output, long Cached, long CacheWrite, long Reasoning,
        long Requests, decimal TokenCost, decimal? ComputeCost);

    /// <param name="now">The prices in force.</param>
    /// <param name="after">The prices in force once the sheet is active.</param>
    /// <param name="draftPrices">The sheet's prices with the dates activation would give them.</param>
    /// <param name="draftOffers">The sheet's capacity offers, dated likewise.</param>
    public static async Task<PriceSheetImpact?> EstimateAsync(CostInsightsDbContext db, PriceBook now, PriceBook after, IReadOnlyList<TokenPrice> draftPrices,
        IReadOnlyList<CapacityOffer> draftOffers, CancellationToken cancellationToken)
    {
        var dates = draftPrices.Select(p => p.EffectiveFrom).Concat(draftOffers.Select(o => o.EffectiveFrom)).ToList();
        if (dates.Count == 0)
        {
            return null;
        }
        var from = dates.Min();
        // Models are named in any case, as the price book matches them.
        var models = draftPrices.Select(p => p.Model).Concat(draftOffers.Select(o => o.Model)).Select(m => m.ToLowerInvariant()).Distinct().ToList();
        var hourly = db.HourlyRollups.AsNoTracking().Where(r => r.PeriodStart >= from);
        // A sheet of many models (a provider's whole list) is cheaper to read everything for than to filter by.
        if (models.Count <= ManyModels)
        {
            hourly = hourly.Where(r => models.Contains(r.Model.ToLower()));
        }
        // Money is summed here, exactly: SQLite keeps decimals as text.
        var days = (await hourly
                .Select(r => new
                {
                    r.PeriodStart,
                    r.Provider,
                    r.Model,
                    r.InputTokens,
                    r.OutputTokens,
                    r.CachedInputTokens,
                    r.CacheWriteTokens,
                    r.ReasoningTokens,
                    r.Requests,
                    r.TokenCost,
                    r.ComputeCost
                })
                .ToListAsync(cancellationToken))
            .GroupBy(r => (r.PeriodStart.Date, r.Provider, r.Model))
            .Select(g => new DayUse(DateTime.SpecifyKind(g.Key.Date, DateTimeKind.Utc), g.Key.Provider, g.Key.Model, g.Sum(r => r.InputTokens),
                g.Sum(r => r.OutputTokens), g.Sum(r => r.CachedInputTokens), g.Sum(r => r.CacheWriteTokens), g.Sum(r => r.ReasoningTokens),
                g.Sum(r => r.Requests), g.Sum(r => r.TokenCost), g.Any(r => r.ComputeCost is not null) ? g.Sum(r => r.ComputeCost ?? 0m) : null));
        var firstMonth = RollupAccumulator.MonthOf(from);
        var months = (await db.MonthlyRollups.AsNoTracking()
                .Where(r => r.PeriodStart >= firstMonth)
                .Select(r => new { r.PeriodStart, r.TokenCost, r.ComputeCost })
                .ToListAsync(cancellationToken))
            .GroupBy(r => r.PeriodStart)
            .Select(g => new
            {
                Month = g.Key,
                Token = g.Sum(r => r.TokenCost),
                Compute = g.Any(r => r.ComputeCost is not null) ? g.Sum(r => r.ComputeCost ?? 0m) : (decimal?)null
            });
        var changes = days
            .Select(d => (Month: RollupAccumulator.MonthOf(d.Day), Token: TokenChange(d, now, after), Compute: ComputeChange(d, now, after)))
            .GroupBy(c => c.Month)
            .ToDictionary(g => g.Key, g => (Token: g.Sum(c => c.Token), Compute: g.Sum(c => c.Compute)));
        return new PriceSheetImpact(from, [.. months.OrderBy(m => m.Month).Select(m =>
        {
            var (token, compute) = changes.GetValueOrDefault(m.Month);
            var computeAfter = m.Compute is null && compute == 0 ? (decimal?)null : (m.Compute ?? 0m) + compute;
            return new MonthImpact(DateTime.SpecifyKind(m.Month, DateTimeKind.Utc), m.Token, m.Token + token, m.Compute, computeAfter);
        })]);
    }

    private static decimal TokenChange(DayUse d, PriceBook now, PriceBook after)
    {
        var (before, next) = (now.TokenRatesAt(d.Provider, d.Model, d.Day), after.TokenRatesAt(d.Provider, d.Model, d.Day));
        if (next is null || Same(before, next))
        {
            return 0m;
        }
        var usage = new TokenUsage(d.Input, d.Output, d.Cached, d.Requests) { CacheWrite5mTokens = d.CacheWrite, ReasoningTokens = d.Reasoning };
        if (usage.Problem is not null)
        {
            return 0m;
        }
        var listAfter = TokenCostCalculator.Cost(usage, next.Rates);
        var listBefore = before is null ? 0m : TokenCostCalculator.Cost(usage, before.Rates);
        var costAfter = listBefore > 0 ? d.TokenCost * listAfter / listBefore : listAfter;
        return costAfter - d.TokenCost;
    }

    private static decimal ComputeChange(DayUse d, PriceBook now, PriceBook after)
    {
        var (before, next) = (now.ComputeRatesAt(d.Provider, d.Model, d.Day), after.ComputeRatesAt(d.Provider, d.Model, d.Day));
        if (next is null || Same(before, next))
        {
            return 0m;
        }
        decimal Estimate(ComputeRates rates) => ComputeTimeCalculator.Cost(ComputeTimeCalculator.ComputeSeconds(d.Input, d.Output, rates), rates);
        var estimateAfter = Estimate(next.Rates);
        var estimateBefore = before is null ? 0m : Estimate(before.Rates);
        var costAfter = estimateBefore > 0 && d.ComputeCost is { } cost ? cost * estimateAfter / estimateBefore : estimateAfter;
        return costAfter - (d.ComputeCost ?? 0m);
    }

    /// <summary>The same entry of the same sheet is in force before and after.</summary>
    private static bool Same<T>(PricedRates<T>? before, PricedRates<T> after) =>
        before is not null && before.PriceSheetId == after.PriceSheetId && before.EffectiveFrom == after.EffectiveFrom;
}
