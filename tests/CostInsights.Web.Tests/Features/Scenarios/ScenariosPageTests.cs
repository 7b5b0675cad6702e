using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Scenarios;
using CostInsights.Web.Features.Shell;
using CostInsights.Web.Tests.Features.Demo;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Scenarios;

/// <summary>The Scenarios pages on the demo data: what their service runs, saves and compares, and what the pages show for it.</summary>
public sealed partial class ScenariosPageTests(DemoWebAppFixture app) : IClassFixture<DemoWebAppFixture>
{
    private ScenariosData Data => app.Services.GetRequiredService<ScenariosData>();

    [Fact]
    public async Task A_manager_s_lever_changes_the_result_and_a_saved_scenario_reopens_clones_and_deletes()
    {
        await app.EnsureForecastAsync();
        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var page = await manager.GetPageAsync("/scenarios");
        var baseline = Total().Match(page).Groups[1].Value;
        baseline.ShouldNotBeNullOrEmpty();

        // Most input read from the cache costs less than the baseline.
        var form = new ScenarioForm { CachingOn = true, CachedPercent = 90, Name = "cache harder" };
        var (result, error) = await Data.RunAsync(form, CancellationToken.None);
        error.ShouldBeNull();
        result!.Saving.ShouldBeGreaterThan(0);
        Money.Usd(Math.Round(result.ScenarioTotal, 2)).ShouldNotBe(baseline);

        var (id, problem) = await Data.SaveAsync(form, "manager", CancellationToken.None);
        problem.ShouldBeNull();
        var reopened = await Data.LoadAsync(id, null, CancellationToken.None);
        (reopened.Form.Name, reopened.Form.CachingOn, reopened.Form.CachedPercent).ShouldBe(("cache harder", true, 90m));
        var reopenedPage = await manager.GetPageAsync($"/scenarios?id={id}");
        reopenedPage.ShouldContain(">cache harder</a>");
        Total().Match(reopenedPage).Groups[1].Value.ShouldBe(Money.Usd(Math.Round(result.ScenarioTotal, 2)));

        var copy = await Data.CloneAsync(id!.Value, "manager", CancellationToken.None);
        (await Data.LoadAsync(copy, null, CancellationToken.None)).Form.Name.ShouldBe("cache harder (copy)");
        await Data.DeleteAsync(id.Value, CancellationToken.None);
        var after = await Data.LoadAsync(null, null, CancellationToken.None);
        after.Saved.Select(s => s.Name).ShouldNotContain("cache harder");
        after.Saved.Select(s => s.Name).ShouldContain("cache harder (copy)");
    }

    [Theory]
    [InlineData("GrowthPercentPerMonth", "-500", "Growth (% a month) is -500; it must be from -50 to 100.")]
    [InlineData("CachedPercent", "140", "Input read from cache (%) is 140; it must be from 0 to 100.")]
    [InlineData("BatchPercent", "-5", "Offline traffic to the batch API (%) is -5; it must be from 0 to 100.")]
    [InlineData("PricePercentPerYear", "-150", "Price change (% a year) is -150; it must be from -99 to 300.")]
    public async Task A_setting_out_of_its_range_is_refused_with_its_range_on_run_and_save(string field, string value, string message)
    {
        await app.EnsureForecastAsync();
        var form = new ScenarioForm { GrowthOn = true, CachingOn = true, BatchOn = true, PricesOn = true, PricesFrom = "2027-01", Name = "out of range" };
        typeof(ScenarioForm).GetProperty(field)!.SetValue(form, decimal.Parse(value, CultureInfo.InvariantCulture));
        var (result, error) = await Data.RunAsync(form, CancellationToken.None);
        result.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(message);
        var (id, problem) = await Data.SaveAsync(form, "manager", CancellationToken.None);
        id.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(message);
    }

    [Fact]
    public void Every_ticked_setting_is_checked_against_its_range_and_unticked_ones_are_not()
    {
        var form = new ScenarioForm
        {
            SwitchOn = true,
            SwitchTokenRatio = 0,
            RoutingOn = false,
            RoutingPercent = 900,
            GrowthOn = true,
            GrowthPercentPerMonth = 100
        };
        form.Problems().ShouldBe([("SwitchTokenRatio", "Token ratio (tokens there per token here) is 0; it must be from 0.01 to 10.")]);
        ScenarioForm.Ranges.Keys.ShouldBeSubsetOf(ScenarioForm.Labels.Keys);
    }

    [Fact]
    public async Task A_lever_without_its_model_says_what_is_missing_and_finance_reads_only()
    {
        await app.EnsureForecastAsync();
        (await Data.RunAsync(new ScenarioForm { SwitchOn = true }, CancellationToken.None)).Error
            .ShouldBe("Choose the models the ticked levers move traffic between.");

        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var page = await finance.GetPageAsync("/scenarios");
        page.ShouldContain("data-testid=\"read-only\"");
        page.ShouldContain("data-testid=\"scenario-summary\"");
        page.ShouldNotContain("data-testid=\"save-scenario\"");
        page.ShouldNotContain("data-testid=\"presets\"");
    }

    [Fact]
    public async Task Saved_scenarios_are_compared_in_one_table_and_exported_and_presets_fill_the_levers()
    {
        await app.EnsureForecastAsync();
        using var manager = await app.SignedInAsync(AppRoles.EngineeringManager);
        var ids = new List<long>();
        foreach (var form in new[] { new ScenarioForm { Name = "compare cache", CachingOn = true, CachedPercent = 60 },
            new ScenarioForm { Name = "compare batch", BatchOn = true, BatchPercent = 30 } })
        {
            ids.Add((await Data.SaveAsync(form, "manager", CancellationToken.None)).Id!.Value);
        }
        var query = string.Join("&", ids.Select(id => $"ids={id}"));
        var page = await manager.GetPageAsync($"/scenarios/compare?{query}");
        page.ShouldContain(">compare cache</a>");
        page.ShouldContain(">compare batch</a>");
        var comparison = await Data.CompareAsync(ids, CancellationToken.None);
        ScenarioCharts.Compared(comparison).Series.Select(s => s.Name).ShouldBe(["Baseline", "compare cache", "compare batch"]);
        // Each total has its 80% interval: the baseline's, then each scenario's, in the table's order.
        string Interval(Core.Forecasts.ForecastTotal t) =>
            $"{Money.Usd(Math.Round(t.Lower80!.Value, 2))} – {Money.Usd(Math.Round(t.Upper80!.Value, 2))}";
        CompareInterval().Matches(System.Net.WebUtility.HtmlDecode(page)).Select(m => m.Groups[1].Value).ShouldBe(
            [Interval(comparison.Runs[0].Result.BaselineRange), .. comparison.Runs.Select(r => Interval(r.Result.ScenarioRange))]);
        // And each saving its own, the volumes priced both ways; the scenario's page says it too.
        CompareSavingInterval().Matches(System.Net.WebUtility.HtmlDecode(page)).Select(m => m.Groups[1].Value).ShouldBe(
            [.. comparison.Runs.Select(r => Interval(r.Result.SavingRange))]);
        var cache = comparison.Runs[0].Result.SavingRange;
        cache.Lower80.ShouldNotBe(cache.Upper80);
        var cachePage = System.Net.WebUtility.HtmlDecode(await manager.GetPageAsync($"/scenarios?id={ids[0]}"));
        cachePage.ShouldContain("data-testid=\"scenario-saving-interval\"");
        cachePage.ShouldContain(Money.Usd(Math.Round(cache.Upper80!.Value, 2)));
        var csv = await (await manager.GetAsync($"/scenarios/compare/export?{query}&format=csv")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("scenario,month,baseline,scenario_cost,lower_80,upper_80,lower_95,upper_95,difference");
        lines.Length.ShouldBe(1 + 2 * 12);
        lines.Skip(1).ShouldAllBe(l => l.StartsWith("compare ", StringComparison.Ordinal));

        // The workbook has the months, and the totals as the page's table gives them, the saving's own interval included.
        using var zip = new ZipArchive(new MemoryStream(
            await (await manager.GetAsync($"/scenarios/compare/export?{query}&format=xlsx")).Content.ReadAsByteArrayAsync()));
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        await using (var workbook = zip.GetEntry("xl/workbook.xml")!.Open())
        {
            XDocument.Load(workbook).Descendants(ns + "sheet").Select(e => e.Attribute("name")!.Value).ShouldBe(["Months", "Totals"]);
        }
        await using var totalsSheet = zip.GetEntry("xl/worksheets/sheet2.xml")!.Open();
        var totalRows = XDocument.Load(totalsSheet).Descendants(ns + "row").ToList();
        totalRows[0].Descendants(ns + "t").Select(t => t.Value).ShouldBe(ScenarioComparison.TotalHeaders);
        totalRows.Skip(1).Select(r => r.Elements(ns + "c").First().Descendants(ns + "t").Single().Value)
            .ShouldBe(["Baseline", "compare cache", "compare batch"]);
        decimal Cell(XElement row, int i) =>
            decimal.Parse(row.Elements(ns + "c").ElementAt(i).Element(ns + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        (Cell(totalRows[2], 7), Cell(totalRows[2], 8), Cell(totalRows[2], 9)).ShouldBe(
            (Math.Round(comparison.Runs[0].Result.Saving, 2), Math.Round(cache.Lower80!.Value, 2), Math.Round(cache.Upper80!.Value, 2)));

        var move = await Data.LoadAsync(null, ScenarioPresets.Move, CancellationToken.None);
        move.Form.SwitchOn.ShouldBeTrue();
        move.Sentence.ShouldNotBeNull().ShouldMatch("Team [^ ]+ moves its use of [^ ]+ \\(\\d+% of that model");
        (await manager.GetPageAsync("/scenarios?preset=move")).ShouldContain("data-testid=\"preset-sentence\"");
        (await Data.LoadAsync(null, ScenarioPresets.Route, CancellationToken.None)).Form.RoutingOn.ShouldBeTrue();
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
        // Its interval is the Forecasts page's too, month by month, not the wider one of every model missing the same way.
        var forecastIntervals = ForecastInterval().Matches(forecasts).Select(m => m.Groups[1].Value).ToList();
        var baselineIntervals = BaselineInterval().Matches(page).Select(m => m.Groups[1].Value).ToList();
        forecastIntervals.Count.ShouldBeGreaterThan(0);
        baselineIntervals.ShouldBe(forecastIntervals);
        // And the interval of its total is the Forecasts page's total's; with no lever, the scenario's is the same.
        var forecastTotal80 = ForecastTotal80().Match(System.Net.WebUtility.HtmlDecode(forecasts));
        var totals = TotalIntervals().Match(System.Net.WebUtility.HtmlDecode(page));
        forecastTotal80.Success.ShouldBeTrue("the Forecasts page gives the total an interval");
        totals.Success.ShouldBeTrue("the Scenarios page gives the totals their intervals");
        (totals.Groups[1].Value, totals.Groups[2].Value).ShouldBe((forecastTotal80.Groups[1].Value, forecastTotal80.Groups[2].Value));
        (totals.Groups[3].Value, totals.Groups[4].Value).ShouldBe((totals.Groups[1].Value, totals.Groups[2].Value));
        // One interval level in the chart and the table.
        var (result, _) = await Data.RunAsync(new ScenarioForm(), CancellationToken.None);
        ScenarioCharts.AgainstBaseline(result!).Series.Select(s => s.Name).ShouldBe(["Baseline 80% interval", "Scenario 80% interval", "Baseline", "Scenario"]);
        page.ShouldContain("<th class=\"num\">Scenario 80% interval</th>");
        page.ShouldNotContain("95%");
        page.ShouldNotContain("scenario-saving-interval", customMessage: "with no lever there is no saving to give an interval");

        // The preset bills the contracted model by compute time in the baseline and per token, with routing and distillation, in the scenario.
        var perToken = await Data.LoadAsync(null, ScenarioPresets.PerToken, CancellationToken.None);
        perToken.Sentence.ShouldNotBeNull().ShouldMatch("Today [^ ]+ is billed under its compute-time contract \\(the baseline, at 70% utilisation\\)");
        (perToken.Form.ContractOn, perToken.Form.RoutingOn, perToken.Form.DistilOn).ShouldBe((true, true, true));
        var perTokenPage = await manager.GetPageAsync("/scenarios?preset=per-token");
        perTokenPage.ShouldContain("so it differs from the per-token total on the Forecasts page");
        BaselineTotal().Match(perTokenPage).Groups[1].Value.ShouldNotBe(forecastTotal);

        // Ending the contract alone: the scenario is the forecast's per-token spend, the Forecasts page's total.
        var ended = new ScenarioForm
        {
            ContractOn = true,
            ContractOfferId = perToken.Form.ContractOfferId.ShouldNotBeNull(),
            ContractModel = perToken.Form.ContractModel.ShouldNotBeNull(),
            ContractUtilisationPercent = 70,
        };
        var (endedResult, error) = await Data.RunAsync(ended, CancellationToken.None);
        error.ShouldBeNull();
        Money.Usd(Math.Round(endedResult!.ScenarioTotal, 2)).ShouldBe(forecastTotal);
        Money.Usd(Math.Round(endedResult.BaselineTotal, 2)).ShouldBe(BaselineTotal().Match(perTokenPage).Groups[1].Value);
    }

    [GeneratedRegex("<td class=\"num\">(\\$[^<]+ – \\$[^<]+)</td>")]
    private static partial Regex ForecastInterval();

    [GeneratedRegex("<td class=\"num\">\\$[^<]+</td>\\s*<td class=\"num secondary\">(\\$[^<]+ – \\$[^<]+)</td>")]
    private static partial Regex BaselineInterval();

    [GeneratedRegex("data-testid=\"compare-interval\">([^<]+)<")]
    private static partial Regex CompareInterval();

    [GeneratedRegex("data-testid=\"compare-saving-interval\">([^<]+)<")]
    private static partial Regex CompareSavingInterval();

    [GeneratedRegex("data-testid=\"forecast-sum-80\">(\\$[^ ]+) – (\\$[^<]+)<")]
    private static partial Regex ForecastTotal80();

    [GeneratedRegex("own 80% intervals: the baseline (\\$[^ ]+) to\\s+(\\$\\S+?), this scenario (\\$[^ ]+) to\\s+(\\$[^<]+)\\.<")]
    private static partial Regex TotalIntervals();

    [GeneratedRegex("data-testid=\"forecast-sum\">([^<]+)<")]
    private static partial Regex ForecastSum();

    [GeneratedRegex("the baseline costs <strong>([^<]+)</strong>")]
    private static partial Regex BaselineTotal();

    [GeneratedRegex("data-testid=\"scenario-total\">([^<]+)<")]
    private static partial Regex Total();
}
