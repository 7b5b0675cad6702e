using CostInsights.Core.Budgets;
using CostInsights.Core.Data;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Budgets;

public sealed class BudgetsPageTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    private static readonly DateTime May = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Finance_sets_a_budget_a_crossing_alerts_once_and_the_overview_shows_it()
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            db.MonthlyRollups.Add(new MonthlyRollup
            {
                PeriodStart = May,
                Provider = "openai",
                Model = "gpt-4o",
                Team = "budget-test",
                TokenCost = 750m,
                InputTokens = 1,
                RecordCount = 1
            });
            await db.SaveChangesAsync();
        }
        // Setting it through the page's form is BudgetsPageTests' (bUnit); here it is what happens after.
        using (var scope = app.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BudgetService>().SetAsync("budget-test", May, 3, 500m, CancellationToken.None)).ShouldBeNull();
        }
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var page = await finance.GetPageAsync("/budgets");
        page.ShouldContain("over budget");

        using (var scope = app.Services.CreateScope())
        {
            var budgets = scope.ServiceProvider.GetRequiredService<BudgetService>();
            (await budgets.CheckAsync(CancellationToken.None)).ShouldBe(1);
            (await budgets.CheckAsync(CancellationToken.None)).ShouldBe(0);
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            (await db.Budgets.CountAsync(b => b.Team == "budget-test")).ShouldBe(3);
        }
        // The export lists the page's budgets, a team named like a formula as text.
        using (var scope = app.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<BudgetService>().SetAsync("=SUM(A1)", May, 1, 100m, CancellationToken.None)).ShouldBeNull();
        }
        (await finance.GetPageAsync("/budgets")).ShouldContain("href=\"/budgets/export?format=csv\"");
        var csv = await (await finance.GetAsync("/budgets/export?format=csv")).Content.ReadAsStringAsync();
        csv.ShouldStartWith("month,for,team,budget_usd,actual_usd,forecast_usd,forecast_high_80_usd,status\r\n");
        csv.ShouldContain("\r\n2026-05,team budget-test,budget-test,500.00,750.00,,,over budget\r\n");
        csv.ShouldContain("\r\n2026-05,team =SUM(A1),'=SUM(A1),100.00,0.00,,,within budget\r\n");
        var xlsx = await finance.GetAsync("/budgets/export?format=xlsx");
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using (var anonymous = app.NewClient())
        {
            (await anonymous.GetAsync("/budgets/export?format=csv")).StatusCode.ShouldNotBe(System.Net.HttpStatusCode.OK);
        }

        var overview = await finance.GetPageAsync("/");
        overview.ShouldContain("data-testid=\"budget-alerts\"");
        overview.ShouldContain("Team budget-test, May 2026:");
        overview.ShouldContain("spent $750.00 against a budget of $500.00");
    }

    [Fact]
    public async Task An_unusual_day_is_listed_on_the_overview_with_a_link_to_its_usage()
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            db.MonthlyRollups.Add(new MonthlyRollup
            {
                PeriodStart = May,
                Provider = "openai",
                Model = "gpt-4o",
                Team = "anomaly-test",
                TokenCost = 10m,
                InputTokens = 1,
                RecordCount = 1
            });
            db.SpendAnomalies.Add(new Core.Anomalies.SpendAnomaly
            {
                Day = May.AddDays(16),
                Spend = 480m,
                Expected = 150m,
                Lower = 120m,
                Upper = 180m,
                Team = "search",
                Provider = "anthropic",
                Model = "claude-sonnet-4",
                Moved = 310m,
                CreatedAt = May.AddDays(17),
            });
            await db.SaveChangesAsync();
        }
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var overview = await finance.GetPageAsync("/");
        overview.ShouldContain("data-testid=\"anomalies\"");
        overview.ShouldContain("Sun 17 May 2026");
        overview.ShouldContain("team <strong>search</strong> on anthropic/claude-sonnet-4 moved most (&#x2B;$310.00)");
        overview.ShouldContain("href=\"/usage?day=2026-05-17&amp;team=search&amp;model=claude-sonnet-4\"");
    }

    [Fact]
    public async Task An_engineering_manager_gets_no_budget_form()
    {
        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var page = await manager.GetPageAsync("/budgets");
        page.ShouldContain("Budgets from last month on");
        page.ShouldNotContain("data-testid=\"set-budget\"");
    }
}
