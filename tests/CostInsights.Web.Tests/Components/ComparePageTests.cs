using Bunit;
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
        await harness.SeedAsync(db =>
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
        harness.Context.Render<MudPopoverProvider>();
        var page = harness.Context.Render<ComparePage>();

        page.WaitForElement("[data-testid=compare-sentence]").TextContent.ShouldContain("compute-time billing is the cheaper scheme now");
        page.Find("tr[data-month='2026-04'] [data-testid=compute-cost]").TextContent.ShouldBe("$2,592.00");
        var chart = page.FindComponent<Chart>().Instance.Spec;
        chart.X.Unit.ShouldBe(AxisUnit.Tokens);
        chart.Markers.Single().Label.ShouldStartWith("Breakeven: ");
        chart.Series[2].Points.Single().X.Number.ShouldBe(15_000_000_000d);

        page.FindComponents<MudNumericField<int?>>().First(f => f.Instance.Label!.StartsWith("Target", StringComparison.Ordinal)).Find("input").Change("80");
        harness.Context.Services.GetRequiredService<NavigationManager>().Uri.ShouldContain("utilisation=80&months=6");
    }

    [Fact]
    public void Only_roles_that_build_scenarios_may_open_it()
    {
        typeof(ComparePage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Single().Policy
            .ShouldBe(AppPolicies.BuildScenarios);
    }
}
