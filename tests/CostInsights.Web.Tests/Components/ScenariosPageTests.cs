using Bunit;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Scenarios;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Scenarios;
using CostInsights.Web.Features.Shell.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CostInsights.Web.Tests.Components;

public sealed class ScenariosPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime June = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Without_a_forecast_it_says_to_run_one_first()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Authorize(harness, AppRoles.EngineeringManager);
        var page = harness.Context.Render<ScenariosPage>();
        page.WaitForElement("[data-testid=scenarios-empty]").TextContent.ShouldContain("Run a forecast");
    }

    [Fact]
    public async Task A_manager_turns_a_lever_on_and_the_drawn_numbers_change_then_saves_it_and_deletes_it_after_a_dialog()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await SeedForecastAsync(harness);
        Authorize(harness, AppRoles.EngineeringManager);
        var dialogs = harness.Context.Render<MudDialogProvider>();
        harness.Context.Render<MudPopoverProvider>();
        var navigation = harness.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/scenarios");
        var page = harness.Context.Render<ScenariosPage>();

        page.WaitForElement("[data-testid=scenario-total]");
        var before = page.Find("[data-testid=scenario-total]").TextContent;
        page.Find("[data-testid=scenario-saving]").TextContent.ShouldBe("$0.00");
        var drawnBefore = page.FindComponent<ScenarioResultView>().FindComponent<Chart>().Instance.Spec.Series.Single(s => s.Name == "Scenario").Points;

        // Batch: 50% off the batched share of traffic.
        await page.Find("[data-testid=lever-batch] input[type=checkbox]").ChangeAsync(new() { Value = true });
        page.WaitForAssertion(() => page.Find("[data-testid=scenario-total]").TextContent.ShouldNotBe(before));
        page.Find("[data-testid=scenario-summary]").TextContent.ShouldContain("it saves");
        var drawnAfter = page.FindComponent<ScenarioResultView>().FindComponent<Chart>().Instance.Spec.Series.Single(s => s.Name == "Scenario").Points;
        drawnAfter[0].Y.ShouldNotBeNull().ShouldBeLessThan(drawnBefore[0].Y!.Value);

        // A share out of its range is flagged at the field and the result says why.
        page.FindComponents<MudNumericField<decimal>>().Single(f => f.Instance.Label == ScenarioForm.Labels["BatchPercent"]).Find("input").Change("150");
        page.WaitForAssertion(() => page.Find("[data-testid=scenario-error]").TextContent.ShouldContain("it must be from 0 to 100"));
        page.Markup.ShouldContain("Must be from 0 to 100");
        page.FindComponents<MudNumericField<decimal>>().Single(f => f.Instance.Label == ScenarioForm.Labels["BatchPercent"]).Find("input").Change("30");
        page.WaitForElement("[data-testid=scenario-total]");

        page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Name, to save").Find("input").Change("<i>night batch</i>");
        await page.Find("[data-testid=save-scenario]").ClickAsync(new());
        navigation.Uri.ShouldContain("/scenarios?id=");
        page.WaitForAssertion(() => page.FindAll("[data-testid=saved-scenario]").Count.ShouldBe(1));
        page.Markup.ShouldContain("&lt;i&gt;night batch&lt;/i&gt;");

        var delete = page.Find("[aria-label='Delete <i>night batch</i>']").ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog").TextContent.ShouldContain("is deleted for everyone");
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").ClickAsync(new());
        await delete;
        page.WaitForAssertion(() => page.FindAll("[data-testid=saved-scenario]").ShouldBeEmpty());
        await using var db = harness.Database.NewContext();
        db.Scenarios.ShouldBeEmpty();
    }

    [Fact]
    public async Task Saved_scenarios_are_compared_once_two_are_ticked_and_the_button_counts_them()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        Scenario Saved(long id, string name) => new() { Id = id, Name = name, LeversJson = "{}", CreatedBy = "m", CreatedAt = Now.UtcDateTime };
        var list = harness.Context.Render<SavedScenarios>(p => p.Add(x => x.Saved, [Saved(3, "cache"), Saved(5, "batch")]));
        var compare = () => list.Find("[data-testid=compare-scenarios]");
        (compare().TextContent.Trim(), compare().HasAttribute("disabled")).ShouldBe(("Compare", true), "none ticked: nothing to compare yet");

        await list.InvokeAsync(() => list.FindComponents<MudCheckBox<bool>>()[0].Instance.ValueChanged.InvokeAsync(true));
        (compare().TextContent.Trim(), compare().HasAttribute("disabled")).ShouldBe(("Compare", true), "one ticked is not a comparison");
        await list.InvokeAsync(() => list.FindComponents<MudCheckBox<bool>>()[1].Instance.ValueChanged.InvokeAsync(true));
        (compare().TextContent.Trim(), compare().GetAttribute("href")).ShouldBe(("Compare the 2 chosen", "/scenarios/compare?ids=3&ids=5"));
    }

    [Fact]
    public async Task Finance_reads_the_result_but_cannot_change_or_save()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await SeedForecastAsync(harness);
        Authorize(harness, AppRoles.Finance);
        var page = harness.Context.Render<ScenariosPage>();
        page.WaitForElement("[data-testid=scenario-total]");
        page.Find("[data-testid=read-only]");
        page.FindAll("[data-testid=save-scenario]").ShouldBeEmpty();
        page.FindAll("[data-testid=presets]").ShouldBeEmpty();
        page.FindAll("[data-testid^=lever-] input[type=checkbox]").ShouldAllBe(box => box.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Saved_scenarios_are_compared_side_by_side_and_an_address_naming_none_says_how_to_choose()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await SeedForecastAsync(harness);
        Authorize(harness, AppRoles.Finance);
        var data = harness.Context.Services.GetRequiredService<ScenariosData>();
        var (batch, _) = await data.SaveAsync(new ScenarioForm { Name = "<b>batch</b>", BatchOn = true, BatchPercent = 50 }, "m", CancellationToken.None);
        var (growth, _) = await data.SaveAsync(new ScenarioForm { Name = "growth", GrowthOn = true, GrowthPercentPerMonth = 5 }, "m",
            CancellationToken.None);
        var navigation = harness.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/scenarios/compare?ids={batch}&ids={growth}&ids=not-a-number");

        var page = harness.Context.Render<ScenarioComparePage>();

        var rows = page.WaitForElement("[data-testid=compare-table]").QuerySelectorAll("tbody tr");
        rows.Select(r => r.QuerySelector("td")!.TextContent).ShouldBe(["Baseline", "<b>batch</b>", "growth"]);
        rows[1].TextContent.ShouldContain("%)");
        page.Find("[data-testid=compare-csv]").GetAttribute("href").ShouldBe($"/scenarios/compare/export?ids={batch}&ids={growth}&format=csv");
        page.Find("[data-testid=compare-xlsx]").GetAttribute("href").ShouldBe($"/scenarios/compare/export?ids={batch}&ids={growth}&format=xlsx");
        var series = page.FindComponent<Chart>().Instance.Spec.Series;
        series.Select(s => s.Name).ShouldBe(["Baseline", "<b>batch</b>", "growth"]);
        // Batching halves the price of a share of traffic; growing volumes cost more than the baseline by the last month.
        series[1].Points[0].Y.ShouldNotBeNull().ShouldBeLessThan(series[0].Points[0].Y!.Value);
        series[2].Points[^1].Y.ShouldNotBeNull().ShouldBeGreaterThan(series[0].Points[^1].Y!.Value);

        navigation.NavigateTo("/scenarios/compare?ids=999");
        var none = harness.Context.Render<ScenarioComparePage>();
        none.WaitForElement("[data-testid=compare-empty]").TextContent.ShouldContain("Choose two to four saved scenarios");
    }

    [Theory]
    [InlineData(50, "The saving's own 80% interval: $64.00 to $136.00.")]
    [InlineData(100, "The saving's own 80% interval runs from costing $36.00 more to saving $36.00.")]
    [InlineData(150, "The saving's own 80% interval: it costs $64.00 to $136.00 more.")]
    public async Task The_saving_s_interval_is_said_as_a_saving_or_a_cost_at_each_end(int flat, string said)
    {
        // The baseline $100 a month reaching $20 either side, against a flat scenario; two months, a share of 0.9 adds up their reaches.
        ForecastPoint Month(int h, decimal point, decimal reach) =>
            new(June.AddMonths(h), point, point - reach, point + reach, point - 2 * reach, point + 2 * reach);
        var result = new ScenarioResult([Month(0, 100m, 20m), Month(1, 100m, 20m)], [Month(0, flat, 0m), Month(1, flat, 0m)], 0m, null)
        {
            TotalShare80 = 0.9,
            TotalShare95 = 0.9,
        };
        await using var harness = await PageHarness.CreateAsync(Now);

        var view = harness.Context.Render<ScenarioResultView>(p => p.Add(v => v.Result, result));

        view.Find("[data-testid=scenario-saving-interval]").TextContent.ShouldBe(said);
    }

    [Fact]
    public void A_scenario_with_a_one_time_cost_has_its_breakeven_marked_on_both_charts()
    {
        // $100 a month against $60, after $100 paid up front: $40 back in June, $80 by July, $120 by August.
        ForecastPoint Month(int h, decimal point) => new(June.AddMonths(h), point, point, point, point, point);
        var distil = new ScenarioResult([.. Enumerable.Range(0, 4).Select(h => Month(h, 100m))], [.. Enumerable.Range(0, 4).Select(h => Month(h, 60m))],
            100m, null);
        var cheaper = distil with { OneTimeCost = 0m };
        var never = distil with { OneTimeCost = 1_000m };

        var marker = ScenarioCharts.AgainstBaseline(distil).Markers.ShouldHaveSingleItem();
        (marker.Label, marker.AtX).ShouldBe(("Pays back", ChartX.Month(June.AddMonths(2))));
        ScenarioCharts.AgainstBaseline(cheaper).Markers.ShouldBeEmpty("nothing to pay back");
        ScenarioCharts.AgainstBaseline(never).Markers.ShouldBeEmpty("not paid back within the months shown");

        Scenario Named(long id, string name) => new() { Id = id, Name = name, LeversJson = "{}", CreatedBy = "test" };
        var compared = ScenarioCharts.Compared(new ScenarioComparison([(Named(1, "<b>distil</b>"), distil), (Named(2, "cheaper"), cheaper)]));
        compared.Markers.Select(m => (m.Label, m.AtX)).ShouldBe([("<b>distil</b> pays back", ChartX.Month(June.AddMonths(2)))]);
    }

    private static void Authorize(PageHarness harness, string role)
    {
        harness.Context.AddAuthorization().SetAuthorized($"{role}@example.com").SetRoles(role)
            .SetPolicies(role == AppRoles.Finance ? [AppPolicies.ReadDashboards] : [AppPolicies.ReadDashboards, AppPolicies.BuildScenarios]);
    }

    /// <summary>An active price sheet for one model and the newest forecast of its volumes and spend: 12 months from June.</summary>
    private static async Task SeedForecastAsync(PageHarness harness)
    {
        await harness.IngestAsync("provider,model,input_per_1m,output_per_1m,cached_input_per_1m,batch_input_per_1m,batch_output_per_1m,effective_from\n" +
            "openai,gpt-4o,2.5,10,1.25,1.25,5,2026-01-01\n",
            "timestamp,provider,model,team,input_tokens,output_tokens\n2026-04-02T10:00:00Z,openai,gpt-4o,a,1,1\n");
        static string Points(decimal value) => ForecastPoint.Serialize([.. Enumerable.Range(0, 12).Select(i =>
            new ForecastPoint(June.AddMonths(i), value, value * 0.9m, value * 1.1m, value * 0.8m, value * 1.2m))]);
        await harness.SeedAsync(db =>
        {
            foreach (var (measure, value) in new[] { (ForecastMeasures.InputTokens, 100_000_000m), (ForecastMeasures.OutputTokens, 10_000_000m),
                (ForecastMeasures.Requests, 100_000m), (ForecastMeasures.TokenSpend, 350m) })
            {
                db.ForecastRuns.Add(new ForecastRun
                {
                    CreatedAt = Now.UtcDateTime,
                    Series = "model:openai/gpt-4o",
                    Measure = measure,
                    Method = "test",
                    FirstMonth = June,
                    HorizonMonths = 12,
                    PointsJson = Points(value),
                });
            }
        });
    }
}
