using System.Globalization;
using System.Text.RegularExpressions;
using CostInsights.Core.Csv;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;
using Microsoft.Playwright;

namespace CostInsights.Web.Tests.Browser;

/// <summary>Finance's journey: the Overview over another period, a month's column into Usage, the view sorted, exported.</summary>
public sealed partial class UsageBrowserTests(DemoBrowserFixture browser) : IClassFixture<DemoBrowserFixture>
{
    [Fact]
    public async Task Finance_changes_the_overview_s_period_clicks_a_month_s_column_into_usage_sorts_it_and_exports_it()
    {
        Require.Chromium();
        var finance = DemoUsers.All.Single(u => u.Role == AppRoles.Finance);
        var page = await browser.SignedInPageAsync(finance.Email, finance.Password);

        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await BrowserFixture.ClickUntilAsync(
            async () =>
            {
                await page.GetByTestId("period").ClickAsync();
                await page.GetByRole(AriaRole.Option, new() { Name = "Last 6 months" }).ClickAsync();
            },
            timeout => page.WaitForURLAsync("**/?period=last-6", new() { Timeout = timeout }),
            // A page that did not answer is loaded again, as a user would, before the next pick.
            async () =>
            {
                await page.ReloadAsync();
                await BrowserFixture.WhenInteractiveAsync(page);
            },
            page);
        var months = page.GetByTestId("spend-table").Locator("tbody tr");
        await Assertions.Expect(months).ToHaveCountAsync(6);
        await page.WaitForFunctionAsync("() => window.ApexCharts && ApexCharts.getChartByID('spend-by-provider')?.w.config.series[0].data.length === 6");
        await Assertions.Expect(page.Locator("#spend-by-provider .apexcharts-series").First.Locator("path[j]")).ToHaveCountAsync(6);

        // The first provider's column of the first month.
        var first = await months.First.GetAttributeAsync("data-month");
        var provider = (await page.GetByTestId("spend-table").Locator("thead th").Nth(1).InnerTextAsync()).Trim();
        await BrowserFixture.ClickUntilAsync(
            () => page.Locator("#spend-by-provider .apexcharts-series").First.Locator("path[j]").First.ClickAsync(),
            timeout => page.WaitForURLAsync(url => url.Contains("/usage?", StringComparison.Ordinal), new() { Timeout = timeout }));
        page.Url.ShouldContain($"from={first}-01");
        page.Url.ShouldContain($"provider={provider}");
        await BrowserFixture.WhenInteractiveAsync(page);
        var monthCost = Usd(await page.GetByTestId("total-token-cost").InnerTextAsync());
        monthCost.ShouldBeGreaterThan(0);
        (await page.GetByTestId("group-table").Locator("tfoot td").First.InnerTextAsync()).Trim().ShouldBe(Money(monthCost));

        // The records, most expensive first, sorted in the database: the first click sorts cheapest first, the second most
        // expensive first. Each click is seen to take effect before the next (on a loaded machine a click can land while the
        // table is still redrawing the last one).
        var costHeader = page.GetByTestId("usage-table").Locator("th", new() { HasText = "Per-token cost" });
        foreach (var descending in new[] { false, true })
        {
            await BrowserFixture.ClickUntilAsync(
                () => costHeader.GetByRole(AriaRole.Button, new() { Name = "Sort" }).ClickAsync(),
                timeout => page.WaitForFunctionAsync("""
                    descending => { const c = [...document.querySelectorAll('[data-testid=row-cost]')]
                        .map(e => parseFloat(e.innerText.replace(/[$,]/g, '')));
                      return c.length > 1 && c.every((v, i) => i === 0 || (descending ? c[i - 1] >= v : c[i - 1] <= v)); }
                    """, descending, new() { Timeout = timeout }),
                page: page);
        }
        (await page.GetByTestId("usage-row").AllInnerTextsAsync()).ShouldAllBe(text => text.StartsWith(provider + " /", StringComparison.Ordinal));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-focus").ClickAsync());
        download.SuggestedFilename.ShouldStartWith($"usage-focus-1.2-{first}-01-to-");
        var rows = new CsvStreamReader(new StringReader(await File.ReadAllTextAsync((await download.PathAsync())!))).ReadAll().ToList();
        var header = rows[0].Fields.ToList();
        header.ShouldContain("BilledCost");
        rows.Count.ShouldBeGreaterThan(1);
        rows.Skip(1).ShouldAllBe(r => r.Fields[header.IndexOf("ProviderName")] == provider);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "usage.png"), FullPage = true });
    }

    [Fact]
    public async Task Finance_reconciles_last_month_finds_where_the_difference_lies_and_opens_the_usage_behind_a_charge()
    {
        Require.Chromium();
        var finance = DemoUsers.All.Single(u => u.Role == AppRoles.Finance);
        var page = await browser.SignedInPageAsync(finance.Email, finance.Password);

        await BrowserFixture.GotoInteractiveAsync(page, "/reconciliation");
        await page.WaitForFunctionAsync("() => window.ApexCharts && ApexCharts.getChartByID('reconciliation-daily')?.w.config.series.length === 2");
        // The demo's cost report bills Claude Sonnet 4's output 8% over the sheet from the 15th: the largest difference.
        var largest = await page.GetByTestId("reconciliation-by-charge").Locator("tbody tr").First.InnerTextAsync();
        largest.ShouldContain("claude-sonnet-4");
        largest.ShouldContain("output");
        var statuses = page.GetByTestId("reconciliation-charges").GetByTestId("charge-status");
        (await statuses.AllInnerTextsAsync()).ShouldNotContain("as priced");
        (await statuses.AllInnerTextsAsync()).ShouldContain("differs");

        // Every charge, those billed as priced too.
        await BrowserFixture.ClickUntilAsync(
            () => page.GetByLabel("Only charges not as priced").ClickAsync(),
            timeout => Assertions.Expect(statuses.GetByText("as priced").First).ToBeVisibleAsync(new() { Timeout = timeout }));

        var model = page.GetByTestId("reconciliation-charges").Locator("tbody a").First;
        var name = (await model.InnerTextAsync()).Trim();
        await BrowserFixture.ClickUntilAsync(
            () => model.ClickAsync(),
            timeout => page.WaitForURLAsync(url => url.Contains("/usage?", StringComparison.Ordinal), new() { Timeout = timeout }));
        page.Url.ShouldContain("provider=anthropic");
        page.Url.ShouldContain($"model={name}");
        await BrowserFixture.WhenInteractiveAsync(page);
        Usd(await page.GetByTestId("total-token-cost").InnerTextAsync()).ShouldBeGreaterThan(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Finance_pages_through_the_period_s_billed_charges_in_order()
    {
        Require.Chromium();
        var finance = DemoUsers.All.Single(u => u.Role == AppRoles.Finance);
        var page = await browser.SignedInPageAsync(finance.Email, finance.Password);

        await BrowserFixture.GotoInteractiveAsync(page, "/usage");
        var total = await page.GetByTestId("lines-total-billed").InnerTextAsync();
        var count = int.Parse(LineCount().Match(total).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        count.ShouldBeGreaterThan(25, $"the demo's cost reports bill more lines than a page holds: {total}");

        var table = page.GetByTestId("cost-line-table");
        var periods = table.Locator("tbody tr td:first-child");
        await Assertions.Expect(periods).ToHaveCountAsync(25);
        var first = await periods.AllInnerTextsAsync();
        await BrowserFixture.ClickUntilAsync(
            () => table.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync(),
            timeout => Assertions.Expect(table.Locator(".mud-table-pagination-caption").Last).ToContainTextAsync("26-50 of", new() { Timeout = timeout }));
        await Assertions.Expect(periods).ToHaveCountAsync(25);
        var second = await periods.AllInnerTextsAsync();
        first.Concat(second).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        second.ShouldNotBe(first);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"in ([\d,]+) lines?\.")]
    private static partial Regex LineCount();

    private static decimal Usd(string text) => decimal.Parse(text.Trim().TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => "$" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
