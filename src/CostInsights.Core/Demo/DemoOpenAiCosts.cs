using System.Text.Json.Nodes;
using CostInsights.Core.Reconciliation;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Demo;

/// <summary>
/// The demo company's OpenAI costs for a month, as OpenAI would bill its usage: each day's token charges exactly as the demo's
/// price sheets price them, one line item per model and charge, written as the organization costs API's pages are, in dollars.
/// </summary>
public static class DemoOpenAiCosts
{
    public static string Write(IEnumerable<PricedCharge> charges)
    {
        var buckets = new JsonArray();
        foreach (var day in charges.GroupBy(c => c.Day).OrderBy(g => g.Key))
        {
            var results = new JsonArray();
            foreach (var charge in day.Where(c => c.Cost > 0 && ChargeClasses.Rank(c.ChargeClass) < ChargeClasses.Tokens.Count))
            {
                results.Add(new JsonObject
                {
                    ["object"] = "organization.costs.result",
                    ["amount"] = new JsonObject { ["value"] = Math.Round(charge.Cost, 6), ["currency"] = "usd" },
                    ["line_item"] = $"{charge.Model}, {charge.ChargeClass}",
                    ["project_id"] = null,
                });
            }
            buckets.Add(new JsonObject
            {
                ["object"] = "bucket",
                ["start_time"] = new DateTimeOffset(day.Key).ToUnixTimeSeconds(),
                ["end_time"] = new DateTimeOffset(day.Key.AddDays(1)).ToUnixTimeSeconds(),
                ["results"] = results,
            });
        }
        return new JsonObject { ["object"] = "page", ["data"] = buckets, ["has_more"] = false, ["next_page"] = null }.ToJsonString();
    }
}
