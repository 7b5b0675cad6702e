using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Compare;

public sealed record OfferChoice(int Id, string Label, CapacityOffer Offer);

public sealed record CompareChoices(IReadOnlyList<string> Models, IReadOnlyList<string> Teams, IReadOnlyList<OfferChoice> Offers);

/// <summary>Reads what the Compare page offers to choose from, and a workload's months, from rollups and active offers.</summary>
public sealed class CompareQuery(CostInsightsDbContext db, TimeProvider time)
{
    public async Task<CompareChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var models = await db.MonthlyRollups.AsNoTracking().Select(r => r.Provider + "/" + r.Model).Distinct().OrderBy(m => m).ToListAsync(cancellationToken);
        var teams = await db.MonthlyRollups.AsNoTracking().Select(r => r.Team).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var offers = await db.CapacityOffers.AsNoTracking()
            .Where(o => o.EffectiveFrom <= now && PricesInForce.SheetIds(db).Contains(o.PriceSheetId))
            .ToListAsync(cancellationToken);
        var current = offers.GroupBy(o => (o.Provider, o.Model, o.Term))
            .Select(g => g.OrderByDescending(o => o.EffectiveFrom).ThenByDescending(o => o.PriceSheetId).First())
            .OrderBy(o => o.Provider, StringComparer.Ordinal).ThenBy(o => o.Model, StringComparer.Ordinal).ThenBy(o => o.Term)
            .Select(o => new OfferChoice(o.Id, $"{o.Provider}/{o.Model}: {o.UnitKind}, {o.Term}, ${o.RatePerUnitHour:0.####}/unit-hour, min {o.MinimumUnits}",
                o))
            .ToList();
        return new CompareChoices(models, teams, current);
    }

    /// <summary>The last <paramref name="months"/> full months of a model's or team's usage and per-token cost.</summary>
    public async Task<IReadOnlyList<MonthlyWorkload>> WorkloadAsync(string by, string key, int months, CancellationToken cancellationToken)
    {
        var end = RollupAccumulator.MonthOf(time.GetUtcNow().UtcDateTime);
        var start = end.AddMonths(-months);
        var query = db.MonthlyRollups.AsNoTracking().Where(r => r.PeriodStart >= start && r.PeriodStart < end);
        if (by == "team")
        {
            query = query.Where(r => r.Team == key);
        }
        else
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var provider = slash > 0 ? key[..slash] : "";
            var model = slash > 0 ? key[(slash + 1)..] : key;
            query = query.Where(r => r.Provider == provider && r.Model == model);
        }
        var rows = await query.Select(r => new { r.PeriodStart, r.InputTokens, r.OutputTokens, r.TokenCost }).ToListAsync(cancellationToken);
        return Enumerable.Range(0, months).Select(i => start.AddMonths(i)).Select(month =>
        {
            var inMonth = rows.Where(r => r.PeriodStart == month).ToList();
            return new MonthlyWorkload(month, inMonth.Sum(r => r.InputTokens), inMonth.Sum(r => r.OutputTokens), inMonth.Sum(r => r.TokenCost));
        }).ToList();
    }
}
