using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CostInsights.Core.Usage;

/// <summary>
/// Costs as FOCUS 1.2 rows (the FinOps Open Cost and Usage Specification): one usage charge a day
/// per provider, model and team, and one row per billed or compute-time cost line, with every
/// mandatory column filled. Costs are at the prices in
/// force (list prices: billed, effective, list and contracted cost are the same amount); the
/// pricing quantity is tokens.
/// </summary>
public static class FocusExport
{
    /// <summary>The mandatory columns of FOCUS 1.2, then the conditional and recommended ones we can fill.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost",
        "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
        "ServiceCategory", "ServiceName",
        "ChargeFrequency", "ConsumedQuantity", "ConsumedUnit", "ResourceId", "ResourceName", "ResourceType", "SkuId", "Tags",
    ];

    /// <summary>Rows of values in <see cref="Columns"/>' order: usage day by day, then the period's cost lines.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<object?>> RowsAsync(IAsyncEnumerable<UsageSlice> slices, IAsyncEnumerable<CostLine> lines,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var charges = new SortedDictionary<(DateTime Day, string Provider, string Model, string Team), UsageSum>();
        await foreach (var s in slices.WithCancellation(cancellationToken))
        {
            var key = (DateTime.SpecifyKind(s.At.Date, DateTimeKind.Utc), s.Provider, s.Model, s.Team);
            charges[key] = charges.GetValueOrDefault(key, UsageSum.Zero).Add(s);
        }
        foreach (var ((day, provider, model, team), sum) in charges)
        {
            var month = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var tokens = sum.InputTokens + sum.OutputTokens;
            yield return
            [
                sum.TokenCost, $"{provider}-account", provider, "USD", Time(month.AddMonths(1)), Time(month),
                "Usage", null, $"{model}: {tokens:N0} tokens in {sum.Requests:N0} requests for team {team}", Time(day.AddDays(1)), Time(day), sum.TokenCost,
                sum.TokenCost, provider, sum.TokenCost, (decimal)tokens, "Tokens", provider, provider,
                "AI and Machine Learning", $"{provider} language models",
                "Usage-Based", (decimal)tokens, "Tokens", $"{provider}/{model}", model, "Language model", $"{provider}/{model}",
                JsonSerializer.Serialize(new Dictionary<string, string> { ["team"] = team }),
            ];
        }
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            var month = new DateTime(line.PeriodStart.Year, line.PeriodStart.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var resource = line.Model is null ? line.Provider : $"{line.Provider}/{line.Model}";
            var frequency = line.Kind == CostLineKinds.ComputeTime && line.Unit == "unit-hours" ? "Recurring" : "Usage-Based";
            yield return
            [
                line.Amount, $"{line.Provider}-account", line.Provider, "USD", Time(month.AddMonths(1)), Time(month),
                "Usage", null, $"{(line.Kind == CostLineKinds.ComputeTime ? "Compute time" : "Billed")}: {line.Description} for team {line.Team}",
                Time(line.PeriodEnd), Time(line.PeriodStart), line.Amount,
                line.Amount, line.Provider, line.Amount, line.Quantity, Unit(line.Unit), line.Provider, line.Provider,
                "AI and Machine Learning", $"{line.Provider} language models",
                frequency, line.Quantity, Unit(line.Unit), resource, line.Model ?? line.Provider,
                    line.Kind == CostLineKinds.ComputeTime ? "Compute capacity" : "Language model", resource,
                JsonSerializer.Serialize(new Dictionary<string, string> { ["team"] = line.Team, ["source"] = line.Kind }),
            ];
        }
    }

    private static string Unit(string unit) => unit switch
    {
        "unit-hours" => "Hours",
        "compute-seconds" => "Seconds",
        _ => "Currency",
    };

    private static string Time(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
