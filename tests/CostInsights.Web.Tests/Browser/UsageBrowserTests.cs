using System.Globalization;
using System.Text.Json;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;

namespace CostInsights.Web.Tests.Browser;

public sealed class UsageBrowserTests(DemoBrowserFixture browser) : IClassFixture<DemoBrowserFixture>
{
    [Fact]
    public async Task Finance_filters_the_usage_by_team_sorts_by_cost_and_downloads_the_focus_export()
    {
        Require.Chromium();
        var finance = DemoUsers.All.Single(u => u.Role == AppRoles.Finance);
        var page = await browser.SignedInPageAsync(finance.Email, finance.Password);

        await page.GotoAsync("/usage");
        await page.WaitForFunctionAsync("() => window.ApexCharts && ApexCharts.getChartByID('usage-by-day')");
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(ApexCharts.getChartByID('usage-by-day').w.config.series)");
        using (var series = JsonDocument.Parse(json))
        {
            series.RootElement.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ShouldBe(["Per-token billing", "Compute-time billing"]);
            series.RootElement[0].GetProperty("data").GetArrayLength().ShouldBe(30);
        }
        var allCost = Usd(await page.Locator("[data-testid=total-token-cost]").InnerTextAsync());
        allCost.ShouldBeGreaterThan(0);

        await page.SelectOptionAsync("#team", "search");
        await page.ClickAsync("#apply-filters");
        page.Url.ShouldContain("team=search");
        var searchCost = Usd(await page.Locator("[data-testid=total-token-cost]").InnerTextAsync());
        searchCost.ShouldBeInRange(0.01m, allCost - 0.01m);

        await page.ClickAsync("th >> text=Per-token cost");
        var costs = (await page.Locator("[data-testid=row-cost]").AllInnerTextsAsync()).Select(Usd).ToList();
        costs.Count.ShouldBe(50);
        costs.ShouldBe(costs.OrderByDescending(c => c).ToList());
        (await page.Locator("[data-testid=usage-row] td:nth-child(3)").AllInnerTextsAsync()).ShouldAllBe(team => team == "search");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-focus]"));
        download.SuggestedFilename.ShouldStartWith("usage-focus-1.2-");
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        var header = text[..text.IndexOf('\r')].Split(',');
        header.ShouldContain("BilledCost");
        header.ShouldContain("ChargePeriodStart");
        text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ShouldAllBe(line => line.Contains("team\"\":\"\"search"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "usage.png"), FullPage = true });
    }

    private static decimal Usd(string text) => decimal.Parse(text.Trim().TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture);
}
