using CostInsights.Core.Budgets;
using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Budgets;

public sealed class BudgetServiceTests
{
    private static readonly DateTime May = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly FixedTimeProvider Time = new(new DateTimeOffset(2026, 5, 20, 6, 0, 0, TimeSpan.Zero));

    private static async Task<CostInsightsDbContext> SeedAsync(TestDatabase database)
    {
        var db = await database.MigratedContextAsync();
        // April: support spent $900, search $300. May so far: support $500.
        foreach (var (month, team, cost) in new[] { (May.AddMonths(-1), "support", 900m), (May.AddMonths(-1), "search", 300m), (May, "support", 500m) })
        {
            db.MonthlyRollups.Add(new MonthlyRollup
            {
                PeriodStart = month,
                Provider = "openai",
                Model = "gpt-4o",
                Team = team,
                TokenCost = cost,
                InputTokens = 1,
                RecordCount = 1
            });
        }
        // The newest forecast: support $1,100 in May and $1,300 in June; the total $1,500 and $1,800.
        foreach (var (series, may, june) in new[] { (SeriesKeys.Team("support"), 1_100m, 1_300m), (SeriesKeys.Total, 1_500m, 1_800m) })
        {
            db.ForecastRuns.Add(new ForecastRun
            {
                CreatedAt = Time.Now.UtcDateTime.AddHours(-1),
                Series = series,
                Measure = ForecastMeasures.TokenSpend,
                Method = "test",
                FirstMonth = May,
                HorizonMonths = 2,
                PointsJson = ForecastPoint.Serialize([new(May, may, may, may, may, may), new(May.AddMonths(1), june, june, june, june, june)]),
            });
        }
        await db.SaveChangesAsync();
        return db;
    }

    [Fact]
    public async Task A_crossed_budget_writes_exactly_one_alert_however_often_the_check_runs()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = await SeedAsync(database);
        var budgets = new BudgetService(db, Time);
        // Support: $800 a month from April. April's actual $900 crosses it; May's forecast $1,100 does; June's $1,300 does.
        (await budgets.SetAsync("support", May.AddMonths(-1), 3, 800m, CancellationToken.None)).ShouldBeNull();
        // The total: $2,000 a month; nothing crosses it (April $1,200, May forecast $1,500, June $1,800).
        (await budgets.SetAsync(null, May.AddMonths(-1), 3, 2_000m, CancellationToken.None)).ShouldBeNull();

        (await budgets.CheckAsync(CancellationToken.None)).ShouldBe(3);
        (await budgets.CheckAsync(CancellationToken.None)).ShouldBe(0);
        var alerts = await db.BudgetAlerts.OrderBy(a => a.Month).ToListAsync();
        alerts.Select(a => (a.Team, a.Month.Month, a.Kind, a.Amount)).ShouldBe(
        [
            ("support", 4, BudgetAlert.Actual, 900m),
            ("support", 5, BudgetAlert.Forecast, 1_100m),
            ("support", 6, BudgetAlert.Forecast, 1_300m),
        ]);
        alerts.ShouldAllBe(a => a.Budget == 800m && a.Scope == "team:support");
    }

    [Fact]
    public async Task The_status_puts_actuals_and_the_forecast_beside_each_budget_month()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = await SeedAsync(database);
        var budgets = new BudgetService(db, Time);
        await budgets.SetAsync(null, May.AddMonths(-1), 2, 1_000m, CancellationToken.None);
        // Setting it again replaces the amount rather than adding a second budget.
        await budgets.SetAsync(null, May.AddMonths(-1), 2, 1_250m, CancellationToken.None);

        var status = await budgets.StatusAsync(May.AddMonths(-1), CancellationToken.None);
        status.Count.ShouldBe(2);
        status[0].ShouldBe(status[0] with { Team = null, Budget = 1_250m, Actual = 1_200m, Forecast = null });
        status[0].ActualOver.ShouldBeFalse();
        status[1].Actual.ShouldBe(500m);
        status[1].Forecast.ShouldBe(1_500m);
        status[1].ForecastOver.ShouldBeTrue();
        status[1].AtRisk.ShouldBeFalse("over already, not at risk of it");
    }

    [Fact]
    public async Task A_month_forecast_within_its_budget_is_at_risk_where_its_80_percent_interval_reaches_past_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = await SeedAsync(database);
        // The total's June: $1,800, its 80% interval reaching $2,100.
        var run = await db.ForecastRuns.SingleAsync(r => r.Series == SeriesKeys.Total);
        var june = May.AddMonths(1);
        run.PointsJson = ForecastPoint.Serialize([new(May, 1_500m, 1_400m, 1_600m, 1_300m, 1_700m), new(june, 1_800m, 1_600m, 2_100m, 1_500m, 2_400m)]);
        await db.SaveChangesAsync();
        var budgets = new BudgetService(db, Time);
        await budgets.SetAsync(null, May, 2, 2_000m, CancellationToken.None);

        var status = await budgets.StatusAsync(May, CancellationToken.None);

        status.Select(s => (s.Month, s.Forecast, s.ForecastHigh80, s.ForecastOver, s.AtRisk)).ShouldBe(
        [
            (May, 1_500m, 1_600m, false, false),
            (june, 1_800m, 2_100m, false, true),
        ]);
        (await budgets.CheckAsync(CancellationToken.None)).ShouldBe(0, "a risk is shown, not alerted");
    }

    [Theory]
    [InlineData(0, 12, "more than $0")]
    [InlineData(-5, 12, "more than $0")]
    [InlineData(100, 0, "1 to 24 months")]
    [InlineData(100, 25, "1 to 24 months")]
    public async Task A_wrong_budget_is_refused_with_the_reason(int amount, int months, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = await database.MigratedContextAsync();
        var error = await new BudgetService(db, Time).SetAsync("support", May, months, amount, CancellationToken.None);
        error.ShouldNotBeNull().ShouldContain(reason);
        (await db.Budgets.CountAsync()).ShouldBe(0);
    }
}
