using Bunit;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Overview;
using CostInsights.Web.Features.Shell;
using CostInsights.Web.Features.Shell.Charts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Components;

public sealed class OverviewPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task With_no_usage_it_says_what_to_do_first()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        var page = harness.Context.Render<OverviewPage>();

        var empty = page.WaitForElement("[data-testid=overview-empty]");
        empty.TextContent.ShouldContain("No spend to show yet");
        empty.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe(["/price-sheets", "/ingestion"]);
        page.FindAll("[data-testid=spend-table]").ShouldBeEmpty();
    }

    [Fact]
    public async Task With_usage_it_shows_each_months_spend_by_provider_and_a_click_opens_that_months_usage()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await harness.SeedAsync(db => db.MonthlyRollups.AddRange(
            Rollup(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), "openai", 120.50m),
            Rollup(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), "anthropic", 80.25m),
            Rollup(new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), "openai", 10m)));
        var page = harness.Context.Render<OverviewPage>();

        page.WaitForElement("[data-testid=spend-table]");
        page.Find("[data-month='2026-05'] [data-testid=month-total]").TextContent.ShouldBe("$200.75");
        page.Find("[data-testid=kpi-month-to-date]").TextContent.ShouldBe("$10.00");
        page.Find("[data-testid=kpi-previous-month]").TextContent.ShouldBe("$200.75");
        page.Find("[data-testid=overview-no-forecast]").TextContent.ShouldContain("No forecast yet");
        page.Find("[data-month='2026-05'] a").GetAttribute("href").ShouldBe("/usage?from=2026-05-01&to=2026-05-31&by=team");

        var chart = page.FindComponents<Chart>().Single(c => c.Instance.Id == "spend-by-provider");
        chart.Instance.Spec.Series.Select(s => s.Name).ShouldBe(["openai", "anthropic"]);
        var may = chart.Instance.Spec.Series[1].Points.ToList().FindIndex(p => p.X.AsDate().Month == 5);
        await page.InvokeAsync(() => chart.Instance.Clicked(1, may));
        harness.Context.Services.GetRequiredService<NavigationManager>().Uri
            .ShouldEndWith("/usage?from=2026-05-01&to=2026-05-31&provider=anthropic&by=team");
    }

    [Fact]
    public async Task When_the_database_fails_the_layout_shows_a_plain_message_instead_of_the_page()
    {
        await using var harness = await PageHarness.CreateAsync(Now, migrated: false);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetRoles(AppRoles.Finance);
        var layout = harness.Context.Render<MainLayout>(p => p.Add(l => l.Body, b =>
        {
            b.OpenComponent<OverviewPage>(0);
            b.CloseComponent();
        }));

        layout.WaitForElement("[data-testid=page-error]").TextContent.ShouldContain("This page could not be shown");
        layout.Markup.ShouldNotContain("SqliteException");
        layout.Markup.ShouldNotContain("no such table");
    }

    [Fact]
    public void Only_roles_that_read_dashboards_may_open_it()
    {
        var policy = typeof(OverviewPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Single().Policy;
        policy.ShouldBe(AppPolicies.ReadDashboards);
    }

    private static MonthlyRollup Rollup(DateTime month, string provider, decimal cost) => new()
    {
        PeriodStart = month,
        Provider = provider,
        Model = "m",
        Team = "t",
        TokenCost = cost,
        TokenPriceSheetId = 1,
        RecordCount = 1,
    };
}
