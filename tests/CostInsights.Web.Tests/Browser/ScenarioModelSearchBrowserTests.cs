using CostInsights.Core.Data;
using CostInsights.Core.Demo;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostInsights.Web.Tests.Browser;

/// <summary>The app with demo usage and LiteLLM's whole price file, for this class alone.</summary>
public sealed class EveryModelPricedBrowserFixture() : BrowserFixture(new Features.Demo.DemoWebAppFixture());

/// <summary>With thousands of models priced, a manager finds any one of them to move traffic to by typing part of its name.</summary>
public sealed class ScenarioModelSearchBrowserTests(EveryModelPricedBrowserFixture browser) : IClassFixture<EveryModelPricedBrowserFixture>
{
    [Fact]
    public async Task A_manager_moves_traffic_to_the_last_of_thousands_of_priced_models()
    {
        Require.Chromium();
        var target = await PriceEveryLiteLlmModelAsync();

        var manager = DemoUsers.All.Single(u => u.Role == AppRoles.EngineeringManager);
        var page = await browser.SignedInPageAsync(manager.Email, manager.Password);
        await BrowserFixture.GotoInteractiveAsync(page, "/scenarios");
        await page.GetByTestId("lever-switch").Locator("input[type=checkbox]").CheckAsync();
        await PickAsync(page, "SwitchFrom", "gpt-4o", "openai/gpt-4o");
        await PickAsync(page, "SwitchTo", target, target);

        await Assertions.Expect(page.GetByTestId("SwitchTo")).ToHaveValueAsync(target);
        // The scenario runs again with the model chosen: half of gpt-4o's traffic is priced at the other model's prices.
        await Assertions.Expect(page.GetByTestId("scenario-error")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("scenario-saving")).Not.ToHaveTextAsync("$0.00");
        await page.Context.CloseAsync();
    }

    /// <summary>Types into a model field and clicks the option that is exactly the model wanted.</summary>
    private static async Task PickAsync(IPage page, string field, string typed, string model)
    {
        var input = page.GetByTestId(field);
        await input.ClickAsync();
        await input.PressSequentiallyAsync(typed);
        var option = page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option, new() { Name = model, Exact = true });
        await option.ClickAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(input).ToHaveValueAsync(model);
    }

    /// <summary>LiteLLM's price file, priced from next month; the last of its models in order of name.</summary>
    private async Task<string> PriceEveryLiteLlmModelAsync()
    {
        await browser.App.EnsureForecastAsync();
        using var scope = browser.App.Services.CreateScope();
        var services = scope.ServiceProvider;
        var sheets = services.GetRequiredService<PriceSheetService>();
        await using var file = File.OpenRead(Path.Combine(TestEnvironment.SharedData, "prices", "litellm_model_prices_2026-07-18.json"));
        var upload = await sheets.UploadAsync("litellm", null, file, "model_prices_and_context_window.json", "test", CancellationToken.None);
        var today = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var nextMonth = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        (await sheets.ActivateAsync(upload.Draft!.Id, nextMonth, true, "test", CancellationToken.None)).Succeeded.ShouldBeTrue();

        var db = services.GetRequiredService<CostInsightsDbContext>();
        var priced = await db.TokenPrices.Select(p => p.Provider + "/" + p.Model).Distinct().ToListAsync();
        priced.Count.ShouldBeGreaterThan(2_000, "a price file of this size is what the field must search");
        return priced.Max(StringComparer.Ordinal)!;
    }
}
