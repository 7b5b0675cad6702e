using System.Text;
using CostInsights.Core.Demo;
using CostInsights.Core.Ingestion;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Features.Scenarios;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostInsights.Web.Tests.Browser;

/// <summary>The app with demo usage, and names with markup in them, for this class alone.</summary>
public sealed class MarkupBrowserFixture() : BrowserFixture(new Features.Demo.DemoWebAppFixture());

/// <summary>
/// A provider name in an uploaded file and a scenario name typed by a manager carry markup that would
/// run script: every page and chart shows them as text, and no script runs for the people who look.
/// </summary>
public sealed class MarkupInNamesBrowserTests(MarkupBrowserFixture browser) : IClassFixture<MarkupBrowserFixture>
{
    private const string Provider = "<img src=x onerror=\"window.__xss=1\">";
    private const string ScenarioName = "<img src=y onerror=\"window.__xss=2\">Cheaper routing";

    [Fact]
    public async Task Names_with_markup_show_literally_in_charts_and_tables_and_run_no_script()
    {
        Require.Chromium();
        var scenarioId = await PlantAsync();

        var finance = DemoUsers.All.Single(u => u.Role == AppRoles.Finance);
        var page = await browser.SignedInPageAsync(finance.Email, finance.Password);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.ApexCharts && ApexCharts.getChartByID('spend-by-provider')");
        var legend = await page.Locator("#spend-by-provider .apexcharts-legend").InnerTextAsync();
        legend.ShouldContain(Provider.ToLowerInvariant());
        (await page.Locator("#spend-by-provider img").CountAsync()).ShouldBe(0);
        await HoverEveryBarAsync(page, "#spend-by-provider");
        (await page.Locator("#spend-by-provider img").CountAsync()).ShouldBe(0);

        await page.GotoAsync($"/scenarios/compare?ids={scenarioId}");
        await page.WaitForFunctionAsync("() => window.ApexCharts && ApexCharts.getChartByID('scenario-comparison')");
        (await page.Locator("#scenario-comparison .apexcharts-legend").InnerTextAsync()).ShouldContain(ScenarioName);
        (await page.GetByTestId("compare-table").InnerTextAsync()).ShouldContain(ScenarioName);
        (await page.Locator("#scenario-comparison .apexcharts-xaxis-annotations").TextContentAsync()).ShouldNotBeNull()
            .ShouldContain($"{ScenarioName} pays back");
        await HoverEveryBarAsync(page, "#scenario-comparison");
        (await page.Locator("#scenario-comparison img").CountAsync()).ShouldBe(0);

        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).ShouldBeTrue();
        dialogs.ShouldBe(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_model_named_with_markup_is_offered_as_text_where_a_manager_moves_traffic()
    {
        Require.Chromium();
        await browser.App.EnsureForecastAsync();
        await PriceAsync(browser.App.Services);
        var manager = DemoUsers.All.Single(u => u.Role == AppRoles.EngineeringManager);
        var page = await browser.SignedInPageAsync(manager.Email, manager.Password);

        await BrowserFixture.GotoInteractiveAsync(page, "/scenarios");
        await page.GetByTestId("lever-switch").Locator("input[type=checkbox]").CheckAsync();
        var to = page.GetByTestId("SwitchTo");
        await to.ClickAsync();
        await to.PressSequentiallyAsync("onerror");
        // Offered under its name, as text: found by that name, and no element made of it.
        var option = page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option, new() { Name = $"{Provider.ToLowerInvariant()}/m1", Exact = true });
        await option.ClickAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(to).ToHaveValueAsync($"{Provider.ToLowerInvariant()}/m1");
        (await page.Locator("img").CountAsync()).ShouldBe(0);
        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).ShouldBeTrue();
        await page.Context.CloseAsync();
    }

    /// <summary>Moves the mouse across the chart, so that its tooltips are drawn with their series names.</summary>
    private static async Task HoverEveryBarAsync(Microsoft.Playwright.IPage page, string chart)
    {
        var box = await page.Locator(chart).BoundingBoxAsync();
        box.ShouldNotBeNull();
        for (var x = box.X + 60; x < box.X + box.Width - 10; x += 25)
        {
            await page.Mouse.MoveAsync(x, box.Y + box.Height / 2);
        }
        (await page.Locator($"{chart} .apexcharts-tooltip").CountAsync()).ShouldBeGreaterThan(0);
    }

    private static string Quoted => Provider.Replace("\"", "\"\"", StringComparison.Ordinal);

    /// <summary>A price for the provider with markup's model m1, activated.</summary>
    private static async Task PriceAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var sheets = scope.ServiceProvider.GetRequiredService<PriceSheetService>();
        var sheet = await sheets.UploadAsync("markup", null, new MemoryStream(Encoding.UTF8.GetBytes(
            $"provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\n\"{Quoted}\",m1,2,8,,2024-01-01\n")), "prices.csv", "test",
                CancellationToken.None);
        sheet.Import.Errors.ShouldBeEmpty();
        (await sheets.ActivateAsync(sheet.Draft!.Id, null, true, "test", CancellationToken.None)).Succeeded.ShouldBeTrue();
    }

    /// <summary>A price and a month of usage for the provider with markup, and a saved scenario whose name has markup.</summary>
    private async Task<long> PlantAsync()
    {
        await browser.App.EnsureForecastAsync();
        using var scope = browser.App.Services.CreateScope();
        var services = scope.ServiceProvider;
        await PriceAsync(services);
        var ingestion = services.GetRequiredService<UsageIngestionService>();
        var batch = await ingestion.QueueFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(
            $"timestamp,provider,model,team,input_tokens,output_tokens\n2026-04-10T10:00:00Z,\"{Quoted}\",m1,\"{Quoted}\",90000000,9000000\n")), "markup.csv",
                "test", CancellationToken.None);
        await ingestion.RunBatchAsync(batch.Id, CancellationToken.None);
        // A distillation, so that its breakeven is marked on the comparison's chart under its name.
        var scenarios = services.GetRequiredService<ScenariosData>();
        var distil = (await scenarios.LoadAsync(null, ScenarioPresets.Distil, CancellationToken.None)).Form;
        distil.Name = ScenarioName;
        return (await scenarios.SaveAsync(distil, "test", CancellationToken.None)).Id.ShouldNotBeNull();
    }
}
