using Bunit;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Budgets;
using CostInsights.Web.Features.Compare;
using CostInsights.Web.Features.Forecasts;
using CostInsights.Web.Features.Ingestion;
using CostInsights.Web.Features.Jobs;
using CostInsights.Web.Features.PriceSheets;
using CostInsights.Web.Features.Scenarios;
using CostInsights.Web.Features.Shell;
using CostInsights.Web.Features.Usage;
using CostInsights.Web.Features.Users;

namespace CostInsights.Web.Tests.Components;

/// <summary>Every page, when its database fails, shows the layout's plain message, never the exception or its SQL.</summary>
public sealed class PageErrorTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(typeof(UsagePage))]
    [InlineData(typeof(ForecastsPage))]
    [InlineData(typeof(ComparePage))]
    [InlineData(typeof(ScenariosPage))]
    [InlineData(typeof(ScenarioComparePage))]
    [InlineData(typeof(BudgetsPage))]
    [InlineData(typeof(PriceSheetsPage))]
    [InlineData(typeof(PriceSheetPage))]
    [InlineData(typeof(IngestionPage))]
    [InlineData(typeof(JobsPage))]
    [InlineData(typeof(UsersPage))]
    public async Task When_the_database_fails_the_layout_shows_a_plain_message_instead_of_the_page(Type page)
    {
        await using var harness = await PageHarness.CreateAsync(Now, migrated: false);
        harness.Context.AddAuthorization().SetAuthorized("admin@example.com").SetRoles(AppRoles.Admin)
            .SetPolicies(AppPolicies.ReadDashboards, AppPolicies.BuildScenarios, AppPolicies.Administer);
        var layout = harness.Context.Render<MainLayout>(p => p.Add(l => l.Body, b =>
        {
            b.OpenComponent(0, page);
            if (page == typeof(PriceSheetPage))
            {
                b.AddAttribute(1, nameof(PriceSheetPage.Id), 1);
            }
            b.CloseComponent();
        }));

        layout.WaitForElement("[data-testid=page-error]").TextContent.ShouldContain("This page could not be shown");
        layout.Markup.ShouldNotContain("Exception");
        layout.Markup.ShouldNotContain("no such table");
    }
}
