using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;
using Microsoft.Playwright;

namespace CostInsights.Web.Tests.Browser;

/// <summary>Each role signs in through the login form and sees only the navigation it may use.</summary>
public sealed class RoleNavigationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Everything = ["Overview", "Forecasts", "Compare", "Scenarios", "Usage", "Budgets", "Reconciliation", "Price sheets",
        "Ingestion", "Jobs", "Users"];

    [Theory]
    [InlineData(AppRoles.Finance, new[] { "Overview", "Forecasts", "Scenarios", "Usage", "Budgets", "Reconciliation" })]
    [InlineData(AppRoles.EngineeringManager, new[] { "Overview", "Forecasts", "Compare", "Scenarios", "Usage", "Budgets" })]
    [InlineData(AppRoles.Admin,
        new[] { "Overview", "Forecasts", "Compare", "Scenarios", "Usage", "Budgets", "Reconciliation", "Price sheets", "Ingestion", "Jobs", "Users" })]
    public async Task A_role_sees_its_pages_and_is_turned_away_from_the_others(string role, string[] visible)
    {
        Require.Chromium();
        var user = DemoUsers.All.Single(u => u.Role == role);
        var page = await browser.SignedInPageAsync(user.Email, user.Password);

        var links = await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link).AllInnerTextsAsync();
        links.Select(l => l.Trim()).ShouldBe(visible);
        (await page.Locator("[data-testid=signed-in-as]").InnerTextAsync()).ShouldContain(AppRoles.Describe(role));

        foreach (var hidden in Everything.Except(visible).Take(1))
        {
            var path = "/" + hidden.ToLowerInvariant().Replace(' ', '-');
            await page.GotoAsync(path);
            (await page.Locator("[data-testid=access-denied]").IsVisibleAsync()).ShouldBeTrue($"{role} opening {path}");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_login_page_shows_the_demo_credentials()
    {
        Require.Chromium();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.App.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        page.Url.ShouldContain("/login");
        var credentials = await page.Locator("[data-testid=demo-credentials]").InnerTextAsync();
        foreach (var user in DemoUsers.All)
        {
            credentials.ShouldContain(user.Email);
            credentials.ShouldContain(user.Password);
        }
        await context.CloseAsync();
    }
}
