using Bunit;
using CostInsights.Core.Forecasts;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Compare;
using CostInsights.Web.Features.Shell.Charts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CostInsights.Web.Tests.Components;

public sealed class ComparePageTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime April = new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Without_a_capacity_offer_it_says_what_an_admin_adds()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        var page = harness.Context.Render<ComparePage>();
        page.WaitForElement("[data-testid=compare-empty]").TextContent.ShouldContain("none in the active price sheets");
    }

    [Fact]
    public async Task A_comparison_draws_volume_as_tokens_marks_the_breakeven_and_a_changed_lever_goes_into_the_address()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await SeedOfferAndAprilAsync(harness);
        harness.Context.Render<MudPopoverProvider>();
        var page = harness.Context.Render<ComparePage>();

        page.WaitForElement("[data-testid=compare-sentence]").TextContent.ShouldContain("compute-time billing is the cheaper scheme now");
        page.Find("tr[data-month='2026-04'] [data-testid=compute-cost]").TextContent.ShouldBe("$2,592.00");
        var chart = page.FindComponent<Chart>().Instance.Spec;
        chart.X.Unit.ShouldBe(AxisUnit.Tokens);
        chart.Markers.Single().Label.ShouldStartWith("Breakeven: ");
        chart.Series[2].Points.Single().X.Number.ShouldBe(15_000_000_000d);

        // No forecast yet: the months ahead say how one comes.
        page.Find("[data-testid=ahead-empty]").TextContent.ShouldContain("runs one on Forecasts");

        page.FindComponents<MudNumericField<int?>>().First(f => f.Instance.Label!.StartsWith("Target", StringComparison.Ordinal)).Find("input").Change("80");
        harness.Context.Services.GetRequiredService<NavigationManager>().Uri.ShouldContain("utilisation=80&months=6");
    }

    [Fact]
    public async Task The_workload_s_forecast_months_are_priced_both_ways_at_the_point_and_the_volumes_80_percent_bounds()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await SeedOfferAndAprilAsync(harness);
        // June as forecast: 10B input and 50M output tokens (1.5M compute seconds, one GPU for 720 hours at 60%: $2,592), from half to
        // twice that at 80% (one GPU, and two: $5,184); per token $20,400, from $18,000 to $23,000.
        var june = April.AddMonths(2);
        ForecastRun Run(string measure, decimal point, decimal low, decimal high) => new()
        {
            CreatedAt = Now.UtcDateTime.AddHours(-1),
            Series = "model:acme/big",
            Measure = measure,
            Method = "test",
            FirstMonth = june,
            HorizonMonths = 1,
            PointsJson = ForecastPoint.Serialize([new(june, point, low, high, low / 2, high * 2)]),
        };
        await harness.SeedAsync(db => db.ForecastRuns.AddRange(
            Run(ForecastMeasures.InputTokens, 10_000_000_000m, 5_000_000_000m, 20_000_000_000m),
            Run(ForecastMeasures.OutputTokens, 50_000_000m, 25_000_000m, 100_000_000m),
            Run(ForecastMeasures.TokenSpend, 20_400m, 18_000m, 23_000m)));
        harness.Context.Render<MudPopoverProvider>();

        var page = harness.Context.Render<ComparePage>();

        page.WaitForElement("[data-testid=ahead-sentence]").TextContent.ShouldBe("As forecast, the next 1 months cost $20,400.00 per token and " +
            "$2,592.00 under compute-time billing at 60% target utilisation: compute-time billing is the cheaper in every month.");
        var row = page.Find("[data-testid=ahead-table] tr[data-month='2026-06']");
        row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ShouldBe(
            ["10,000,000,000", "50,000,000", "$20,400.00", "$18,000.00 – $23,000.00", "$2,592.00", "$2,592.00 – $5,184.00", "1"]);
    }

    private static Task SeedOfferAndAprilAsync(PageHarness harness) => harness.SeedAsync(db =>
    {
        var sheet = new PriceSheet
        {
            Name = "list",
            Version = 1,
            UploadedBy = "admin",
            Format = "csv",
            Status = PriceSheetStatus.Active,
            EffectiveFrom = April.AddMonths(-3)
        };
        db.PriceSheets.Add(sheet);
        db.SaveChanges();
        db.CapacityOffers.Add(new CapacityOffer
        {
            PriceSheetId = sheet.Id,
            Provider = "acme",
            Model = "big",
            EffectiveFrom = April.AddMonths(-3),
            UnitKind = CapacityUnitKind.GpuHour,
            Term = CommitmentTerm.None,
            RatePerUnitHour = 3.6m,
            InputTokensPerSecond = 10_000m,
            OutputTokensPerSecond = 100m
        });
        db.MonthlyRollups.Add(new MonthlyRollup
        {
            PeriodStart = April,
            Provider = "acme",
            Model = "big",
            Team = "research",
            InputTokens = 10_000_000_000,
            OutputTokens = 50_000_000,
            TokenCost = 20_400m,
            RecordCount = 1
        });
    });

    [Fact]
    public void Only_roles_that_build_scenarios_may_open_it()
    {
        typeof(ComparePage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Single().Policy
            .ShouldBe(AppPolicies.BuildScenarios);
    }
}
