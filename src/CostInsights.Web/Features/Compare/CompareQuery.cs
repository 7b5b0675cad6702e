using System.Globalization;
using CostInsights.Core;
using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Scenarios;
using CostInsights.Core.Spend;
using CostInsights.Core.Usage;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Compare;

public sealed record OfferChoice(int Id, string Label, CapacityOffer Offer);

public sealed record CompareChoices(IReadOnlyList<string> Models, IReadOnlyList<string> Teams, IReadOnlyList<OfferChoice> Offers);

/// <summary>Reads what the Compare page offers to choose from, and a workload's months, from rollups and active offers.</summary>
public sealed class CompareQuery(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    /// <summary>The choices, and the comparison the address asks for (defaults where it asks for nothing or for what is not there).</summary>
    public async Task<CompareView> CompareAsync(CompareRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var choices = await ChoicesAsync(db, cancellationToken);
        if (choices.Offers.Count == 0 || choices.Models.Count == 0)
        {
            return new CompareView(choices, request, null, null);
        }
        var chosen = request.Resolve(choices);
        var (by, key) = chosen.Parts();
        var workload = await WorkloadAsync(db, by, key, chosen.Months, cancellationToken);
        var offer = choices.Offers.First(o => o.Id == chosen.OfferId);
        var terms = offer.Offer.ToTerms();
        var utilisation = chosen.UtilisationPercent / 100m;
        return new CompareView(choices, chosen, offer, BillingComparison.Compare(workload, terms, utilisation))
        {
            Ahead = await AheadAsync(db, chosen.Workload!, terms, utilisation, cancellationToken),
        };
    }

    /// <summary>The newest forecast of the workload (its series is named as the workload is) priced both ways; null without one.</summary>
    private static async Task<CompareAhead?> AheadAsync(CostInsightsDbContext db, string series, CapacityTerms terms, decimal utilisation,
        CancellationToken cancellationToken)
    {
        if (await db.ForecastRuns.NewestRunAtAsync(cancellationToken) is not { } runAt)
        {
            return null;
        }
        string[] measures = [ForecastMeasures.InputTokens, ForecastMeasures.OutputTokens, ForecastMeasures.TokenSpend];
        var runs = (await db.ForecastRuns.AsNoTracking().OfRun(runAt)
            .Where(r => r.Series == series && measures.Contains(r.Measure))
            .Select(r => new { r.Measure, r.PointsJson })
            .ToListAsync(cancellationToken))
            .ToDictionary(r => r.Measure, r => ForecastPoint.Deserialize(r.PointsJson));
        return CompareAhead.Of(runAt, runs.GetValueOrDefault(ForecastMeasures.InputTokens), runs.GetValueOrDefault(ForecastMeasures.OutputTokens),
            runs.GetValueOrDefault(ForecastMeasures.TokenSpend), terms, utilisation);
    }

    private async Task<CompareChoices> ChoicesAsync(CostInsightsDbContext db, CancellationToken cancellationToken)
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
            .Select(o => new OfferChoice(o.Id, $"{o.Provider}/{o.Model}: {o.UnitKind.Describe()}, {o.Term.Describe()}, " +
                $"${o.RatePerUnitHour.ToString("0.####", CultureInfo.InvariantCulture)} a unit-hour, at least {Amounts.Count(o.MinimumUnits, "unit")}", o))
            .ToList();
        return new CompareChoices(models, teams, current);
    }

    /// <summary>The last <paramref name="months"/> full months of a model's or team's usage and per-token cost.</summary>
    private async Task<IReadOnlyList<MonthlyWorkload>> WorkloadAsync(CostInsightsDbContext db, string by, string key, int months,
        CancellationToken cancellationToken)
    {
        var end = RollupAccumulator.MonthOf(time.GetUtcNow().UtcDateTime);
        var start = end.AddMonths(-months);
        var filter = new UsageFilter(start, end);
        if (by == "team")
        {
            filter = filter with { Team = key };
        }
        else
        {
            var model = ModelRef.TryParse(key);
            filter = filter with { Provider = model?.Provider ?? "", Model = model?.Model ?? key };
        }
        var rows = (await new SpendReadModel(db).ReadAsync(new SpendQuery(filter, SpendGrain.Month), cancellationToken)).ToDictionary(r => r.Period);
        return Enumerable.Range(0, months).Select(i => start.AddMonths(i)).Select(month => rows.GetValueOrDefault(month)?.Sum is { } sum
            ? new MonthlyWorkload(month, sum.InputTokens, sum.OutputTokens, sum.TokenCost)
            : new MonthlyWorkload(month, 0, 0, 0m)).ToList();
    }
}
