using System.Net;
using System.Text;
using CostInsights.Core.Csv;
using CostInsights.Core.Ingestion;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Usage;

public sealed class UsagePageTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>, IAsyncLifetime
{
    private const string Period = "from=2026-04-01&to=2026-04-30";

    // gpt-4o in April: 2.50 in, 10.00 out, 1.25 cached per 1M tokens; claude-sonnet-4: 3.00, 15.00, 0.30.
    private const string Usage = """
        timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,requests,request_id,project,tags
        2026-04-02T10:00:00Z,openai,gpt-4o,support,1000000,100000,200000,10,u-1,helpdesk,env=prod;feature=chat
        2026-04-02T11:30:00Z,anthropic,claude-sonnet-4,search,2000000,500000,1000000,20,u-2,ranking,env=prod
        2026-04-03T09:00:00Z,openai,gpt-4o,=HYPERLINK("http://x"),400000,0,0,4,u-3,helpdesk,env=staging
        2026-04-04T09:00:00Z,openai,gpt-9,search,10,10,0,1,u-4,,
        2026-03-30T09:00:00Z,openai,gpt-4o,support,7,7,0,1,u-5,,
        """;

    private const string ComputeInvoice = """
        period_start,period_end,provider,model,team,workload,units,hours,compute_seconds,amount,invoice_id
        2026-04-01,2026-05-01,openai,gpt-4o,support,chat PTUs,,,,900.00,INV-4
        """;

    public async ValueTask InitializeAsync()
    {
        using var scope = app.Services.CreateScope();
        var sheets = scope.ServiceProvider.GetRequiredService<PriceSheetService>();
        var upload = await sheets.UploadAsync(null, null, new MemoryStream(Encoding.UTF8.GetBytes(Uploads.PriceSheet)), "prices.csv", "test",
            CancellationToken.None);
        await sheets.ActivateAsync(upload.Draft!.Id, null, false, "test", CancellationToken.None);
        var ingestion = scope.ServiceProvider.GetRequiredService<UsageIngestionService>();
        var batch = await ingestion.QueueFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(Usage)), "usage.csv", "test", CancellationToken.None);
        await ingestion.RunBatchAsync(batch.Id, CancellationToken.None);
        var invoice = await ingestion.QueueFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(ComputeInvoice)), "ptu-invoice.csv", "test",
            CancellationToken.None);
        await ingestion.RunBatchAsync(invoice.Id, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Finance_sees_the_period_s_totals_a_chart_and_the_records_with_unpriced_ones_flagged()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var page = await finance.GetPageAsync($"/usage?{Period}");

        // 800,000×2.5 + 200,000×1.25 + 100,000×10 = 3.25; 1,000,000×3 + 1,000,000×0.30 + 500,000×15 = 10.80; 400,000×2.5 = 1.00
        page.ShouldContain("data-testid=\"total-token-cost\"");
        Kpi(page, "total-token-cost").ShouldBe("$15.05");
        Kpi(page, "total-requests").ShouldBe("35");
        page.ShouldContain("4 records");
        page.ShouldContain("data-testid=\"usage-spend\"");
        page.ShouldContain("1 of these records have no price yet");
        // Grouped by provider: anthropic's 10.80 first, then openai's 4.25 (3.25 + 1.00, and gpt-9 unpriced).
        GroupCosts(page).ShouldBe(["$10.80", "$4.25"]);
        // The month's PTU invoice is the compute-time side of the period.
        page.ShouldContain("data-testid=\"cost-lines\"");
        page.ShouldContain("data-testid=\"lines-total-compute-time\">compute time $900.00 in 1 line.");
        page.ShouldContain("data-testid=\"cost-line-table\"");
    }

    [Fact]
    public async Task Filters_by_tag_and_project_read_the_records_and_agree_with_the_rollups()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        Kpi(await finance.GetPageAsync($"/usage?{Period}&tag=env%3Dprod"), "total-token-cost").ShouldBe("$14.05");
        Kpi(await finance.GetPageAsync($"/usage?{Period}&project=helpdesk"), "total-token-cost").ShouldBe("$4.25");
        Kpi(await finance.GetPageAsync($"/usage?{Period}&team=search"), "total-token-cost").ShouldBe("$10.80");

        // Grouped by project from the records, by tag value, by team from the rollups: each group and the total agree.
        var byProject = await finance.GetPageAsync($"/usage?{Period}&by=project");
        GroupCosts(byProject).ShouldBe(["$10.80", "$4.25", "$0.00"]);
        byProject.ShouldContain(">ranking<");
        GroupCosts(await finance.GetPageAsync($"/usage?{Period}&by=tag&tagkey=env")).ShouldBe(["$14.05", "$1.00", "$0.00"]);
        Kpi(await finance.GetPageAsync($"/usage?{Period}&by=team&grain=month"), "total-token-cost").ShouldBe("$15.05");
    }

    [Fact]
    public async Task The_records_export_is_csv_that_cannot_run_a_formula()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var response = await finance.GetAsync($"/usage/export.csv?{Period}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.ShouldContain("usage-2026-04-01-to-2026-04-30.csv");
        var rows = new CsvStreamReader(new StringReader(await response.Content.ReadAsStringAsync())).ReadAll().ToList();
        rows.Count.ShouldBe(5);
        var header = rows[0].Fields.ToList();
        var teams = rows.Skip(1).Select(r => r.Fields[header.IndexOf("team")]).ToList();
        teams.ShouldContain("'=HYPERLINK(\"http://x\")");
        rows.Skip(1).Sum(r => decimal.Parse(r.Fields[header.IndexOf("token_cost_usd")], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(15.05m);
        // Money as stored, without a database's trailing zeros; booleans as true and false.
        foreach (var row in rows.Skip(1))
        {
            var cost = row.Fields[header.IndexOf("token_cost_usd")];
            (cost.Length - cost.IndexOf('.') - 1).ShouldBeInRange(2, 8, cost);
            row.Fields[header.IndexOf("batch")].ShouldBeOneOf("true", "false");
        }
        rows.Skip(1).Select(r => r.Fields[header.IndexOf("token_cost_usd")]).ShouldContain("3.25");
    }

    [Fact]
    public async Task The_focus_export_fills_every_mandatory_focus_1_2_column()
    {
        var spec = new CsvStreamReader(new StringReader(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.SharedData, "prices",
            "focus_v1.2_columns.csv")))).ReadAll().ToList();
        var specHeader = spec[0].Fields.ToList();
        var mandatory = spec.Skip(1).Where(r => r.Fields[specHeader.IndexOf("FeatureLevel")] == "Mandatory")
            .Select(r => (Column: r.Fields[0], Nullable: r.Fields[specHeader.IndexOf("AllowsNulls")] == "True")).ToList();
        mandatory.Count.ShouldBeGreaterThan(15);

        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var text = await (await finance.GetAsync($"/usage/focus.csv?{Period}")).Content.ReadAsStringAsync();
        var rows = new CsvStreamReader(new StringReader(text)).ReadAll().ToList();
        var header = rows[0].Fields.ToList();
        foreach (var (column, nullable) in mandatory)
        {
            header.ShouldContain(column);
            if (!nullable)
            {
                rows.Skip(1).ShouldAllBe(r => r.Fields[header.IndexOf(column)].Length > 0, $"{column} must be filled");
            }
        }
        // One charge a day per provider, model and team (four in April), and the PTU invoice.
        rows.Count.ShouldBe(6);
        rows.Skip(1).Sum(r => decimal.Parse(r.Fields[header.IndexOf("BilledCost")], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(915.05m);
        rows[^1].Fields[header.IndexOf("ChargePeriodEnd")].ShouldBe("2026-05-01T00:00:00Z");
        rows.Skip(1).Select(r => r.Fields[header.IndexOf("ChargePeriodStart")]).ShouldContain("2026-04-02T00:00:00Z");
    }

    [Fact]
    public async Task A_bad_period_is_explained_and_an_empty_one_says_what_to_do()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        (await finance.GetPageAsync("/usage?from=yesterday")).ShouldContain("&#x27;yesterday&#x27; is not a date: use YYYY-MM-DD.");
        (await finance.GetPageAsync("/usage?from=2020-01-01&to=2020-01-31")).ShouldContain("data-testid=\"usage-empty\"");
        (await finance.GetAsync("/usage/export.csv?from=2026-05-01&to=2026-04-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static string Kpi(string page, string testId)
    {
        var at = page.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, testId);
        var start = page.IndexOf('>', at) + 1;
        return page[start..page.IndexOf('<', start)].Trim();
    }

    private static List<string> GroupCosts(string page) =>
        [.. page.Split("data-testid=\"group-cost\">").Skip(1).Select(c => c[..c.IndexOf('<')].Trim())];
}
