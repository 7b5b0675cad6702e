using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Spend;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Budgets;

/// <summary>
/// A budget month beside what was spent and what the newest forecast expects, with the top of that forecast's 80% interval
/// (<paramref name="ForecastHigh80"/>): the spend that one month in ten, of those forecast so, goes above.
/// </summary>
public sealed record BudgetStatus(long Id, string? Team, DateTime Month, decimal Budget, decimal Actual, decimal? Forecast, decimal? ForecastHigh80 = null)
{
    public bool ActualOver => Actual > Budget;

    public bool ForecastOver => !ActualOver && Forecast > Budget;

    /// <summary>Forecast within the budget, but its 80% interval reaches past it: more than one chance in ten of going over.</summary>
    public bool AtRisk => !ActualOver && !ForecastOver && ForecastHigh80 > Budget;
}

/// <summary>Monthly budgets per team and in total, checked against actual spend and the newest forecast.</summary>
public sealed class BudgetService(CostInsightsDbContext db, TimeProvider time)
{
    public const decimal MaxAmount = 1_000_000_000_000m;
    public const int MaxMonths = 24;

    /// <summary>Sets the same budget for <paramref name="months"/> months from <paramref name="firstMonth"/>; null when saved, else why not.</summary>
    public async Task<string?> SetAsync(string? team, DateTime firstMonth, int months, decimal amount, CancellationToken cancellationToken)
    {
        team = string.IsNullOrWhiteSpace(team) ? null : team.Trim();
        if (team is { Length: > 200 })
        {
            return "The team name is longer than 200 characters.";
        }
        if (amount <= 0 || amount > MaxAmount)
        {
            return $"The budget must be more than $0 and at most {MaxAmount:N0}; it was {amount:N2}.";
        }
        if (months is < 1 or > MaxMonths)
        {
            return $"A budget is set for 1 to {MaxMonths} months at a time; {months} were asked for.";
        }
        var first = RollupAccumulator.MonthOf(DateTime.SpecifyKind(firstMonth, DateTimeKind.Utc));
        var last = first.AddMonths(months - 1);
        var existing = await db.Budgets.Where(b => b.Team == team && b.Month >= first && b.Month <= last).ToListAsync(cancellationToken);
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            var budget = existing.FirstOrDefault(b => b.Month == month);
            if (budget is null)
            {
                db.Budgets.Add(new Budget { Team = team, Month = month, Amount = amount });
            }
            else
            {
                budget.Amount = amount;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public Task<int> DeleteAsync(long id, CancellationToken cancellationToken) =>
        db.Budgets.Where(b => b.Id == id).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Every budget from <paramref name="from"/> on, with its actual spend and the newest forecast of it.</summary>
    public async Task<IReadOnlyList<BudgetStatus>> StatusAsync(DateTime from, CancellationToken cancellationToken)
    {
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.Month >= from).OrderBy(b => b.Month).ThenBy(b => b.Team).ToListAsync(cancellationToken);
        if (budgets.Count == 0)
        {
            return [];
        }
        var first = budgets.Min(b => b.Month);
        var last = budgets.Max(b => b.Month);
        var spend = (await new SpendReadModel(db).ReadAsync(new SpendQuery(new UsageFilter(first, last.AddMonths(1)), SpendGrain.Month, SpendDimension.Team),
                cancellationToken))
            .ToDictionary(r => (PeriodStart: r.Period, Team: r.Key), r => r.Sum.TokenCost);
        var forecasts = await LatestSpendForecastsAsync(cancellationToken);
        return [.. budgets.Select(b =>
        {
            var actual = b.Team is null
                ? spend.Where(s => s.Key.PeriodStart == b.Month).Sum(s => s.Value)
                : spend.GetValueOrDefault((b.Month, b.Team));
            var forecast = forecasts.GetValueOrDefault(ScopeOf(b.Team))?.FirstOrDefault(p => p.Month == b.Month);
            return new BudgetStatus(b.Id, b.Team, b.Month, b.Amount, actual, forecast is { } f ? Math.Round(f.Point, 2) : null,
                forecast is { } high ? Math.Round(high.Upper80, 2) : null);
        })];
    }

    /// <summary>
    /// Writes an alert for each budget month, from last month on, whose actual spend or newest
    /// forecast is over budget, unless that alert was written before; returns the alerts written.
    /// </summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var statuses = await StatusAsync(RollupAccumulator.MonthOf(now).AddMonths(-1), cancellationToken);
        var existing = (await db.BudgetAlerts.AsNoTracking().Select(a => new { a.Scope, a.Month, a.Kind }).ToListAsync(cancellationToken))
            .Select(a => (a.Scope, a.Month, a.Kind)).ToHashSet();
        var written = 0;
        foreach (var status in statuses)
        {
            var (kind, amount) = status.ActualOver ? (BudgetAlert.Actual, status.Actual)
                : status.ForecastOver ? (BudgetAlert.Forecast, status.Forecast!.Value)
                : (null, 0m);
            if (kind is null || !existing.Add((ScopeOf(status.Team), status.Month, kind)))
            {
                continue;
            }
            db.BudgetAlerts.Add(new BudgetAlert
            {
                Team = status.Team,
                Scope = ScopeOf(status.Team),
                Month = status.Month,
                Kind = kind,
                Budget = status.Budget,
                Amount = amount,
                CreatedAt = now,
            });
            written++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return written;
    }

    /// <summary>The newest alerts first.</summary>
    public async Task<IReadOnlyList<BudgetAlert>> AlertsAsync(int count, CancellationToken cancellationToken) =>
        await db.BudgetAlerts.AsNoTracking().OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(count).ToListAsync(cancellationToken);

    private static string ScopeOf(string? team) => team is null ? SeriesKeys.Total : SeriesKeys.Team(team);

    private async Task<Dictionary<string, IReadOnlyList<ForecastPoint>>> LatestSpendForecastsAsync(CancellationToken cancellationToken)
    {
        if (await db.ForecastRuns.NewestRunAtAsync(cancellationToken) is not { } runAt)
        {
            return [];
        }
        var runs = await db.ForecastRuns.AsNoTracking().OfRun(runAt)
            .Where(r => r.Measure == ForecastMeasures.TokenSpend && (r.Series == SeriesKeys.Total || r.Series.StartsWith("team:")))
            .Select(r => new { r.Series, r.PointsJson })
            .ToListAsync(cancellationToken);
        return runs.ToDictionary(r => r.Series, r => ForecastPoint.Deserialize(r.PointsJson));
    }
}
