using System.Net;
using System.Text.RegularExpressions;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Features.Demo;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Features.Scenarios;

public sealed partial class ScenariosPageTests(DemoWebAppFixture app) : IClassFixture<DemoWebAppFixture>
{
    [Fact]
    public async Task A_manager_changes_a_lever_sees_the_result_change_and_saves_reloads_and_deletes_it()
    {
        await app.EnsureForecastAsync();
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
        var clone = await manager.PostFormAsync(location, "", new() { ["id"] = id }, action: "/scenarios/clone");
        clone.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var copy = await manager.GetPageAsync(clone.Headers.Location!.ToString());
        copy.ShouldContain(">cache harder (copy)</a>");
        Total().Match(copy).Groups[1].Value.ShouldBe(Total().Match(fragment).Groups[1].Value);

        (await manager.PostFormAsync(location, "", new() { ["id"] = id }, action: "/scenarios/delete")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await manager.GetPageAsync("/scenarios");
        after.ShouldNotContain(">cache harder</a>");
        after.ShouldContain(">cache harder (copy)</a>");
    }

    [Theory]
    [InlineData("GrowthOn", "GrowthPercentPerMonth", "-500", "Growth (% a month) is -500; it must be from -50 to 100.")]
    [InlineData("CachingOn", "CachedPercent", "140", "Input read from cache (%) is 140; it must be from 0 to 100.")]
    [InlineData("BatchOn", "BatchPercent", "-5", "Offline traffic to the batch API (%) is -5; it must be from 0 to 100.")]
    [InlineData("PricesOn", "PricePercentPerYear", "-150", "Price change (% a year) is -150; it must be from -99 to 300.")]
    public async Task A_setting_out_of_its_range_is_refused_with_its_range_on_preview_and_save(string lever, string field, string value, string message)
    {
        await app.EnsureForecastAsync();
        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var page = await manager.GetPageAsync("/scenarios");
        page.ShouldContain($"name=\"{field}\"");
        page.ShouldContain($"min=\"{Web.Features.Scenarios.ScenarioForm.Ranges[field].Min.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"");

        var fields = new Dictionary<string, string> { [lever] = "true", [field] = value };
        var preview = await manager.PostFormAsync("/scenarios", "", fields, action: "/scenarios/preview");
        System.Net.WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync()).ShouldContain(message);
        (await preview.Content.ReadAsStringAsync()).ShouldNotContain("data-testid=\"scenario-total\"");

        var saved = await manager.PostFormAsync("/scenarios", "", new(fields) { ["Name"] = "out of range" }, action: "/scenarios/save");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Uri.UnescapeDataString(saved.Headers.Location!.ToString()).ShouldContain("problem=" + message);
    }

    [Fact]
    public void Every_ticked_setting_is_checked_against_its_range_and_unticked_ones_are_not()
    {
        var form = new Web.Features.Scenarios.ScenarioForm
        {
            SwitchOn = true,
            SwitchTokenRatio = 0,
            RoutingOn = false,
            RoutingPercent = 900,
            GrowthOn = true,
            GrowthPercentPerMonth = 100
        };
        form.Problems().ShouldBe([("SwitchTokenRatio", "Token ratio is 0; it must be from 0.01 to 10.")]);
        Web.Features.Scenarios.ScenarioForm.Ranges.Keys.ShouldBeSubsetOf(Web.Features.Scenarios.ScenarioForm.Labels.Keys);
    }

    [Fact]
    public async Task A_lever_without_its_model_says_what_is_missing_and_finance_reads_only()
    {
        await app.EnsureForecastAsync();
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

    [Fact]
    public async Task Saved_scenarios_are_compared_in_one_table_and_exported_and_presets_fill_the_levers()
    {
        await app.EnsureForecastAsync();
        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var ids = new List<string>();
        foreach (var (name, lever) in new[] { ("compare cache", "CachingOn"), ("compare batch", "BatchOn") })
        {
            var saved = await manager.PostFormAsync("/scenarios", "",
                new() { ["Name"] = name, [lever] = "true", ["CachedPercent"] = "60", ["BatchPercent"] = "30" }, action: "/scenarios/save");
            ids.Add(saved.Headers.Location!.ToString()["/scenarios?id=".Length..].Split('&')[0]);
        }
        var query = string.Join("&", ids.Select(id => $"ids={id}"));
        var page = await manager.GetPageAsync($"/scenarios/compare?{query}");
        page.ShouldContain(">compare cache</a>");
        page.ShouldContain(">compare batch</a>");
        page.ShouldContain("\"name\":\"Baseline\"");
        var csv = await (await manager.GetAsync($"/scenarios/compare.csv?{query}")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("scenario,month,baseline,scenario_cost,lower_80,upper_80,lower_95,upper_95,difference");
        lines.Length.ShouldBe(1 + 2 * 12);
        lines.Skip(1).ShouldAllBe(l => l.StartsWith("compare ", StringComparison.Ordinal));

        var move = await manager.GetPageAsync("/scenarios?preset=move");
        move.ShouldContain("id=\"SwitchOn\" name=\"SwitchOn\" value=\"true\" checked");
        move.ShouldMatch("Team [^ ]+ moves its use of [^ ]+ \\(\\d+% of that model");
        var route = await manager.GetPageAsync("/scenarios?preset=route");
        route.ShouldContain("id=\"RoutingOn\" name=\"RoutingOn\" value=\"true\" checked");
    }

    [Fact]
    public async Task The_baseline_is_the_forecasts_total_and_the_per_token_preset_puts_todays_contract_in_it()
    {
        await app.EnsureForecastAsync();
        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var forecasts = await manager.GetPageAsync("/forecasts?measure=token-spend");
        var forecastTotal = ForecastSum().Match(forecasts).Groups[1].Value;
        forecastTotal.ShouldStartWith("$");
        forecasts.ShouldContain("data-testid=\"forecast-scenario-note\"");
        var page = await manager.GetPageAsync("/scenarios");
        BaselineTotal().Match(page).Groups[1].Value.ShouldBe(forecastTotal);
        page.ShouldContain("the total the Forecasts page shows for these months");
        // One interval level in the chart and the table.
        page.ShouldContain("\"name\":\"Baseline 80% interval\"");
        page.ShouldContain("\"name\":\"Scenario 80% interval\"");
        page.ShouldContain("<th class=\"text-end\">Scenario 80% interval</th>");
        page.ShouldNotContain("95%");

        // The preset bills the contracted model by compute time in the baseline and per token, with routing and distillation, in the scenario.
        var perToken = await manager.GetPageAsync("/scenarios?preset=per-token");
        perToken.ShouldContain("data-testid=\"preset-sentence\"");
        perToken.ShouldMatch("Today [^ ]+ is billed under its compute-time contract \\(the baseline, at 70% utilisation\\)");
        perToken.ShouldContain("id=\"ContractOn\" name=\"ContractOn\" value=\"true\" checked");
        perToken.ShouldContain("id=\"RoutingOn\" name=\"RoutingOn\" value=\"true\" checked");
        perToken.ShouldContain("id=\"DistilOn\" name=\"DistilOn\" value=\"true\" checked");
        perToken.ShouldContain("so it differs from the per-token total on the Forecasts page");
        BaselineTotal().Match(perToken).Groups[1].Value.ShouldNotBe(forecastTotal);

        // Ending the contract alone: the scenario is the forecast's per-token spend, the Forecasts page's total.
        var offer = Regex.Match(perToken, "<select[^>]*name=\"ContractOfferId\"[\\s\\S]*?<option value=\"(\\d+)\" selected").Groups[1].Value;
        var model = Regex.Match(perToken, "<select[^>]*name=\"ContractModel\"[\\s\\S]*?<option value=\"([^\"]+)\" selected").Groups[1].Value;
        offer.ShouldNotBeEmpty();
        model.ShouldNotBeEmpty();
        var ended = await manager.PostFormAsync("/scenarios", "",
            new()
            {
                ["ContractOn"] = "true",
                ["ContractOfferId"] = offer,
                ["ContractModel"] = WebUtility.HtmlDecode(model),
                ["ContractUtilisationPercent"] = "70"
            },
            action: "/scenarios/preview");
        var fragment = await ended.Content.ReadAsStringAsync();
        Total().Match(fragment).Groups[1].Value.ShouldBe(forecastTotal, customMessage: fragment);
        BaselineTotal().Match(fragment).Groups[1].Value.ShouldBe(BaselineTotal().Match(perToken).Groups[1].Value);
    }

    [GeneratedRegex("data-testid=\"forecast-sum\">([^<]+)<")]
    private static partial Regex ForecastSum();

    [GeneratedRegex("the baseline costs <strong>([^<]+)</strong>")]
    private static partial Regex BaselineTotal();

    [GeneratedRegex("data-testid=\"scenario-total\">([^<]+)<")]
    private static partial Regex Total();
}
