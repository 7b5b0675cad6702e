using System.Globalization;
using System.Text.Json.Nodes;
using CostInsights.Core.Reconciliation;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Demo;

/// <summary>
/// The demo company's Anthropic cost report for a month, as Anthropic would bill its usage: each day's charges as the demo's
/// price sheets price them, but for a price rise on Claude Sonnet 4's output from the 15th that the sheets do not have (8%), and
/// web search, which per-token prices do not cover, billed on working days. Written as the Admin API's pages are, in cents.
/// </summary>
public static class DemoCostReport
{
    private const string RisenModel = "claude-sonnet-4";
    private const decimal Rise = 1.08m;
    private const int RiseFromDay = 15;

    private static readonly Dictionary<string, string> TokenTypes = new(StringComparer.Ordinal)
    {
        [ChargeClasses.Input] = "uncached_input_tokens",
        [ChargeClasses.CachedInput] = "cache_read_input_tokens",
        [ChargeClasses.CacheWrites] = "cache_creation.ephemeral_5m_input_tokens",
        [ChargeClasses.Output] = "output_tokens",
    };

    public static string Write(IEnumerable<PricedCharge> charges)
    {
        var buckets = new JsonArray();
        foreach (var day in charges.GroupBy(c => c.Day).OrderBy(g => g.Key))
        {
            var results = new JsonArray();
            foreach (var charge in day.Where(c => c.Cost > 0 && TokenTypes.ContainsKey(c.ChargeClass)))
            {
                var risen = charge.Model == RisenModel && charge.ChargeClass == ChargeClasses.Output && day.Key.Day >= RiseFromDay;
                results.Add(Result(charge.Cost * (risen ? Rise : 1m), "tokens", charge.Model, TokenTypes[charge.ChargeClass]));
            }
            if (day.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                results.Add(Result(1m + day.Key.Day % 5, "web_search", null, null));
            }
            buckets.Add(new JsonObject
            {
                ["starting_at"] = day.Key.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture),
                ["ending_at"] = day.Key.AddDays(1).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture),
                ["results"] = results,
            });
        }
        return new JsonObject { ["data"] = buckets, ["has_more"] = false, ["next_page"] = null }.ToJsonString();
    }

    private static JsonObject Result(decimal dollars, string costType, string? model, string? tokenType) => new()
    {
        ["currency"] = "USD",
        ["amount"] = Math.Round(dollars * 100m, 4).ToString("0.####", CultureInfo.InvariantCulture),
        ["workspace_id"] = null,
        ["description"] = null,
        ["cost_type"] = costType,
        ["model"] = model,
        ["service_tier"] = model is null ? null : "standard",
        ["token_type"] = tokenType,
    };
}
