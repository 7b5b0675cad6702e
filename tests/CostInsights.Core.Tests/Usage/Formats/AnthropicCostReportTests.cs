using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class AnthropicCostReportTests
{
    [Fact]
    public void The_amount_is_a_decimal_string_of_cents_and_becomes_exact_dollars()
    {
        // Known mispricing: reading cents as dollars (100× too much). "1234.5678" cents = $12.345678.
        AnthropicCostReport.CentsToDollars("1234.5678").ShouldBe(12.345678m);
        AnthropicCostReport.CentsToDollars("0.0001").ShouldBe(0.000001m);
        Should.Throw<FormatException>(() => AnthropicCostReport.CentsToDollars("12,50"));
    }

    [Fact]
    public void A_report_page_becomes_billed_costs_in_dollars()
    {
        const string json = """
            {"data": [{"starting_at": "2026-05-01T00:00:00Z", "ending_at": "2026-05-02T00:00:00Z", "results": [
              {"currency": "USD", "amount": "1500.25", "workspace_id": "wrkspc_1", "description": null, "cost_type": "tokens",
               "context_window": "0-200k", "model": "claude-sonnet-4-5-20250929", "service_tier": "standard", "token_type": "uncached_input_tokens"},
              {"currency": "USD", "amount": "42", "workspace_id": null, "cost_type": "web_search", "model": null}
            ]}], "has_more": false, "next_page": null}
            """;
        var lines = AnthropicCostReport.Read(new StringReader(json)).Select(r => r.Row!).ToList();
        lines.Count.ShouldBe(2);
        lines[0].Amount.ShouldBe(15.0025m);
        (lines[0].PeriodStart, lines[0].PeriodEnd)
            .ShouldBe((new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc)));
        (lines[0].Model, lines[0].Team, lines[0].Kind).ShouldBe(("claude-sonnet-4-5-20250929", "wrkspc_1", CostLineKinds.Billed));
        lines[0].Description.ShouldBe("tokens, uncached_input_tokens, standard, 0-200k");
        (lines[1].Amount, lines[1].Team, lines[1].Description).ShouldBe((0.42m, "default", "web_search"));
        lines[0].NaturalKey.ShouldNotBe(lines[1].NaturalKey);
    }
}
