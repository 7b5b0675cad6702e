using System.Text.Json;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Features.Demo;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Browser;

/// <summary>The browser against the app in demo mode, with its generated usage.</summary>
public sealed class DemoBrowserFixture() : BrowserFixture(new DemoWebAppFixture());

public sealed class ForecastBrowserTests(DemoBrowserFixture browser) : IClassFixture<DemoBrowserFixture>
{
    [Fact]
    public async Task Finance_starts_a_run_sees_the_forecast_with_its_bands_and_cannot_reach_admin_pages()
    {
        Require.Chromium();
        var finance = DemoUsers.All.Single(u => u.Role == AppRoles.Finance);
        var page = await browser.SignedInPageAsync(finance.Email, finance.Password);

        await BrowserFixture.GotoInteractiveAsync(page, "/forecasts");
        // Empty until the first run (unless this class's other test ran one first); the run shows up without a reload.
        await page.ClickAsync("[data-testid=run-forecast]");
        await page.GetByTestId("forecast-started").WaitForAsync();
        await page.GetByTestId("forecast-started").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached, Timeout = 90_000 });
        await page.WaitForFunctionAsync("() => window.ApexCharts && ApexCharts.getChartByID('forecast-chart')");
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(ApexCharts.getChartByID('forecast-chart').w.config.series)");
        using var series = JsonDocument.Parse(json);
        var byName = series.RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("data"));
        byName.Keys.ShouldBe(["95% interval", "80% interval", "Actual", "Forecast"]);
        var band95 = byName["95% interval"].EnumerateArray().Select(d => d.GetProperty("y").EnumerateArray().Select(v => v.GetDecimal()).ToArray()).ToList();
        var band80 = byName["80% interval"].EnumerateArray().Select(d => d.GetProperty("y").EnumerateArray().Select(v => v.GetDecimal()).ToArray()).ToList();
        band95.Count.ShouldBe(12);
        for (var h = 0; h < 12; h++)
        {
            band95[h][0].ShouldBeLessThanOrEqualTo(band80[h][0]);
            band80[h][0].ShouldBeLessThan(band80[h][1]);
            band80[h][1].ShouldBeLessThanOrEqualTo(band95[h][1]);
        }
        byName["Actual"].GetArrayLength().ShouldBeGreaterThan(12);
        var drawn = await page.Locator("#forecast-chart").TextContentAsync();
        foreach (var label in new[] { "Spend (USD)", "Month (UTC)", "95% interval", "80% interval", "Forecast" })
        {
            drawn.ShouldNotBeNull().ShouldContain(label);
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "forecasts.png"), FullPage = true });
        // On a laptop's screen every table shows all its columns without scrolling sideways.
        var cut = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.mud-table-container')]" +
            ".filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.closest('[data-testid]')?.dataset.testid ?? '?')");
        cut.ShouldBeEmpty("tables cut off at 1400 px");

        // Another series, found in the picker by typing part of its name.
        await BrowserFixture.ClickUntilAsync(
            async () =>
            {
                var series = page.GetByTestId("series");
                await series.ClickAsync();
                await series.FillAsync("");
                await series.PressSequentiallyAsync("openai");
                await page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "Provider openai", Exact = true }).ClickAsync();
            },
            timeout => Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("series=provider%3Aopenai"),
                new() { Timeout = timeout }),
            () => page.Keyboard.PressAsync("Escape"));
        await Microsoft.Playwright.Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Provider openai"));

        foreach (var path in new[] { "/price-sheets", "/jobs", "/users" })
        {
            await page.GotoAsync(path);
            (await page.Locator("[data-testid=access-denied]").IsVisibleAsync()).ShouldBeTrue(path);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_engineering_manager_changes_a_lever_and_the_drawn_scenario_changes()
    {
        Require.Chromium();
        await browser.App.EnsureForecastAsync();
        var manager = DemoUsers.All.Single(u => u.Role == AppRoles.EngineeringManager);
        var page = await browser.SignedInPageAsync(manager.Email, manager.Password);
        await BrowserFixture.GotoInteractiveAsync(page, "/scenarios");
        var before = await page.Locator("[data-testid=scenario-total]").InnerTextAsync();

        await page.GetByTestId("lever-batch").Locator("input[type=checkbox]").CheckAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=scenario-total]")).Not.ToHaveTextAsync(before, new() { Timeout = 15_000 });
        var after = await page.Locator("[data-testid=scenario-total]").InnerTextAsync();
        decimal.Parse(after.TrimStart('$'), System.Globalization.NumberStyles.Currency, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeLessThan(decimal.Parse(before.TrimStart('$'), System.Globalization.NumberStyles.Currency,
                System.Globalization.CultureInfo.InvariantCulture));

        // The chart is drawn again in place, with the scenario below the baseline.
        await page.WaitForFunctionAsync($"() => window.ApexCharts && ApexCharts.getChartByID('scenario-chart')?.w.config.series" +
            ".some(s => s.name === 'Scenario' && s.data.length > 0 && s.data[0].y < ApexCharts.getChartByID('scenario-chart').w.config.series" +
            ".find(b => b.name === 'Baseline').data[0].y)");
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(ApexCharts.getChartByID('scenario-chart').w.config.series)");
        using var series = JsonDocument.Parse(json);
        var lines = series.RootElement.EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("y")).ToList());
        var baseline = lines["Baseline"].Select(y => y.GetDecimal()).ToList();
        var scenario = lines["Scenario"].Select(y => y.GetDecimal()).ToList();
        scenario.Count.ShouldBe(baseline.Count);
        scenario.Zip(baseline).ShouldAllBe(p => p.First < p.Second);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "scenarios.png"), FullPage = true });
        await page.Context.CloseAsync();

        // Finance reads scenarios but cannot change them.
        var finance = DemoUsers.All.Single(u => u.Role == AppRoles.Finance);
        var reader = await browser.SignedInPageAsync(finance.Email, finance.Password);
        await BrowserFixture.GotoInteractiveAsync(reader, "/scenarios");
        (await reader.Locator("[data-testid=read-only]").IsVisibleAsync()).ShouldBeTrue();
        (await reader.GetByTestId("lever-batch").Locator("input[type=checkbox]").IsDisabledAsync()).ShouldBeTrue();
        (await reader.Locator("[data-testid=save-scenario]").CountAsync()).ShouldBe(0);
        (await reader.Locator("[data-testid=scenario-total]").InnerTextAsync()).ShouldBe(before);
        await reader.Context.CloseAsync();
    }
}
