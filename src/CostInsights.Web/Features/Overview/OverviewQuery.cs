using CostInsights.Core.Budgets;
using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Spend;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Overview;

/// <summary>One day's or month's token spend by provider, and its compute-time estimate.</summary>
public sealed record PeriodSpend(DateTime Start, IReadOnlyDictionary<string, decimal> ByProvider, decimal Total, decimal? ComputeTotal);

/// <summary>How much a team's or model's spend grew from one complete month to the next.</summary>
public sealed record Growth(string Kind, string Name, decimal Before, decimal After)
{
    public decimal Change => After - Before;
}

/// <summary>The Overview: this month's figures and outlook, and spend by provider over the chosen period.</summary>
public sealed record OverviewModel(
    DateTime CurrentMonth,
    decimal MonthToDate,
    MonthProjection Projected,
    decimal PreviousMonth,
    decimal? MonthToDateCompute,
    IReadOnlyList<(DateTime Month, decimal Total)> History,
    UsageFilter Period,
    SpendGrain Grain,
    IReadOnlyList<string> Providers,
    IReadOnlyList<PeriodSpend> Spend,
    DateTime? LastRefreshedAt,
    decimal? Budget,
    IReadOnlyList<ForecastPoint> Forecast,
    ForecastTotal ForecastTotal,
    DateTime? ForecastRunAt,
    IReadOnlyList<Growth> Growth,
    IReadOnlyList<BudgetAlert> Alerts,
    IReadOnlyList<Core.Anomalies.SpendAnomaly> Anomalies,
    long UnpricedRecords)
{
    /// <summary>Whether anything was spent in the last 12 months or the period: with nothing, the page says how to begin.</summary>
    public bool HasData => History.Any(m => m.Total != 0) || MonthToDate != 0 || Spend.Any(p => p.Total != 0);
}

/// <summary>Reads the Overview from the spend read model (rollups, never raw records) and the newest forecast.</summary>
public sealed class OverviewQuery(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    public const int MonthsOfHistory = 12;

    /// <summary>The Overview with spend by provider over <paramref name="period"/>, by month, or by day when it is 45 days or fewer.</summary>
    public async Task<OverviewModel> LoadAsync(UsageFilter period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var spend = new SpendReadModel(db);
        var budgets = new BudgetService(db, time);
        var now = time.GetUtcNow().UtcDateTime;
        var current = RollupAccumulator.MonthOf(now);
        var first = current.AddMonths(-MonthsOfHistory);

        var months = (await spend.ReadAsync(new SpendQuery(new UsageFilter(first, current.AddMonths(1)), SpendGrain.Month), cancellationToken))
            .ToDictionary(r => r.Period);
        var history = Enumerable.Range(0, MonthsOfHistory).Select(i => first.AddMonths(i))
            .Select(m => (m, months.GetValueOrDefault(m)?.Sum.TokenCost ?? 0m)).ToList();
        var thisMonth = months.GetValueOrDefault(current);

        var grain = (period.To - period.From).TotalDays <= 45 ? SpendGrain.Day : SpendGrain.Month;
        var byProvider = await spend.ReadAsync(new SpendQuery(period, grain, SpendDimension.Provider), cancellationToken);
        var providers = byProvider.GroupBy(r => r.Key).OrderByDescending(g => g.Sum(r => r.Sum.TokenCost)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        var periods = byProvider.ToLookup(r => r.Period);
        var spendByPeriod = Starts(period, grain).Select(start =>
        {
            var rows = periods[start].ToList();
            return new PeriodSpend(start, providers.ToDictionary(p => p, p => rows.FirstOrDefault(r => r.Key == p)?.Sum.TokenCost ?? 0m),
                rows.Sum(r => r.Sum.TokenCost), rows.Any(r => r.HasCompute) ? rows.Sum(r => r.Sum.ComputeCost) : null);
        }).ToList();

        var lastRefreshed = await db.IngestionBatches.AsNoTracking()
            .Where(b => b.Status == IngestionStatus.Succeeded)
            .MaxAsync(b => b.FinishedAt, cancellationToken);

        // Growth from the month before last to last month, both complete.
        var (before, after) = (current.AddMonths(-2), current.AddMonths(-1));
        async Task<IEnumerable<Growth>> GrowthByAsync(SpendDimension by) =>
            (await spend.ReadAsync(new SpendQuery(new UsageFilter(before, current), SpendGrain.Month, by), cancellationToken))
            .GroupBy(r => r.Key)
            .Select(g => new Growth(by.ToString().ToLowerInvariant(), g.Key, g.Where(r => r.Period == before).Sum(r => r.Sum.TokenCost),
                g.Where(r => r.Period == after).Sum(r => r.Sum.TokenCost)));
        var growth = (await GrowthByAsync(SpendDimension.Team)).Concat(await GrowthByAsync(SpendDimension.Model))
            .Where(g => g.Change > 0)
            .OrderByDescending(g => g.Change)
            .Take(6)
            .ToList();

        var budget = await db.Budgets.AsNoTracking().Where(b => b.Team == null && b.Month == current).Select(b => (decimal?)b.Amount)
            .FirstOrDefaultAsync(cancellationToken);
        var runAt = await db.ForecastRuns.NewestRunAtAsync(cancellationToken);
        var stored = runAt is not { } at ? null : await db.ForecastRuns.AsNoTracking().OfRun(at)
            .Where(r => r.Series == SeriesKeys.Total && r.Measure == ForecastMeasures.TokenSpend)
            .Select(r => new { r.PointsJson, r.TotalShare80, r.TotalShare95 })
            .FirstOrDefaultAsync(cancellationToken);
        var forecast = stored is null ? [] : ForecastPoint.Deserialize(stored.PointsJson);
        var forecastTotal = ForecastTotal.Of(forecast, stored?.TotalShare80, stored?.TotalShare95);
        var forecastForMonth = forecast.FirstOrDefault(p => p.Month == current)?.Point;
        // The last days' rate is read only when there is no forecast for the month to project from.
        var lastDays = forecastForMonth is not null ? 0m
            : (await spend.TotalAsync(new UsageFilter(now.Date.AddDays(-MonthProjection.RunRateDays), now.Date), cancellationToken)).Sum.TokenCost;
        var monthToDate = thisMonth?.Sum.TokenCost ?? 0m;
        var projected = MonthProjection.Project(now, monthToDate, forecastForMonth, lastDays);

        var recent = now.Date.AddDays(-30);
        var anomalies = await db.SpendAnomalies.AsNoTracking().Where(a => a.Day >= recent).OrderByDescending(a => a.Day).Take(5).ToListAsync(cancellationToken);

        return new OverviewModel(current, monthToDate, projected, months.GetValueOrDefault(current.AddMonths(-1))?.Sum.TokenCost ?? 0m,
            thisMonth is { HasCompute: true } ? thisMonth.Sum.ComputeCost : null, history, period, grain, providers, spendByPeriod, lastRefreshed, budget,
            forecast, forecastTotal, runAt, growth, await budgets.AlertsAsync(5, cancellationToken), anomalies, byProvider.Sum(r => r.Sum.UnpricedRecords));
    }

    private static IEnumerable<DateTime> Starts(UsageFilter period, SpendGrain grain)
    {
        for (var start = SpendReadModel.PeriodOf(period.From, grain); start < period.To; start = SpendReadModel.NextPeriod(start, grain))
        {
            yield return start;
        }
    }
}
