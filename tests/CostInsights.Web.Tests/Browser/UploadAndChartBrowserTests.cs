using System.Globalization;
using System.Text.Json;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Browser;

/// <summary>An admin uploads a price sheet and a usage file in the browser and reads the chart's numbers.</summary>
public sealed class UploadAndChartBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_uploads_prices_and_usage_and_the_chart_shows_the_right_spend()
    {
        Require.Chromium();
        var admin = DemoUsers.All.Single(u => u.Role == AppRoles.Admin);
        var page = await browser.SignedInPageAsync(admin.Email, admin.Password);
        var files = Directory.CreateTempSubdirectory("costinsights-upload");
        var prices = Path.Combine(files.FullName, "prices.csv");
        var usage = Path.Combine(files.FullName, "usage-browser.csv");
        await File.WriteAllTextAsync(prices, Uploads.PriceSheet);
        await File.WriteAllTextAsync(usage, Uploads.Usage);

        // The Overview says what to do while there is nothing to show.
        (await page.Locator("[data-testid=overview-empty]").InnerTextAsync()).ShouldContain("uploads a price sheet");

        await BrowserFixture.GotoInteractiveAsync(page, "/price-sheets");
        await page.GetByTestId("sheet-upload").Locator("input[type=file]").SetInputFilesAsync(prices);
        await page.GetByTestId("sheet-upload-send").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/price-sheets/", StringComparison.Ordinal));
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("change-summary")).ToContainTextAsync("4 added");
        await page.GetByTestId("activate").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("activation-message")).ToContainTextAsync("Activated.");
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("sheet-status")).ToHaveTextAsync("active");

        await BrowserFixture.GotoInteractiveAsync(page, "/ingestion");
        await page.GetByTestId("usage-upload").Locator("input[type=file]").SetInputFilesAsync(usage);
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("usage-upload-chosen")).ToContainTextAsync(Path.GetFileName(usage));
        await page.GetByTestId("usage-upload-send").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("upload-message")).ToContainTextAsync("is queued as batch");
        // The page reads the batch every second until the job has finished it; nothing is reloaded.
        var row = page.Locator("tr:has([data-testid=batch-row])").First;
        await Microsoft.Playwright.Assertions.Expect(row.Locator("[data-testid=batch-row]"))
            .ToHaveAttributeAsync("data-batch-status", "Succeeded", new() { Timeout = 30_000 });
        (await row.Locator("[data-testid=rows-accepted]").InnerTextAsync()).ShouldBe("6");
        (await row.Locator("[data-testid=rows-unpriced]").InnerTextAsync()).ShouldBe("1");
        (await row.Locator("[data-testid=rows-rejected]").InnerTextAsync()).Trim().ShouldBe("3");
        await row.Locator("[data-testid=rows-rejected] a").ClickAsync();
        (await page.Locator("[data-testid=rejected-rows]").InnerTextAsync()).ShouldContain("is negative");
        (await page.Locator("[data-testid=unpriced-models]").InnerTextAsync()).ShouldContain("gpt-9");

        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.ApexCharts && ApexCharts.getChartByID('spend-by-provider')");
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(ApexCharts.getChartByID('spend-by-provider').w.config.series)");
        using var chart = JsonDocument.Parse(json);
        var drawn = chart.RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("data").EnumerateArray()
            .ToDictionary(d => DateTimeOffset.FromUnixTimeMilliseconds(d.GetProperty("x").GetInt64()).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                d => d.GetProperty("y").GetDecimal()));
        drawn.Keys.Order().ShouldBe(["anthropic", "google", "openai"]);
        drawn["openai"].Keys.Max().ShouldBe("2026-05");
        foreach (var ((month, provider), expected) in Uploads.ExpectedSpend)
        {
            drawn[provider][month].ShouldBe(expected, $"{provider} in {month}");
        }
        // The legend and the axis titles are on the drawn chart.
        var drawnText = await page.Locator("#spend-by-provider").TextContentAsync();
        drawnText.ShouldNotBeNull();
        foreach (var label in new[] { "Spend (USD)", "Month (UTC)", "openai", "anthropic", "google" })
        {
            drawnText.ShouldContain(label);
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "overview-after-upload.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
