using Bunit;
using CostInsights.Core.Budgets;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Budgets;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CostInsights.Web.Tests.Components;

public sealed class BudgetsPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime May = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task With_no_budgets_finance_is_told_to_set_one_and_a_manager_who_does()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetPolicies(AppPolicies.ReadDashboards, AppPolicies.PlanSpend);
        var page = harness.Context.Render<BudgetsPage>();
        page.WaitForElement("[data-testid=budgets-empty]").TextContent.ShouldContain("Set one above");
        page.FindAll("[data-testid=set-budget]").Count.ShouldBe(1);

        await using var other = await PageHarness.CreateAsync(Now);
        other.Context.AddAuthorization().SetAuthorized("manager@example.com").SetPolicies(AppPolicies.ReadDashboards);
        var read = other.Context.Render<BudgetsPage>();
        read.WaitForElement("[data-testid=budgets-empty]").TextContent.ShouldContain("Finance or an admin sets them");
        read.FindAll("[data-testid=set-budget]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Finance_sets_a_budget_for_a_team_and_sees_it_over_budget()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetPolicies(AppPolicies.ReadDashboards, AppPolicies.PlanSpend);
        await harness.SeedAsync(db => db.MonthlyRollups.Add(new MonthlyRollup
        {
            PeriodStart = May,
            Provider = "openai",
            Model = "gpt-4o",
            Team = "search",
            TokenCost = 750m,
            RecordCount = 1,
        }));
        harness.Context.Render<MudPopoverProvider>();
        var page = harness.Context.Render<BudgetsPage>();
        page.WaitForElement("[data-testid=set-budget]");

        var form = page.FindComponent<MudForm>();
        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single().Instance.SelectOption("search"));
        page.FindComponents<MudNumericField<int>>().Single().Find("input").Change("3");
        page.FindComponents<MudNumericField<decimal?>>().Single().Find("input").Change("500");
        await page.Find("button[data-testid=set-budget]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=budget-message]").TextContent
            .ShouldBe("Budget of $500.00 a month for team search from May 2026, 3 months set."));
        page.FindAll("[data-budget]").Count.ShouldBe(3);
        page.Find("[data-testid=status]").TextContent.ShouldBe("over budget");
        form.Instance.IsValid.ShouldBeTrue();
        // May's actual leads to the usage behind it: the team's, that month; June and July have none yet.
        var actual = page.Find("[data-testid=budget-actual]");
        actual.TextContent.ShouldBe("$750.00");
        var usage = QueryHelpers.ParseQuery(new Uri("http://x" + actual.GetAttribute("href")).Query);
        (usage["team"].ToString(), usage["from"].ToString(), usage["to"].ToString()).ShouldBe(("search", "2026-05-01", "2026-05-31"));
        page.FindAll("[data-testid=budget-actual]").Count.ShouldBe(1);

        // The list narrows to the budgets of one team, or of all teams (none here).
        var filter = page.FindComponents<MudSelect<string>>()
            .Single(s => s.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == "budgets-for");
        await page.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync("team search"));
        page.WaitForAssertion(() => page.FindAll("[data-budget]").Count.ShouldBe(3));
        await page.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync("All teams"));
        page.WaitForAssertion(() => page.FindAll("[data-budget]").ShouldBeEmpty());
    }

    [Fact]
    public async Task A_month_whose_forecast_s_80_percent_interval_reaches_past_its_budget_is_at_risk()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("manager@example.com").SetPolicies(AppPolicies.ReadDashboards);
        // The total forecast: June $1,800 reaching $2,100 at 80%, July $1,800 reaching $1,900; a budget of $2,000 a month.
        var (june, july) = (May.AddMonths(1), May.AddMonths(2));
        await harness.SeedAsync(db =>
        {
            db.ForecastRuns.Add(new ForecastRun
            {
                CreatedAt = Now.UtcDateTime.AddHours(-1),
                Series = SeriesKeys.Total,
                Measure = ForecastMeasures.TokenSpend,
                Method = "test",
                FirstMonth = june,
                HorizonMonths = 2,
                PointsJson = ForecastPoint.Serialize([new(june, 1_800m, 1_600m, 2_100m, 1_500m, 2_400m), new(july, 1_800m, 1_700m, 1_900m, 1_600m, 2_000m)]),
            });
            db.Budgets.AddRange(new Budget { Month = june, Amount = 2_000m }, new Budget { Month = july, Amount = 2_000m });
        });

        var page = harness.Context.Render<BudgetsPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=status]").Select(s => s.TextContent.Trim()).ShouldBe(["at risk", "within budget"]));
        page.FindAll("[data-testid=forecast-high]").Select(s => s.TextContent).ShouldBe(["$2,100.00", "$1,900.00"]);
        page.Find("[data-testid=at-risk-note]").TextContent.ShouldContain("one time in ten");
    }

    [Fact]
    public async Task An_amount_of_nothing_is_refused_at_the_field_and_nothing_is_saved()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetPolicies(AppPolicies.ReadDashboards, AppPolicies.PlanSpend);
        var page = harness.Context.Render<BudgetsPage>();
        page.WaitForElement("[data-testid=set-budget]");

        page.FindComponents<MudNumericField<decimal?>>().Single().Find("input").Change("0");
        await page.Find("button[data-testid=set-budget]").ClickAsync(new());

        page.WaitForAssertion(() => page.Markup.ShouldContain("More than $0 and at most"));
        page.FindAll("[data-testid=budget-message]").ShouldBeEmpty();
        await using var db = harness.Database.NewContext();
        (await db.Budgets.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Removing_a_budget_asks_first_and_cancelling_keeps_it()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetPolicies(AppPolicies.ReadDashboards, AppPolicies.PlanSpend);
        await harness.SeedAsync(db => db.Budgets.Add(new Budget { Team = "search", Month = May, Amount = 100m }));
        var dialogs = harness.Context.Render<MudDialogProvider>();
        var page = harness.Context.Render<BudgetsPage>();
        page.WaitForElement("[data-budget]");

        var remove = page.Find("button[data-testid=remove-budget]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("The $100.00 budget of team search for May 2026 will be removed"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        await remove;
        page.FindAll("[data-budget]").Count.ShouldBe(1);

        remove = page.Find("button[data-testid=remove-budget]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click());
        await remove;
        page.WaitForElement("[data-testid=budgets-empty]");
        await using var db = harness.Database.NewContext();
        (await db.Budgets.CountAsync()).ShouldBe(0);
    }
}
