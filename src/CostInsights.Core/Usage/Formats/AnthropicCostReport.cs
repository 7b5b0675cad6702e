using System.Globalization;
using System.Text.Json;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// Anthropic's Admin API cost report (<c>/v1/organizations/cost_report</c>): pages of time buckets,
/// each with results whose <c>amount</c> is a decimal string in cents. Each result becomes a billed
/// cost line of its bucket, in dollars exactly; the workspace is the team.
/// </summary>
public static class AnthropicCostReport
{
    public const string Format = "anthropic-cost-report";

    /// <summary>Whether the text starts like a cost report page: results with an amount and a cost type.</summary>
    public static bool Looks(string start) =>
        start.Contains("\"amount\"", StringComparison.Ordinal)
            && (start.Contains("\"cost_type\"", StringComparison.Ordinal) || start.Contains("\"currency\"", StringComparison.Ordinal));

    /// <summary><c>"1234.5678"</c> cents is exactly $12.345678.</summary>
    public static decimal CentsToDollars(string amount)
    {
        if (!decimal.TryParse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cents))
        {
            throw new FormatException($"amount '{amount}' is not a decimal number of cents");
        }
        return cents / 100m;
    }

    public static IEnumerable<CostLineReadResult> Read(TextReader reader) =>
        JsonPages.ReadBuckets(reader, "an Anthropic cost report page", "starting_at", "a bucket has no starting_at time",
            bucket => Time(bucket, "starting_at"), ReadResult, CostLineReadResult.Rejected);

    private static DateTime? Time(JsonElement e, string name) =>
        JsonPages.Text(e, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var t) ? t.UtcDateTime : null;

    private static CostLineReadResult ReadResult(long entry, DateTime start, JsonElement bucket, JsonElement r)
    {
        var end = Time(bucket, "ending_at") ?? start.AddDays(1);
        if ((JsonPages.Text(r, "currency") ?? "USD") is var currency and not "USD")
        {
            return CostLineReadResult.Rejected(entry, "currency", $"{currency} is not supported: the cost report must be in USD");
        }
        if (!r.TryGetProperty("amount", out var amount) || amount.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return CostLineReadResult.Rejected(entry, "amount", "is missing");
        }
        decimal dollars;
        try
        {
            dollars = CentsToDollars(amount.ValueKind == JsonValueKind.String ? amount.GetString()! : amount.GetRawText());
        }
        catch (FormatException e)
        {
            return CostLineReadResult.Rejected(entry, "amount", e.Message);
        }
        var model = JsonPages.Text(r, "model");
        var workspace = JsonPages.Text(r, "workspace_id") ?? "default";
        var parts = new[] { JsonPages.Text(r, "description"), JsonPages.Text(r, "cost_type"), JsonPages.Text(r, "token_type"),
            JsonPages.Text(r, "service_tier"), JsonPages.Text(r, "context_window") };
        var description = string.Join(", ", parts.Where(p => p is not null)) is { Length: > 0 } d ? d : "Anthropic charge";
        var key = NaturalKeys.ForRequest("anthropic", $"cost|{start:O}|{end:O}|{workspace}|{model}|{string.Join('|', parts)}");
        return CostLineReadResult.Ok(new CostLineRow(entry, CostLineKinds.Billed, start, end, "anthropic", model, workspace,
            description.Length <= 200 ? description : description[..200], null, null, null, dollars, key)
        {
            ChargeClass = ChargeClasses.FromAnthropic(parts[1], parts[2]),
        });
    }
}
