using Bunit;
using CostInsights.Core.Forecasts;
using CostInsights.Core.Jobs;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Forecasts;
using CostInsights.Web.Features.Shell.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Components;

public sealed class ForecastsPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime June = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Before_the_first_run_it_says_when_one_comes_and_finance_may_start_one()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetPolicies(AppPolicies.ReadDashboards, AppPolicies.PlanSpend);
        var page = harness.Context.Render<ForecastsPage>();

        page.WaitForElement("[data-testid=forecasts-empty]").TextContent.ShouldContain("runs on the 2nd of each month");
        page.FindAll("[data-testid=run-forecast]").Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_manager_reads_forecasts_but_has_no_button_to_start_a_run()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("manager@example.com").SetPolicies(AppPolicies.ReadDashboards);
        var page = harness.Context.Render<ForecastsPage>();

        page.WaitForElement("[data-testid=forecasts-empty]");
        page.FindAll("[data-testid=run-forecast]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_run_shows_its_months_with_bands_the_series_in_the_address_and_a_missing_measure_says_so()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetPolicies(AppPolicies.ReadDashboards);
        await harness.SeedAsync(db =>
        {
            db.MonthlyRollups.Add(new MonthlyRollup { PeriodStart = June.AddMonths(-1), Provider = "openai", Model = "m", Team = "t", TokenCost = 90m });
            db.ForecastRuns.AddRange(Run(SeriesKeys.Total, 100m), Run("provider:openai", 60m));
        });
        harness.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/forecasts?series=provider%3Aopenai");
        var page = harness.Context.Render<ForecastsPage>();

        page.WaitForElement("[data-testid=forecast-table]");
        page.FindAll("[data-testid=forecast-table] tr[data-month]").Count.ShouldBe(3);
        page.Find("[data-testid=forecast-sum]").TextContent.ShouldBe("$180.00");
        page.Find("[data-testid=forecast-sum-no-interval]").TextContent.ShouldContain("intervals of single months do not add up to one");
        page.Find("h2").TextContent.ShouldStartWith("Provider openai");
        page.FindAll("[data-testid=forecast-scenario-note]").ShouldBeEmpty("the note is the total's");
        page.Find("[data-testid=export-csv]").GetAttribute("href").ShouldBe("/forecasts/export?series=provider%3Aopenai&measure=token-spend&format=csv");
        var chart = page.FindComponent<Chart>().Instance.Spec;
        chart.Series.Select(s => s.Name).ShouldBe(["95% interval", "80% interval", "Actual", "Forecast"]);
        chart.Series[0].Points[0].Low.ShouldBe(24m);
        chart.Series[0].Points[0].High.ShouldBe(96m);

        harness.Context.Services.GetRequiredService<NavigationManager>()
            .NavigateTo($"/forecasts?series=provider%3Aopenai&measure={ForecastMeasures.ComputeSpend}");
        var other = harness.Context.Render<ForecastsPage>();
        other.WaitForElement("[data-testid=forecast-missing]").TextContent.ShouldContain("no capacity offer");
    }

    [Fact]
    public async Task The_year_s_total_has_an_interval_from_the_share_its_run_calibrated()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetPolicies(AppPolicies.ReadDashboards);
        var total = Run(SeriesKeys.Total, 100m);
        (total.TotalShare80, total.TotalShare95) = (0.7, 0.8);
        await harness.SeedAsync(db => db.ForecastRuns.Add(total));
        var page = harness.Context.Render<ForecastsPage>();

        page.WaitForElement("[data-testid=forecast-total]");
        page.Find("[data-testid=forecast-sum]").TextContent.ShouldBe("$300.00");
        // Three months reaching $20 either side at 80% and $60 at 95%: 0.7 × $60 and 0.8 × $180 of them.
        page.Find("[data-testid=forecast-sum-80]").TextContent.ShouldBe("$258.00 – $342.00");
        page.Find("[data-testid=forecast-sum-95]").TextContent.ShouldBe("$156.00 – $444.00");
        System.Text.RegularExpressions.Regex.Replace(page.Find("[data-testid=forecast-sum-note]").TextContent, @"\s+", " ")
            .ShouldContain("the total's interval is not its months' intervals added up");
        page.FindAll("[data-testid=forecast-sum-no-interval]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Prices_activated_after_the_run_are_named_beside_its_spend_until_the_next_run()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetPolicies(AppPolicies.ReadDashboards, AppPolicies.PlanSpend);
        await harness.SeedAsync(db =>
        {
            db.ForecastRuns.Add(Run(SeriesKeys.Total, 100m));
            db.PriceSheets.AddRange(Sheet("before the run", Now.UtcDateTime.AddHours(-2)), Sheet("<b>list</b>", Now.UtcDateTime.AddMinutes(-10)));
        });
        var page = harness.Context.Render<ForecastsPage>();

        var newer = page.WaitForElement("[data-testid=newer-prices]");
        newer.TextContent.ShouldContain("“<b>list</b>” v2 was activated 2026-06-15 11:50 UTC. This run priced its months");
        newer.TextContent.ShouldContain("Run a forecast now to see them.");
        newer.QuerySelectorAll("b").ShouldBeEmpty();

        // Volumes are not priced: nothing to say beside them.
        harness.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/forecasts?measure={ForecastMeasures.InputTokens}");
        harness.Context.Render<ForecastsPage>().FindAll("[data-testid=newer-prices]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_now_shows_the_new_forecast_without_a_reload()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.AddAuthorization().SetAuthorized("finance@example.com").SetPolicies(AppPolicies.ReadDashboards, AppPolicies.PlanSpend);
        var page = harness.Context.Render<ForecastsPage>();
        page.WaitForElement("[data-testid=forecasts-empty]");

        var click = page.Find("[data-testid=run-forecast]").ClickAsync(new());
        page.WaitForElement("[data-testid=forecast-started]");
        await harness.SeedAsync(db =>
        {
            db.ForecastRuns.Add(Run(SeriesKeys.Total, 100m));
            db.JobRuns.Add(new JobRun
            {
                JobName = JobIds.Forecast,
                StartedAt = Now.UtcDateTime,
                FinishedAt = Now.UtcDateTime.AddSeconds(4),
                Succeeded = true
            });
        });
        await click;

        page.WaitForElement("[data-testid=forecast-table]");
        page.FindAll("[data-testid=forecast-started]").ShouldBeEmpty();
        page.FindAll("[data-testid=forecasts-empty]").ShouldBeEmpty();
        page.Find("[data-testid=forecast-scenario-note]").TextContent.ShouldContain("the baseline of every scenario");
    }

    private static PriceSheet Sheet(string name, DateTime activatedAt) => new()
    {
        Name = name,
        Version = 2,
        UploadedBy = "admin",
        Format = "csv",
        Status = PriceSheetStatus.Active,
        EffectiveFrom = June,
        ActivatedAt = activatedAt,
    };

    private static ForecastRun Run(string series, decimal point) => new()
    {
        CreatedAt = Now.UtcDateTime.AddHours(-1),
        Series = series,
        Measure = ForecastMeasures.TokenSpend,
        Method = "ets",
        FirstMonth = June,
        HorizonMonths = 3,
        PointsJson = ForecastPoint.Serialize([.. Enumerable.Range(0, 3)
            .Select(i => new ForecastPoint(June.AddMonths(i), point, point * 0.8m, point * 1.2m, point * 0.4m, point * 1.6m))]),
    };
}
