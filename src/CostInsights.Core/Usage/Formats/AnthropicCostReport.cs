using System.Globalization;
using System.Text.Json;

namespace CostInsights.Core.Usage.Formats;

/// <summary>One line of what Anthropic billed: a bucket of time, what was charged for, and the amount in dollars.</summary>
public sealed record BilledCost(DateTime StartingAt, DateTime EndingAt, string? Model, string? WorkspaceId, string? CostType, string? TokenType, string? ServiceTier, decimal AmountUsd);

/// <summary>
/// Anthropic's Admin API cost report (<c>/v1/organizations/cost_report</c>): pages of time buckets,
/// each with results whose <c>amount</c> is a decimal string in cents. Cents become dollars exactly.
/// </summary>
public static class AnthropicCostReport
{
    /// <summary><c>"1234.5678"</c> cents is exactly $12.345678.</summary>
    public static decimal CentsToDollars(string amount)
    {
        if (!decimal.TryParse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cents))
        {
            throw new FormatException($"amount '{amount}' is not a decimal number of cents");
        }
        return cents / 100m;
    }

    public static IReadOnlyList<BilledCost> Read(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var lines = new List<BilledCost>();
        foreach (var bucket in document.RootElement.GetProperty("data").EnumerateArray())
        {
            var start = bucket.GetProperty("starting_at").GetDateTimeOffset().UtcDateTime;
            var end = bucket.GetProperty("ending_at").GetDateTimeOffset().UtcDateTime;
            foreach (var result in bucket.GetProperty("results").EnumerateArray())
            {
                var currency = Text(result, "currency") ?? "USD";
                if (currency != "USD")
                {
                    throw new FormatException($"currency {currency} is not supported: the cost report must be in USD");
                }
                var amount = result.GetProperty("amount");
                lines.Add(new BilledCost(start, end, Text(result, "model"), Text(result, "workspace_id"), Text(result, "cost_type"),
                    Text(result, "token_type"), Text(result, "service_tier"),
                    CentsToDollars(amount.ValueKind == JsonValueKind.String ? amount.GetString()! : amount.GetRawText())));
            }
        }
        return lines;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
