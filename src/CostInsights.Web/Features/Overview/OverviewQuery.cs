using CostInsights.Core.Budgets;
using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Overview;

/// <summary>One month's token spend by provider, and its compute-time estimate.</summary>
public sealed record MonthlySpend(DateTime Month, IReadOnlyDictionary<string, decimal> ByProvider, decimal Total, decimal? ComputeTotal);

/// <summary>How much a team's or model's spend grew from one complete month to the next.</summary>
public sealed record Growth(string Kind, string Name, decimal Before, decimal After)
{
    public decimal Change => After - Before;
}

public sealed record OverviewModel(
    DateTime CurrentMonth,
    decimal MonthToDate,
    MonthProjection Projected,
    decimal PreviousMonth,
    decimal? MonthToDateCompute,
    IReadOnlyList<string> Providers,
    IReadOnlyList<MonthlySpend> Months,
    DateTime? LastRefreshedAt,
    decimal? Budget,
    IReadOnlyList<ForecastPoint> Forecast,
    DateTime? ForecastRunAt,
    IReadOnlyList<Growth> Growth,
    IReadOnlyList<BudgetAlert> Alerts,
    IReadOnlyList<Core.Anomalies.SpendAnomaly> Anomalies,
    long UnpricedRecords)
{
    public bool HasData => Months.Any(m => m.Total != 0);
}

/// <summary>Reads the Overview from the monthly rollups only, never from raw records.</summary>
public sealed class OverviewQuery(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    public const int MonthsShown = 12;

    public async Task<OverviewModel> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var budgets = new BudgetService(db, time);
        var now = time.GetUtcNow().UtcDateTime;
        var current = RollupAccumulator.MonthOf(now);
        var first = current.AddMonths(-(MonthsShown - 1));
        // Decimal sums are taken here rather than in SQL: SQLite stores decimals as text.
        var rows = await db.MonthlyRollups.AsNoTracking()
            .Where(r => r.PeriodStart >= first)
            .Select(r => new { r.PeriodStart, r.Provider, r.Model, r.Team, r.TokenCost, r.ComputeCost, r.TokenPriceSheetId, r.RecordCount })
            .ToListAsync(cancellationToken);

        var providers = rows.GroupBy(r => r.Provider)
            .OrderByDescending(g => g.Sum(r => r.TokenCost))
            .Select(g => g.Key)
            .ToList();
        var months = Enumerable.Range(0, MonthsShown).Select(i =>
        {
            var month = first.AddMonths(i);
            var inMonth = rows.Where(r => r.PeriodStart == month).ToList();
            var byProvider = providers.ToDictionary(p => p, p => inMonth.Where(r => r.Provider == p).Sum(r => r.TokenCost));
            var compute = inMonth.Any(r => r.ComputeCost is not null) ? inMonth.Sum(r => r.ComputeCost ?? 0m) : (decimal?)null;
            return new MonthlySpend(month, byProvider, inMonth.Sum(r => r.TokenCost), compute);
        }).ToList();

        var thisMonth = months[^1];

        var lastRefreshed = await db.IngestionBatches.AsNoTracking()
            .Where(b => b.Status == IngestionStatus.Succeeded)
            .MaxAsync(b => b.FinishedAt, cancellationToken);

        // Growth from the month before last to last month, both complete.
        var (before, after) = (current.AddMonths(-2), current.AddMonths(-1));
        IEnumerable<Growth> GrowthBy(string kind, Func<(string Provider, string Model, string Team), string> key) => rows
            .Where(r => r.PeriodStart == before || r.PeriodStart == after)
            .GroupBy(r => key((r.Provider, r.Model, r.Team)))
            .Select(g => new Growth(kind, g.Key, g.Where(r => r.PeriodStart == before).Sum(r => r.TokenCost),
                g.Where(r => r.PeriodStart == after).Sum(r => r.TokenCost)));
        var growth = GrowthBy("team", r => r.Team).Concat(GrowthBy("model", r => $"{r.Provider}/{r.Model}"))
            .Where(g => g.Change > 0)
            .OrderByDescending(g => g.Change)
            .Take(6)
            .ToList();

        var budget = await db.Budgets.AsNoTracking().Where(b => b.Team == null && b.Month == current).Select(b => (decimal?)b.Amount)
            .FirstOrDefaultAsync(cancellationToken);
        var runAt = await db.ForecastRuns.MaxAsync(r => (DateTime?)r.CreatedAt, cancellationToken);
        var forecastJson = runAt is null ? null : await db.ForecastRuns.AsNoTracking()
            .Where(r => r.CreatedAt == runAt && r.Series == SeriesKeys.Total && r.Measure == ForecastMeasures.TokenSpend)
            .Select(r => r.PointsJson)
            .FirstOrDefaultAsync(cancellationToken);
        var forecast = forecastJson is null ? [] : ForecastPoint.Deserialize(forecastJson);
        var forecastForMonth = forecast.FirstOrDefault(p => p.Month == current)?.Point;
        // The last days' rate is read only when there is no forecast for the month to project from.
        var since = now.AddDays(-MonthProjection.RunRateDays);
        var lastDays = forecastForMonth is not null ? 0m : (await db.HourlyRollups.AsNoTracking().Where(r => r.PeriodStart >= since && r.PeriodStart < now)
            .Select(r => r.TokenCost).ToListAsync(cancellationToken)).Sum();
        var projected = MonthProjection.Project(now, thisMonth.Total, forecastForMonth, lastDays);

        var recent = now.Date.AddDays(-30);
        var anomalies = await db.SpendAnomalies.AsNoTracking().Where(a => a.Day >= recent).OrderByDescending(a => a.Day).Take(5).ToListAsync(cancellationToken);

        return new OverviewModel(current, thisMonth.Total, projected, months[^2].Total, thisMonth.ComputeTotal,
            providers, months, lastRefreshed, budget, forecast, runAt, growth, await budgets.AlertsAsync(5, cancellationToken), anomalies,
            rows.Where(r => r.TokenPriceSheetId == 0).Sum(r => r.RecordCount));
    }
}
