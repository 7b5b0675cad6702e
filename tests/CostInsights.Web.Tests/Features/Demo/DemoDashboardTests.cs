using System.Globalization;
using System.Text.RegularExpressions;
using CostInsights.Core.Data;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Features.Demo;

/// <summary>The app started in demo mode, as the README runs it, with its generated usage.</summary>
public sealed class DemoWebAppFixture() : WebAppFixture(DatabaseProvider.Sqlite)
{
    protected override bool SeedDemoUsage => true;
}

public sealed partial class DemoDashboardTests(DemoWebAppFixture app) : IClassFixture<DemoWebAppFixture>
{
    [Fact]
    public async Task A_first_visit_shows_a_full_dashboard()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var overview = await finance.GetPageAsync("/");

        overview.ShouldNotContain("overview-empty");
        var totals = MonthTotal().Matches(overview).Select(m => m.Groups[1].Value).ToList();
        totals.Count.ShouldBe(12);
        totals.ShouldAllBe(t => t != "$0.00");
        foreach (var provider in new[] { "openai", "anthropic", "google", "self-hosted" })
        {
            overview.ShouldContain($"<th scope=\"col\" class=\"num\">{provider}</th>", Case.Sensitive, $"no {provider} column");
        }
        ComputeKpi().Match(overview).Groups[1].Value.ShouldNotBe("–");
    }

    [Fact]
    public async Task A_fresh_demo_has_a_forecast_and_budgets_one_of_them_crossed()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var overview = await finance.GetPageAsync("/");
        overview.ShouldNotContain("data-testid=\"overview-no-forecast\"");
        overview.ShouldContain("id=\"spend-outlook\"");
        overview.ShouldContain("data-testid=\"budget-alert\"");
        // The next 12 months' total comes with its 80% interval, the point inside it.
        var total = ForecastTotal().Match(overview);
        total.Success.ShouldBeTrue("no total of the next 12 months with its interval");
        decimal Dollars(int group) => decimal.Parse(total.Groups[group].Value.TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture);
        Dollars(2).ShouldBeLessThan(Dollars(1));
        Dollars(3).ShouldBeGreaterThan(Dollars(1));

        var budgets = await finance.GetPageAsync("/budgets");
        budgets.ShouldContain("forecast over budget");
        budgets.ShouldContain("within budget");
        (await finance.GetPageAsync("/forecasts")).ShouldNotContain("data-testid=\"forecasts-empty\"");

        // The Jobs page keeps that first forecast as a run of the forecast job, with what it did.
        using var admin = await app.SignedInAsync(AppRoles.Admin);
        var forecastJob = ForecastJobRow().Match(await admin.GetPageAsync("/jobs"));
        forecastJob.Success.ShouldBeTrue("no row for the forecast job");
        forecastJob.Value.ShouldNotContain("never");
        forecastJob.Value.ShouldContain("succeeded");
        forecastJob.Value.ShouldContain("series forecast 12 months ahead");
        forecastJob.Value.ShouldContain("budget alerts written (the demo&#x27;s first forecast)");
    }

    [GeneratedRegex("<tr data-job=\"forecast\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex ForecastJobRow();

    [GeneratedRegex(
        "data-testid=\"overview-forecast-total\">([^<]+)</strong><span data-testid=\"overview-forecast-total-80\">, 80% interval ([^ ]+) to ([^<]+)</span>")]
    private static partial Regex ForecastTotal();

    [GeneratedRegex("data-testid=\"month-total\">([^<]+)<")]
    private static partial Regex MonthTotal();

    [GeneratedRegex("data-testid=\"kpi-compute\"[^>]*>([^<]+)<")]
    private static partial Regex ComputeKpi();
}
