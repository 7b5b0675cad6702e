using System.Text.Json;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// OpenAI's organization costs API (<c>/v1/organization/costs</c>): pages of daily buckets whose results carry an
/// <c>amount</c> of <c>value</c> dollars in a <c>currency</c>, and, grouped by <c>line_item</c> and <c>project_id</c>, what
/// each amount is for ("gpt-4o-2024-08-06, cached input") and which project it billed. Each result becomes a billed cost
/// line of its bucket, in dollars as written; the project is the team.
/// </summary>
public static class OpenAiCosts
{
    public const string Format = "openai-costs";

    /// <summary>Whether the text starts like a costs page: its results' object, or an amount of a value in a currency.</summary>
    public static bool Looks(string start) =>
        start.Contains("\"organization.costs.result\"", StringComparison.Ordinal)
            || (start.Contains("\"start_time\"", StringComparison.Ordinal) && start.Contains("\"amount\"", StringComparison.Ordinal)
                && start.Contains("\"value\"", StringComparison.Ordinal));

    public static IEnumerable<CostLineReadResult> Read(TextReader reader) =>
        JsonPages.ReadBuckets(reader, "an OpenAI costs page", "start_time", "a bucket has no start_time in Unix seconds",
            bucket => JsonPages.UnixSeconds(bucket, "start_time"), ReadResult, CostLineReadResult.Rejected);

    private static CostLineReadResult ReadResult(long entry, DateTime start, JsonElement bucket, JsonElement r)
    {
        var end = JsonPages.UnixSeconds(bucket, "end_time") ?? start.AddDays(1);
        if (!r.TryGetProperty("amount", out var amount) || amount.ValueKind != JsonValueKind.Object
            || !amount.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return CostLineReadResult.Rejected(entry, "amount", "is missing: each result needs an amount with a value in dollars");
        }
        if (!value.TryGetDecimal(out var dollars))
        {
            return CostLineReadResult.Rejected(entry, "amount", $"{Excerpt.Of(value.GetRawText())} is out of range for an amount");
        }
        if ((JsonPages.Text(amount, "currency") ?? "usd") is var currency && !currency.Equals("usd", StringComparison.OrdinalIgnoreCase))
        {
            return CostLineReadResult.Rejected(entry, "currency", $"{Excerpt.Of(currency)} is not supported: the costs must be in USD");
        }
        var lineItem = JsonPages.Text(r, "line_item");
        var project = JsonPages.Text(r, "project_id");
        var (model, charge) = LineItem(lineItem);
        var key = NaturalKeys.ForRequest("openai", $"cost|{start:O}|{end:O}|{project}|{JsonPages.Text(r, "api_key_id")}|{lineItem}");
        var description = lineItem ?? "OpenAI charge";
        return CostLineReadResult.Ok(new CostLineRow(entry, CostLineKinds.Billed, start, end, "openai", model, project ?? "unassigned",
            description.Length <= 200 ? description : description[..200], null, null, null, dollars, key)
        {
            ChargeClass = charge,
        });
    }

    /// <summary>
    /// The model and charge a line item names: "gpt-4o, input" is the model's input, "gpt-4o, cached input (batch)" its cached
    /// input, and a line item without a model ("web search tool calls") a charge of its own kind. Null and null for a result
    /// not grouped by line item.
    /// </summary>
    public static (string? Model, string? Charge) LineItem(string? lineItem)
    {
        if (string.IsNullOrWhiteSpace(lineItem))
        {
            return (null, null);
        }
        var comma = lineItem.LastIndexOf(',');
        if (comma <= 0)
        {
            return (null, ChargeClasses.Named(lineItem));
        }
        var model = lineItem[..comma].Trim();
        var charge = lineItem[(comma + 1)..].Trim().ToLowerInvariant();
        // A service tier or the batch API in brackets does not change what the charge is for.
        if (charge.IndexOf('(') is > 0 and var bracket)
        {
            charge = charge[..bracket].TrimEnd();
        }
        return (model, charge switch
        {
            "input" or "text input" or "uncached input" => ChargeClasses.Input,
            "cached input" or "cached text input" => ChargeClasses.CachedInput,
            "output" or "text output" => ChargeClasses.Output,
            _ => ChargeClasses.Named(charge),
        });
    }
}
