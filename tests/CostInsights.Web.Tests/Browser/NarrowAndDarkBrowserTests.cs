using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CostInsights.Web.Tests.Browser;

/// <summary>The interactive pages on a phone-sized screen and in the dark colour scheme, as each role opens them.</summary>
public sealed class NarrowAndDarkBrowserTests(DemoBrowserFixture browser) : IClassFixture<DemoBrowserFixture>
{
    public static TheoryData<string, string[]> PagesByRole => new()
    {
        { AppRoles.Finance, ["/", "/forecasts", "/budgets", "/usage", "/scenarios", "/reconciliation"] },
        { AppRoles.EngineeringManager, ["/compare", "/scenarios?preset=route", "/scenarios/compare", "/usage?by=team&grain=month&period=last-12"] },
        { AppRoles.Admin, ["/jobs", "/users", "/ingestion", "/price-sheets", "/price-sheets/1"] },
    };

    [Theory]
    [MemberData(nameof(PagesByRole))]
    public async Task At_390_pixels_no_page_is_wider_than_the_screen_and_the_menu_opens_the_navigation(string role, string[] paths)
    {
        Require.Chromium();
        await browser.App.EnsureForecastAsync();
        var page = await SignedInAsync(role, new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } });
        foreach (var path in paths)
        {
            await BrowserFixture.GotoInteractiveAsync(page, path);
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, path);
            (await LegendEntriesUnderToolbarAsync(page)).ShouldBeEmpty($"{path}: every legend entry of every chart can be read");
            (await TextCutAtTheEdgeAsync(page)).ShouldBeEmpty($"{path}: every paragraph, table cell and button can be read without scrolling it");
            var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            (await navigation.IsVisibleAsync()).ShouldBeFalse($"{path}: the navigation folds away on a phone");
            await page.GetByTestId("menu-button").ClickAsync();
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToBeVisibleAsync();
        }
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(PagesByRole))]
    public async Task The_dark_scheme_follows_the_system_and_a_choice_of_light_is_remembered(string role, string[] paths)
    {
        Require.Chromium();
        var page = await SignedInAsync(role, new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark });
        foreach (var path in paths)
        {
            await BrowserFixture.GotoInteractiveAsync(page, path);
            await page.WaitForFunctionAsync("() => document.querySelector('.mud-layout') && " +
                "getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)' && " +
                "getComputedStyle(document.body).backgroundColor !== 'rgba(0, 0, 0, 0)'");
            (await BodyLightnessAsync(page)).ShouldBeLessThan(0.3, $"{path} is dark");
        }

        await page.GetByTestId("theme-menu").ClickAsync();
        await page.GetByTestId("theme-light").ClickAsync();
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(15, 20, 28)'");
        await BrowserFixture.GotoInteractiveAsync(page, paths[0]);
        (await BodyLightnessAsync(page)).ShouldBeGreaterThan(0.8, "light, as chosen, even though the system is dark");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInAsync(string role, BrowserNewContextOptions options)
    {
        var user = DemoUsers.All.Single(u => u.Role == role);
        options.BaseURL = browser.App.BaseAddress.ToString();
        var context = await browser.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#email", user.Email);
        await page.FillAsync("#password", user.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    [Theory]
    [InlineData(AppRoles.EngineeringManager, "/compare", "compare-table")]
    [InlineData(AppRoles.EngineeringManager, "/scenarios?preset=route", "scenario-table")]
    [InlineData(AppRoles.Admin, "/jobs", "job-runs")]
    [InlineData(AppRoles.Admin, "/ingestion", "batches")]
    [InlineData(AppRoles.Admin, "/price-sheets", "price-sheets")]
    [InlineData(AppRoles.Admin, "/users", "users")]
    public async Task At_1440_pixels_a_table_shows_every_column(string role, string path, string table)
    {
        Require.Chromium();
        await browser.App.EnsureForecastAsync();
        var page = await SignedInAsync(role, new BrowserNewContextOptions { ViewportSize = new() { Width = 1440, Height = 1000 } });
        await BrowserFixture.GotoInteractiveAsync(page, path);
        var container = page.GetByTestId(table).Locator(".mud-table-container");
        await container.WaitForAsync();
        (await container.EvaluateAsync<bool>("t => t.scrollWidth <= t.clientWidth + 1")).ShouldBeTrue($"{path}: the table scrolls sideways at 1440 px");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The legend entries of the page's charts that lie under their chart's zoom toolbar, once every chart on the page
    /// is drawn.
    /// </summary>
    private static async Task<string[]> LegendEntriesUnderToolbarAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.chart')].every(c => c.querySelector('.apexcharts-canvas'))");
        return await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.apexcharts-canvas')].flatMap(chart => {
                const toolbar = chart.querySelector('.apexcharts-toolbar');
                if (!toolbar) return [];
                const t = toolbar.getBoundingClientRect();
                return [...chart.querySelectorAll('.apexcharts-legend-series')].filter(entry => {
                    const e = entry.getBoundingClientRect();
                    return e.width > 0 && e.left < t.right && t.left < e.right && e.top < t.bottom && t.top < e.bottom;
                }).map(entry => entry.textContent);
            })
            """);
    }

    /// <summary>
    /// Paragraphs and buttons outside tables, and table cells that span columns, that reach past the screen's right edge. A table
    /// may scroll sideways, a column at a time, but text as wide as the table would be cut mid-line until scrolled, and a
    /// button beside a table (an export) cannot be scrolled to at all.
    /// </summary>
    private static Task<string[]> TextCutAtTheEdgeAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('p.mud-typography, td[colspan], .mud-alert-message, .mud-button-root')]
            .filter(e => e.matches('td[colspan]') || !e.closest('.mud-table-container'))
            .filter(e => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.textContent.trim().slice(0, 60))
        """);

    /// <summary>The page background's lightness, 0 (black) to 1 (white).</summary>
    private static Task<double> BodyLightnessAsync(IPage page) => page.EvaluateAsync<double>(
        "() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); " +
        "return (Math.max(r, g, b) + Math.min(r, g, b)) / 510; }");
}
