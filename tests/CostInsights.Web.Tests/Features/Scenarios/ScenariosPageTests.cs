using System.Net;
using System.Text.RegularExpressions;
using CostInsights.Core.Data;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Scenarios;

public sealed partial class ScenariosPageTests(DemoWebAppFixture app) : IClassFixture<DemoWebAppFixture>
{
    private static readonly SemaphoreSlim Once = new(1, 1);

    private async Task ForecastAsync()
    {
        await Once.WaitAsync();
        try
        {
            using var scope = app.Services.CreateScope();
            if (!await scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>().ForecastRuns.AnyAsync())
            {
                await scope.ServiceProvider.GetRequiredService<ForecastService>().RunAsync(CancellationToken.None);
            }
        }
        finally
        {
            Once.Release();
        }
    }

    [Fact]
    public async Task A_manager_changes_a_lever_sees_the_result_change_and_saves_reloads_and_deletes_it()
    {
        await ForecastAsync();
        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var page = await manager.GetPageAsync("/scenarios");
        var baseline = Total().Match(page).Groups[1].Value;
        baseline.ShouldNotBeNullOrEmpty();

        // Half of all input read from the cache costs less than the baseline.
        var fields = new Dictionary<string, string> { ["CachingOn"] = "true", ["CachedPercent"] = "90" };
        var preview = await manager.PostFormAsync("/scenarios", "", fields, action: "/scenarios/preview");
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fragment = await preview.Content.ReadAsStringAsync();
        fragment.ShouldContain("data-testid=\"scenario-saving\"", customMessage: fragment);
        fragment.ShouldContain("it saves");
        Total().Match(fragment).Groups[1].Value.ShouldNotBe(baseline);
        fragment.ShouldNotContain("<html");

        var saved = await manager.PostFormAsync("/scenarios", "", new(fields) { ["Name"] = "cache harder" }, action: "/scenarios/save");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = saved.Headers.Location!.ToString();
        location.ShouldStartWith("/scenarios?id=");
        var reopened = await manager.GetPageAsync(location);
        reopened.ShouldContain(">cache harder</a>");
        reopened.ShouldContain("id=\"CachingOn\" name=\"CachingOn\" value=\"true\" checked");
        Total().Match(reopened).Groups[1].Value.ShouldBe(Total().Match(fragment).Groups[1].Value);

        var id = location["/scenarios?id=".Length..].Split('&')[0];
        (await manager.PostFormAsync(location, "", new() { ["id"] = id }, action: "/scenarios/delete")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await manager.GetPageAsync("/scenarios")).ShouldNotContain("cache harder");
    }

    [Fact]
    public async Task A_lever_without_its_model_says_what_is_missing_and_finance_reads_only()
    {
        await ForecastAsync();
        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var missing = await manager.PostFormAsync("/scenarios", "", new() { ["SwitchOn"] = "true" }, action: "/scenarios/preview");
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Choose the models the ticked levers move traffic between.");

        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var page = await finance.GetPageAsync("/scenarios");
        page.ShouldContain("data-testid=\"read-only\"");
        page.ShouldContain("<fieldset disabled");
        page.ShouldNotContain("data-testid=\"save-scenario\"");
        (await finance.PostFormAsync("/scenarios", "", new() { ["CachingOn"] = "true" }, action: "/scenarios/preview")).StatusCode
            .ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }

    [GeneratedRegex("data-testid=\"scenario-total\">([^<]+)<")]
    private static partial Regex Total();
}
