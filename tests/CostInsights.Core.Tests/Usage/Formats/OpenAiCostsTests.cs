using CostInsights.Core.Usage;
using CostInsights.Core.Usage.Formats;

namespace CostInsights.Core.Tests.Usage.Formats;

public sealed class OpenAiCostsTests
{
    [Fact]
    public void A_costs_page_becomes_billed_lines_in_dollars_as_written_with_the_project_as_team()
    {
        const string json = """
            {"object": "page", "data": [{"object": "bucket", "start_time": 1777593600, "end_time": 1777680000, "results": [
              {"object": "organization.costs.result", "amount": {"value": 0.1308043800000001, "currency": "usd"},
               "line_item": "gpt-4o-2024-08-06, cached input", "project_id": "proj_a"},
              {"object": "organization.costs.result", "amount": {"value": 1.5, "currency": "usd"}, "line_item": null, "project_id": null}
            ]}], "has_more": false, "next_page": null}
            """;
        UsageFormats.Detect(json).ShouldBe(OpenAiCosts.Format);

        var lines = OpenAiCosts.Read(new StringReader(json)).Select(r => r.Row!).ToList();

        lines.Count.ShouldBe(2);
        // The number as written, not as a double would round it.
        lines[0].Amount.ShouldBe(0.1308043800000001m);
        (lines[0].PeriodStart, lines[0].PeriodEnd)
            .ShouldBe((new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc)));
        (lines[0].Provider, lines[0].Model, lines[0].Team, lines[0].ChargeClass, lines[0].Kind)
            .ShouldBe(("openai", "gpt-4o-2024-08-06", "proj_a", ChargeClasses.CachedInput, CostLineKinds.Billed));
        (lines[1].Model, lines[1].Team, lines[1].Description, lines[1].ChargeClass).ShouldBe(((string?)null, "unassigned", "OpenAI charge", (string?)null));
        lines[0].NaturalKey.ShouldNotBe(lines[1].NaturalKey);
    }

    [Theory]
    [InlineData("""{"value": 1.0, "currency": "eur"}""", "currency", "eur is not supported: the costs must be in USD")]
    [InlineData("\"1.0\"", "amount", "is missing: each result needs an amount with a value in dollars")]
    [InlineData("""{"value": "1.0"}""", "amount", "is missing: each result needs an amount with a value in dollars")]
    [InlineData("""{"value": 1e300}""", "amount", "1e300 is out of range for an amount")]
    public void An_amount_that_is_not_dollars_is_rejected_with_its_reason(string amount, string column, string reason)
    {
        var json = """
            {"data": [{"start_time": 1777593600, "results": [{"amount": AMOUNT, "line_item": "gpt-4o, input"}]}]}
            """.Replace("AMOUNT", amount, StringComparison.Ordinal);

        var result = OpenAiCosts.Read(new StringReader(json)).ToList().ShouldHaveSingleItem();

        (result.Row, result.LineNumber, result.Column, result.Reason).ShouldBe(((CostLineRow?)null, 1L, column, reason));
    }

    [Fact]
    public void A_usage_page_is_not_taken_for_costs()
    {
        var usage = File.ReadAllText(Path.Combine(Testing.TestEnvironment.RepositoryRoot, "samples", "openai-usage.json"));
        UsageFormats.Detect(usage).ShouldBe(OpenAiUsage.Format);
    }
}
