using Bunit;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Shell.Charts;
using CostInsights.Web.Features.Usage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Components;

public sealed class UsagePageTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);

    private const string Prices = "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\n" +
        "openai,gpt-4o,2.5,10,1.25,2026-01-01\nanthropic,claude-sonnet-4,3,15,0.3,2026-01-01\n";

    // 3.25, 10.80 and 1.00 dollars; gpt-9 has no price.
    private const string Usage = """
        timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,requests,project,tags
        2026-04-02T10:00:00Z,openai,gpt-4o,support,1000000,100000,200000,10,helpdesk,env=prod
        2026-04-09T11:30:00Z,anthropic,claude-sonnet-4,<b>search</b>,2000000,500000,1000000,20,ranking,env=prod
        2026-05-03T09:00:00Z,openai,gpt-4o,support,400000,0,0,4,helpdesk,env=staging
        2026-05-04T09:00:00Z,openai,gpt-9,support,10,10,0,1,,
        """;

    [Fact]
    public async Task The_default_view_is_the_last_three_months_by_provider_with_its_records_a_page_at_a_time_sorted_in_the_database()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await harness.IngestAsync(Prices, Usage);
        var page = harness.Context.Render<UsagePage>();

        page.WaitForElement("[data-testid=period-described]").TextContent.ShouldBe("1 Mar 2026 to 20 May 2026");
        page.Find("[data-testid=total-token-cost] ").TextContent.ShouldContain("$15.05");
        page.FindAll("[data-testid=group-cost]").Select(c => c.TextContent.Trim()).ShouldBe(["$10.80", "$4.25"]);
        page.WaitForAssertion(() => page.FindAll("[data-testid=row-cost]").Count.ShouldBe(4));
        // Newest first; a team name from the file is text, not markup.
        page.FindAll("[data-testid=row-cost]").Select(c => c.TextContent).ShouldBe(["unpriced", "$1.00", "$10.80", "$3.25"]);
        page.Markup.ShouldContain("&lt;b&gt;search&lt;/b&gt;");
        page.Markup.ShouldNotContain("<b>search</b>");

        // Sorting by cost asks the database for the most expensive first.
        AngleSharp.Dom.IElement SortByCost() => page.Find("[data-testid=usage-table]").QuerySelectorAll("th")
            .First(th => th.TextContent.Contains("Per-token cost", StringComparison.Ordinal)).QuerySelector("[aria-label=Sort]")!;
        await SortByCost().ClickAsync(new());
        page.WaitForAssertion(() => page.FindAll("[data-testid=row-cost]").Select(c => c.TextContent).ShouldBe(["unpriced", "$1.00", "$3.25", "$10.80"]));
        await SortByCost().ClickAsync(new());
        page.WaitForAssertion(() => page.FindAll("[data-testid=row-cost]").Select(c => c.TextContent).ShouldBe(["$10.80", "$3.25", "$1.00", "unpriced"]));
    }

    [Fact]
    public async Task Weeks_by_team_are_drawn_stacked_and_a_column_opens_that_week_of_that_team()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        await harness.IngestAsync(Prices, Usage);
        var navigation = harness.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/usage?from=2026-04-01&to=2026-04-30&by=team&grain=week");
        var page = harness.Context.Render<UsagePage>();

        var chart = page.WaitForComponent<Chart>();
        chart.Instance.Spec.Stacked.ShouldBeTrue();
        chart.Instance.Spec.X.Unit.ShouldBe(AxisUnit.Day);
        chart.Instance.Spec.Series.Select(s => s.Name).ShouldBe(["<b>search</b>", "support"]);
        // The weeks of April 2026 from Monday 30 March; the search team's spend is in the week of 6 April.
        var search = chart.Instance.Spec.Series[0];
        search.Points.Select(p => p.X.AsDate().ToString("yyyy-MM-dd")).ShouldBe(["2026-03-30", "2026-04-06", "2026-04-13", "2026-04-20", "2026-04-27"]);
        search.Points.Select(p => p.Y).ShouldBe([0m, 10.80m, 0m, 0m, 0m]);

        await page.InvokeAsync(() => chart.Instance.OnClick.InvokeAsync(new ChartClick(search, search.Points[1])));
        var address = new Uri(navigation.Uri);
        address.AbsolutePath.ShouldBe("/usage");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(address.Query);
        (query["from"].ToString(), query["to"].ToString(), query["team"].ToString(), query["by"].ToString())
            .ShouldBe(("2026-04-06", "2026-04-12", "<b>search</b>", "team"));
    }

    [Fact]
    public async Task A_preset_period_goes_into_the_address_and_an_empty_view_says_what_to_do()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        var navigation = harness.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/usage?period=this-month");
        var page = harness.Context.Render<UsagePage>();
        page.WaitForElement("[data-testid=usage-empty]").TextContent.ShouldContain("Ingestion");
        page.Find("[data-testid=period-described]").TextContent.ShouldBe("1 May 2026 to 20 May 2026");

        var picker = page.FindComponent<CostInsights.Web.Features.Shell.PeriodPicker>();
        await page.InvokeAsync(() => picker.Instance.Changed.InvokeAsync(("ytd", new DateTime(2026, 1, 1), new DateTime(2026, 5, 21))));
        new Uri(navigation.Uri).Query.ShouldBe("?period=ytd");
        await page.InvokeAsync(() => picker.Instance.Changed.InvokeAsync(((string?)null, new DateTime(2026, 2, 1), new DateTime(2026, 3, 1))));
        new Uri(navigation.Uri).Query.ShouldBe("?from=2026-02-01&to=2026-02-28");
    }

    [Fact]
    public async Task A_period_that_is_not_a_date_is_explained()
    {
        await using var harness = await PageHarness.CreateAsync(Now);
        harness.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/usage?from=yesterday");
        var page = harness.Context.Render<UsagePage>();
        page.WaitForElement("[data-testid=filter-problem]").TextContent.ShouldBe("'yesterday' is not a date: use YYYY-MM-DD.");
    }

    [Fact]
    public void Only_roles_that_read_dashboards_may_open_it()
    {
        var policy = typeof(UsagePage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Single().Policy;
        policy.ShouldBe(AppPolicies.ReadDashboards);
    }
}
