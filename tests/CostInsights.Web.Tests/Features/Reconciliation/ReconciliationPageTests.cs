using System.Text;
using CostInsights.Core.Ingestion;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Users;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Reconciliation;

public sealed class ReconciliationPageTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    private const string Prices = """
        provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from
        anthropic,claude-sonnet-4,3.00,15.00,0.30,2026-01-01
        anthropic,<b>claude-x</b>,1.00,5.00,0.10,2026-01-01
        """;

    private const string Usage = """
        {"data": [{"starting_at": "2026-04-01T00:00:00Z", "ending_at": "2026-04-02T00:00:00Z", "results": [
          {"uncached_input_tokens": 1000000, "output_tokens": 100000, "workspace_id": "support", "model": "claude-sonnet-4"},
          {"uncached_input_tokens": 1000000, "output_tokens": 0, "workspace_id": "support", "model": "<b>claude-x</b>"}]}], "has_more": false}
        """;

    // Input as priced ($3.00); output at $16.50 a million, not the sheet's $15; the model with markup in its name as priced ($1.00).
    private const string Costs = """
        {"data": [{"starting_at": "2026-04-01T00:00:00Z", "ending_at": "2026-04-02T00:00:00Z", "results": [
          {"currency": "USD", "amount": "300", "cost_type": "tokens", "model": "claude-sonnet-4", "token_type": "uncached_input_tokens"},
          {"currency": "USD", "amount": "165", "cost_type": "tokens", "model": "claude-sonnet-4", "token_type": "output_tokens"},
          {"currency": "USD", "amount": "100", "cost_type": "tokens", "model": "<b>claude-x</b>", "token_type": "uncached_input_tokens"}]}],
         "has_more": false}
        """;

    [Fact]
    public async Task Finance_sees_each_charge_billed_beside_priced_with_what_explains_the_difference()
    {
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var empty = await finance.GetPageAsync("/reconciliation");
        empty.ShouldContain("data-testid=\"reconciliation-empty\"");
        empty.ShouldContain("No cost report to reconcile yet");

        using (var scope = app.Services.CreateScope())
        {
            var sheets = scope.ServiceProvider.GetRequiredService<PriceSheetService>();
            var sheet = await sheets.UploadAsync(null, null, new MemoryStream(Encoding.UTF8.GetBytes(Prices)), "prices.csv", "test", CancellationToken.None);
            (await sheets.ActivateAsync(sheet.Draft!.Id, null, false, "test", CancellationToken.None)).Error.ShouldBeNull();
            var ingestion = scope.ServiceProvider.GetRequiredService<UsageIngestionService>();
            foreach (var (name, content) in new[] { ("anthropic-usage.json", Usage), ("anthropic-costs.json", Costs) })
            {
                var batch = await ingestion.QueueFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), name, "test", CancellationToken.None);
                await ingestion.RunBatchAsync(batch.Id, CancellationToken.None);
            }
        }

        var page = await finance.GetPageAsync("/reconciliation");
        page.ShouldContain("Apr 2026");
        // Billed $5.65 against $5.50 priced.
        page.ShouldContain("kpi-billed\" class=\"mud-typography mud-typography-h5\">$5.65<");
        page.ShouldContain("kpi-priced\" class=\"mud-typography mud-typography-h5\">$5.50<");
        page.ShouldContain("kpi-difference\" class=\"mud-typography mud-typography-h5\">$0.15<");
        page.ShouldContain("kpi-matching\" class=\"mud-typography mud-typography-h5\">2 of 3<");
        page.ShouldContain("Billed 10% more than priced: $16.5 per 1M tokens against the sheet&#x27;s $15 for the 100,000 tokens stored.");
        // A model's name from a file is text, not markup.
        page.ShouldContain("&lt;b&gt;claude-x&lt;/b&gt;");
        page.ShouldNotContain("<b>claude-x</b>");

        page.ShouldContain("href=\"/reconciliation/export?month=2026-04&amp;format=csv\"");
        var csv = await (await finance.GetAsync("/reconciliation/export?month=2026-04&format=csv")).Content.ReadAsStringAsync();
        csv.ShouldStartWith("day,provider,model,charge,billed_usd,priced_usd,difference_usd,tokens,status,what_explains_it\r\n");
        csv.ShouldContain("\r\n2026-04-01,anthropic,claude-sonnet-4,output,1.65,1.50,0.15,100000,differs,\"Billed 10% more than priced: $16.5 per 1M");
        csv.ShouldContain("\r\n2026-04-01,anthropic,claude-sonnet-4,input,3.00,3.00,0.00,1000000,as priced,Billed as priced.\r\n");
        var xlsx = await finance.GetAsync("/reconciliation/export?month=2026-04&format=xlsx");
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await finance.GetAsync("/reconciliation/export?month=2025-01")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        using (var manager = await app.SignedInAsync(AppRoles.EngineeringManager))
        {
            var refused = await manager.GetAsync("/reconciliation/export?month=2026-04");
            refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
            refused.Headers.Location!.AbsolutePath.ShouldBe("/access-denied");
        }

        var other = await finance.GetPageAsync("/reconciliation?month=2025-01");
        other.ShouldContain("No cost report bills January 2025: showing the newest month that has one.");
        other.ShouldContain("kpi-billed\" class=\"mud-typography mud-typography-h5\">$5.65<");
    }
}
